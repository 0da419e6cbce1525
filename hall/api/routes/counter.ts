// Counter routes: staff sign-in and the counter's actions. A counter terminal
// acts only on its own counter, and only with a signed-in staff session.
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { checkCredentials, ownCounter, staffSessionOf, terminalOf } from '../access.js';
import { emptySchema, signInSchema, transferSchema } from '../requests.js';
import { counterCommand, type CounterActionName, type HallCommand } from '../../domain/index.js';
import type { CounterViewDTO, StaffSessionDTO } from '../dto.js';
import type { ApiDeps } from './deps.js';

const ACTIONS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'pause', 'resume'] as const;
type ActionPath = (typeof ACTIONS)[number];

export function counterRoutes(router: Router, deps: ApiDeps): void {
  const counterExists = (id: string) => {
    if (!deps.runtime.setup.counters.has(id)) throw new ApiError(404, 'not_found', `no counter "${id}"`);
  };

  /** The signed-in staff member of this counter terminal; 401 when the session is missing or for another counter. */
  const staffAt = (ctx: RequestContext, counterId: string) => {
    const terminal = terminalOf(deps, ctx, 'counter');
    ownCounter(terminal, counterId);
    const session = staffSessionOf(deps, ctx, terminal);
    if (session.counterId !== counterId) throw new ApiError(401, 'unauthenticated', 'this session belongs to another counter');
    return session;
  };

  router.add('POST', '/api/v1/counters/:counterId/session', async (ctx): Promise<StaffSessionDTO> => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    const terminal = terminalOf(deps, ctx, 'counter');
    ownCounter(terminal, counterId);
    const body = await readBody(ctx.req, signInSchema);
    const staff = checkCredentials(deps, body.staffNo, body.pin);
    if (!staff.roles.includes('counter')) throw new ApiError(403, 'forbidden', `${staff.name} is not counter staff`);
    deps.runtime.execute({ type: 'sign_in', counterId, staffId: staff.id });
    const expiresAt = deps.now() + deps.config.timeouts.staffSessionHours * 3_600_000;
    const sessionToken = deps.sessions.create({ staffId: staff.id, counterId, terminalId: terminal.id, expiresAt }, deps.now());
    return { sessionToken, staff: { id: staff.id, staffNo: staff.staffNo, name: staff.name, post: staff.post, roles: staff.roles }, counterId, expiresAt };
  });

  router.add('DELETE', '/api/v1/counters/:counterId/session', (ctx) => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    const session = staffAt(ctx, counterId);
    const counter = deps.runtime.state.counters.get(counterId)!;
    if (counter.staffId === session.staffId) deps.runtime.execute({ type: 'sign_out', counterId });
    deps.sessions.end(String(ctx.req.headers['x-staff-session']), deps.now());
    return { ok: true };
  });

  router.add('GET', '/api/v1/counters/:counterId', (ctx): CounterViewDTO => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    const session = staffAt(ctx, counterId);
    if (deps.runtime.state.counters.get(counterId)!.staffId !== session.staffId) {
      throw new ApiError(401, 'unauthenticated', 'another staff member signed in at this counter');
    }
    return deps.views.counterView(counterId);
  });

  router.add('POST', '/api/v1/counters/:counterId/actions/:action', async (ctx): Promise<CounterViewDTO> => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    const action = ctx.params.action as ActionPath;
    if (!ACTIONS.includes(action)) throw new ApiError(404, 'not_found', `no counter action "${action}"`);
    const session = staffAt(ctx, counterId);
    if (deps.runtime.state.counters.get(counterId)!.staffId !== session.staffId) {
      throw new ApiError(401, 'unauthenticated', 'another staff member signed in at this counter');
    }
    const cmd: HallCommand =
      action === 'transfer'
        ? { type: 'transfer', counterId, toQueueId: (await readBody(ctx.req, transferSchema)).toQueueId }
        : (await readBody(ctx.req, emptySchema), counterCommand(action.replace('-', '_') as CounterActionName, counterId, deps.runtime.newId()));
    deps.runtime.execute(cmd);
    return deps.views.counterView(counterId);
  });

  router.add('GET', '/api/v1/counters/:counterId/display', (ctx) => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    ownCounter(terminalOf(deps, ctx, 'counter_display', 'counter', 'admin'), counterId, true);
    return deps.views.counterDisplay(counterId);
  });
}
