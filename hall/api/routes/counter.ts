// Counter routes: staff sign-in and the counter's actions. A counter terminal
// acts only on its own counter, and only with a signed-in staff session.
// Rule-bound actions (特呼, 挂起, 恢复, 转窗 to a counter, 过号重排) name tickets
// by id or by the number the visitor shows; refusals are 409 with the engine's
// code and facts (docs/api.md "Counter rules").
// Access: the terminal role is declared in hall/api/contract.ts and enforced by the
// Router; an unknown counter is a 404 before that (`before`), as it always was. The
// counter's own checks stay here: the terminal belongs to the counter, the staff
// session is this counter's and its staff member is the one signed in.
import { ApiError, readBody, type RequestContext } from '../http.js';
import type { Router } from '../router.js';
import type { TerminalIdentity } from '../../auth/tokens.js';
import { checkCredentials, ownCounter, staffSessionOf } from '../access.js';
import { callSpecificSchema, emptySchema, resumeSuspendedSchema, suspendSchema, transferSchema } from '../requests.js';
import { counterCommand, DomainError, type CounterActionName, type HallCommand } from '../../domain/index.js';
import { COUNTER_ACTION_PATHS, type CounterActionPath } from '../contract.js';
import type { RejoinResponse } from '../dto.js';
import { ticketByNumber } from '../counter-rules-view.js';
import type { ApiDeps } from './deps.js';

const ACTIONS: readonly string[] = COUNTER_ACTION_PATHS;
type ActionPath = CounterActionPath;

/** Staff roles that may put a returning no-show back in line (counter staff and guides). */
const REJOIN_ROLES = new Set(['counter', 'guide', 'manager']);

export function counterRoutes(router: Router, deps: ApiDeps): void {
  const counterExists = (id: string) => {
    if (!deps.runtime.setup.counters.has(id)) throw new ApiError(404, 'not_found', `no counter "${id}"`);
  };
  /** Mount option: an unknown counter is a 404 before the access check. */
  const knownCounter = { before: (params: { counterId: string }) => counterExists(params.counterId) };

  /** The signed-in staff member of this counter terminal; 401 when the session is missing or for another counter. */
  const staffAt = (ctx: RequestContext, terminal: TerminalIdentity, counterId: string) => {
    ownCounter(terminal, counterId);
    const session = staffSessionOf(deps, ctx, terminal);
    if (session.counterId !== counterId) throw new ApiError(401, 'unauthenticated', 'this session belongs to another counter');
    return session;
  };

  router.route(
    'counterSignIn',
    async (ctx) => {
      const counterId = ctx.params.counterId;
      const terminal = ctx.terminal;
      ownCounter(terminal, counterId);
      const body = await ctx.body();
      const staff = checkCredentials(deps, terminal, body.staffNo, body.pin);
      if (!staff.roles.includes('counter')) throw new ApiError(403, 'forbidden', `${staff.name} is not counter staff`);
      deps.runtime.execute({ type: 'sign_in', counterId, staffId: staff.id });
      const expiresAt = deps.now() + deps.config.timeouts.staffSessionHours * 3_600_000;
      const sessionToken = deps.sessions.create({ staffId: staff.id, counterId, terminalId: terminal.id, expiresAt }, deps.now());
      return { sessionToken, staff: { id: staff.id, staffNo: staff.staffNo, name: staff.name, post: staff.post, roles: staff.roles }, counterId, expiresAt };
    },
    knownCounter,
  );

  router.route(
    'counterSignOut',
    (ctx) => {
      const counterId = ctx.params.counterId;
      const session = staffAt(ctx, ctx.terminal, counterId);
      const counter = deps.runtime.state.counters.get(counterId)!;
      if (counter.staffId === session.staffId) deps.runtime.execute({ type: 'sign_out', counterId });
      deps.sessions.end(String(ctx.req.headers['x-staff-session']), deps.now());
      return { ok: true };
    },
    knownCounter,
  );

  /** staffAt, and the session's staff member is the one signed in at the counter now (the counter exists: `knownCounter`). */
  const workingAt = (ctx: RequestContext, terminal: TerminalIdentity, counterId: string) => {
    const session = staffAt(ctx, terminal, counterId);
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

  router.route(
    'counterView',
    (ctx) => {
      workingAt(ctx, ctx.terminal, ctx.params.counterId);
      return deps.views.counterView(ctx.params.counterId);
    },
    knownCounter,
  );

  // The body depends on the action: commandOf validates it with that action's schema.
  router.route(
    'counterAction',
    async (ctx) => {
      const counterId = ctx.params.counterId;
      workingAt(ctx, ctx.terminal, counterId);
      deps.runtime.execute(await commandOf(ctx, counterId, ctx.params.action as ActionPath));
      return deps.views.counterView(counterId);
    },
    {
      before: ({ counterId, action }) => {
        counterExists(counterId);
        if (!ACTIONS.includes(action)) throw new ApiError(404, 'not_found', `no counter action "${action}"`);
      },
    },
  );

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
  router.route(
    'counterRejoin',
    async (ctx) => {
      workingAt(ctx, ctx.terminal, ctx.params.counterId);
      return rejoin((await ctx.body()).number);
    },
    knownCounter,
  );

  /** 过号重排 by a guide at a kiosk or the admin page: the guide's credentials confirm it. */
  router.route('guideRejoin', async (ctx) => {
    const body = await ctx.body();
    const staff = checkCredentials(deps, ctx.terminal, body.staffNo, body.pin);
    if (!staff.roles.some((r) => REJOIN_ROLES.has(r))) throw new ApiError(403, 'forbidden', `${staff.name} may not put a no-show back in line`);
    return rejoin(body.number);
  });

  router.route(
    'counterDisplay',
    (ctx) => {
      ownCounter(ctx.terminal, ctx.params.counterId, true);
      return deps.views.counterDisplay(ctx.params.counterId);
    },
    knownCounter,
  );
}
