// Counter routes: staff sign-in and the counter's actions. A counter terminal
// acts only on its own counter, and only with a signed-in staff session.
// Rule-bound actions (特呼, 挂起, 恢复, 转窗 to a counter, 过号重排) name tickets
// by id or by the number the visitor shows; refusals are 409 with the engine's
// code and facts (docs/api.md "Counter rules").
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { checkCredentials, ownCounter, staffSessionOf, terminalOf } from '../access.js';
import {
  callSpecificSchema,
  emptySchema,
  guideRejoinSchema,
  rejoinSchema,
  resumeSuspendedSchema,
  signInSchema,
  suspendSchema,
  transferSchema,
} from '../requests.js';
import { counterCommand, DomainError, type CounterActionName, type HallCommand } from '../../domain/index.js';
import type { CounterViewDTO, RejoinResponse, StaffSessionDTO } from '../dto.js';
import { ticketByNumber } from '../counter-rules-view.js';
import type { ApiDeps } from './deps.js';

const ACTIONS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'pause', 'resume', 'call-specific', 'suspend', 'resume-suspended'] as const;
type ActionPath = (typeof ACTIONS)[number];

/** Staff roles that may put a returning no-show back in line (counter staff and guides). */
const REJOIN_ROLES = new Set(['counter', 'guide', 'manager']);

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
    const staff = checkCredentials(deps, terminal, body.staffNo, body.pin);
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

  /** staffAt, and the session's staff member is the one signed in at the counter now. */
  const workingAt = (ctx: RequestContext, counterId: string) => {
    counterExists(counterId);
    const session = staffAt(ctx, counterId);
    if (deps.runtime.state.counters.get(counterId)!.staffId !== session.staffId) {
      throw new ApiError(401, 'unauthenticated', 'another staff member signed in at this counter');
    }
    return session;
  };

  /** A ticket of today named by id or by its number; unknown ones are refused like the engine does. */
  const ticketIdOf = (ref: { ticketId?: string; number?: string }): string => {
    if (ref.ticketId !== undefined) return ref.ticketId;
    const ticket = ticketByNumber(deps.runtime.state, ref.number ?? '');
    if (!ticket) throw new DomainError('unknown_ticket', `no ticket numbered "${ref.number}" today`, { number: ref.number ?? '' });
    return ticket.id;
  };

  const rejoin = (number: string): RejoinResponse => {
    const ticketId = ticketIdOf({ number });
    const stored = deps.runtime.execute({ type: 'rejoin', ticketId });
    const event = stored.find((e) => e.type === 'ticket_rejoined');
    return { ticket: deps.views.ticket(deps.runtime.state.tickets.get(ticketId)!), placesAhead: Number(event?.payload.placesAhead ?? 0) };
  };

  router.add('GET', '/api/v1/counters/:counterId', (ctx): CounterViewDTO => {
    const counterId = ctx.params.counterId!;
    workingAt(ctx, counterId);
    return deps.views.counterView(counterId);
  });

  router.add('POST', '/api/v1/counters/:counterId/actions/:action', async (ctx): Promise<CounterViewDTO> => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    const action = ctx.params.action as ActionPath;
    if (!ACTIONS.includes(action)) throw new ApiError(404, 'not_found', `no counter action "${action}"`);
    workingAt(ctx, counterId);
    deps.runtime.execute(await commandOf(ctx, counterId, action));
    return deps.views.counterView(counterId);
  });

  const commandOf = async (ctx: RequestContext, counterId: string, action: ActionPath): Promise<HallCommand> => {
    switch (action) {
      case 'transfer': {
        const body = await readBody(ctx.req, transferSchema);
        return { type: 'transfer', counterId, toQueueId: body.toQueueId ?? null, toCounterId: body.toCounterId ?? null };
      }
      case 'call-specific': {
        const body = await readBody(ctx.req, callSpecificSchema);
        return { type: 'call_specific', counterId, ticketId: ticketIdOf(body), reason: body.reason };
      }
      case 'suspend': {
        const body = await readBody(ctx.req, suspendSchema);
        return { type: 'suspend', counterId, reason: body.reason, minutes: body.minutes ?? null };
      }
      case 'resume-suspended':
        return { type: 'resume_suspended', counterId, ticketId: ticketIdOf(await readBody(ctx.req, resumeSuspendedSchema)) };
      default:
        await readBody(ctx.req, emptySchema);
        return counterCommand(action.replace('-', '_') as CounterActionName, counterId, deps.runtime.newId());
    }
  };

  /** 过号重排 at a counter: the staff member signed in here puts a returning visitor back in line. */
  router.add('POST', '/api/v1/counters/:counterId/rejoin', async (ctx): Promise<RejoinResponse> => {
    workingAt(ctx, ctx.params.counterId!);
    return rejoin((await readBody(ctx.req, rejoinSchema)).number);
  });

  /** 过号重排 by a guide at a kiosk or the admin page: the guide's credentials confirm it. */
  router.add('POST', '/api/v1/rejoin', async (ctx): Promise<RejoinResponse> => {
    const terminal = terminalOf(deps, ctx, 'kiosk', 'admin');
    const body = await readBody(ctx.req, guideRejoinSchema);
    const staff = checkCredentials(deps, terminal, body.staffNo, body.pin);
    if (!staff.roles.some((r) => REJOIN_ROLES.has(r))) throw new ApiError(403, 'forbidden', `${staff.name} may not put a no-show back in line`);
    return rejoin(body.number);
  });

  router.add('GET', '/api/v1/counters/:counterId/display', (ctx) => {
    const counterId = ctx.params.counterId!;
    counterExists(counterId);
    ownCounter(terminalOf(deps, ctx, 'counter_display', 'counter', 'admin'), counterId, true);
    return deps.views.counterDisplay(counterId);
  });
}
