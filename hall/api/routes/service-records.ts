// Service-record routes (docs/service-records.md): cases at counters (首问负责, 容缺受理 over
// days with its printed 告知, 限时办结), complaints and 上门服务 requests from kiosks and
// counters, guides' help (帮办代办), and the manager's views and answers.
// Access: declared in hall/api/contract.ts and enforced by the Router; a counter terminal acts
// on its own counter with the staff member signed in there (as the counter routes); replies
// and home-visit scheduling need a manager.
import { ApiError, type RequestContext } from '../http.js';
import type { Router } from '../router.js';
import type { TerminalIdentity } from '../../auth/tokens.js';
import { checkCredentials, ownCounter, staffSessionOf } from '../access.js';
import { ticketByNumber } from '../counter-rules-view.js';
import type { ApiDeps } from './deps.js';
import type { ServiceRecords } from '../../records/service-records.js';
import type { CounterActor } from '../../records/case-book.js';
import type { AssistKind, Ticket } from '../../domain/index.js';
import type { PrintOutcomeDTO } from '../dto.js';

export interface ServiceRecordRouteDeps extends ApiDeps {
  records: ServiceRecords;
}

/** Staff roles that may take or hold a ticket for a visitor (蓝马甲 guides, and managers). */
const GUIDE_ROLES = new Set(['guide', 'manager']);

export function serviceRecordRoutes(router: Router, deps: ServiceRecordRouteDeps): void {
  const { records } = deps;
  const knownCounter = {
    before: (params: { counterId: string }) => {
      if (!deps.runtime.setup.counters.has(params.counterId)) throw new ApiError(404, 'not_found', `no counter "${params.counterId}"`);
    },
  };
  /** The counter and the staff member signed in there, from this terminal's staff session. */
  const actorAt = (ctx: RequestContext, terminal: TerminalIdentity, counterId: string): CounterActor => {
    ownCounter(terminal, counterId);
    const session = staffSessionOf(deps, ctx, terminal);
    const counter = deps.runtime.state.counters.get(counterId)!;
    if (session.counterId !== counterId || counter.staffId !== session.staffId) throw new ApiError(401, 'unauthenticated', 'sign in at this counter first');
    return { counterId, staffId: session.staffId };
  };
  const currentTicket = (counterId: string): Ticket | null => {
    const id = deps.runtime.state.counters.get(counterId)?.currentTicketId;
    return id ? (deps.runtime.state.tickets.get(id) ?? null) : null;
  };
  const manager = (staffId: string) => {
    const staff = deps.config.staff.find((s) => s.id === staffId);
    if (!staff?.roles.includes('manager')) throw new ApiError(403, 'forbidden', 'only the hall manager may do this');
    return staff;
  };

  // ---- cases at a counter ----
  router.route(
    'caseOpen',
    async (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const body = await ctx.body();
      const ticket = body.withCurrentTicket === false ? null : currentTicket(actor.counterId);
      const matterId = body.matterId ?? ticket?.matterId;
      if (!matterId) throw new ApiError(400, 'bad_request', 'name the matter: no ticket is being served at this counter');
      if (!deps.config.matters.some((m) => m.id === matterId)) throw new ApiError(404, 'not_found', `no matter "${matterId}"`);
      return records.cases.open(actor, { question: body.question, matterId, ticketId: ticket?.id ?? null, ticketNumber: ticket?.number ?? null });
    },
    knownCounter,
  );
  router.route(
    'counterCases',
    (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const q = ctx.url.searchParams.get('q');
      const cases = q ? records.cases.find(q) : records.cases.list({ ownerCounterId: actor.counterId });
      const ticket = currentTicket(actor.counterId);
      return { ...records.caseList(cases), currentAssist: ticket ? records.assists.of(ticket.id) : null };
    },
    knownCounter,
  );
  router.route(
    'caseHandOver',
    async (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const body = await ctx.body();
      return records.cases.handOver(ctx.params.caseId, actor, body.toCounterId, body.note);
    },
    knownCounter,
  );
  router.route(
    'caseAcceptPending',
    async (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const body = await ctx.body();
      const accepted = records.cases.acceptPending(ctx.params.caseId, actor, body.missing, body.workingDays);
      // The promise stands whatever the printer does; the counter sees the print's outcome.
      const print: PrintOutcomeDTO = await records.printPendingNotice(accepted, actor, body.printAt);
      return { case: accepted, print };
    },
    knownCounter,
  );
  router.route('caseSupplied', (ctx) => records.cases.supplyMaterials(ctx.params.caseId, actorAt(ctx, ctx.terminal, ctx.params.counterId)), knownCounter);
  router.route('caseAccept', (ctx) => records.cases.accept(ctx.params.caseId, actorAt(ctx, ctx.terminal, ctx.params.counterId)), knownCounter);
  router.route('caseComplete', (ctx) => records.cases.complete(ctx.params.caseId, actorAt(ctx, ctx.terminal, ctx.params.counterId)), knownCounter);

  // ---- complaints and home visits: kiosk and counter intake ----
  router.route('kioskComplaint', async (ctx) => records.complaints.receive({ channel: 'kiosk', terminalId: ctx.terminal.id, counterId: null }, await ctx.body()));
  router.route(
    'counterComplaint',
    async (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      return records.complaints.receive({ channel: 'counter', terminalId: ctx.terminal.id, counterId: actor.counterId }, await ctx.body());
    },
    knownCounter,
  );
  const knownMatter = (matterId: string) => {
    if (!deps.config.matters.some((m) => m.id === matterId)) throw new ApiError(404, 'not_found', `no matter "${matterId}"`);
  };
  router.route('kioskHomeVisit', async (ctx) => {
    const body = await ctx.body();
    knownMatter(body.matterId);
    return records.homeVisits.request('kiosk', body);
  });
  router.route(
    'counterHomeVisit',
    async (ctx) => {
      actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const body = await ctx.body();
      knownMatter(body.matterId);
      return records.homeVisits.request('counter_phone', body);
    },
    knownCounter,
  );

  // ---- 帮办代办 ----
  /** The matter of the help-and-agency counter's queue (帮办代办窗口, 004 第二十四条): where a guide takes a ticket when the visitor's matter is not yet known. */
  const helpMatter = (): string => {
    const queues = new Set(deps.config.counters.filter((c) => c.kind === 'help_agency').flatMap((c) => c.queueIds ?? []));
    const matter = deps.config.matters.find((m) => queues.has(m.queueId));
    if (!matter) throw new ApiError(409, 'no_help_counter', 'this hall has no help-and-agency counter (kind help_agency) with a matter in its queue: name the matter');
    return matter.id;
  };
  router.route('guideAssist', async (ctx) => {
    const body = await ctx.body();
    const staff = checkCredentials(deps, ctx.terminal, body.staffNo, body.pin);
    if (!staff.roles.some((r) => GUIDE_ROLES.has(r))) throw new ApiError(403, 'forbidden', `${staff.name} is not a guide`);
    let ticket: Ticket | null;
    if (body.number !== undefined) {
      ticket = ticketByNumber(deps.runtime.state, body.number);
      if (!ticket) throw new ApiError(404, 'not_found', `no ticket ${body.number} today`);
    } else {
      const matterId = body.matterId ?? helpMatter();
      const ticketId = deps.runtime.newId();
      deps.runtime.execute({ type: 'issue_ticket', ticketId, matterId, greenCategory: null, kioskId: ctx.terminal.role === 'kiosk' ? ctx.terminal.id : null });
      ticket = deps.runtime.state.tickets.get(ticketId)!;
    }
    const kinds: AssistKind[] = ['accompany', ...(body.proxy ? [body.proxy] : [])];
    return records.assists.mark(ticket, staff.id, kinds);
  });
  router.route(
    'counterAssist',
    async (ctx) => {
      const actor = actorAt(ctx, ctx.terminal, ctx.params.counterId);
      const body = await ctx.body();
      const ticket = currentTicket(actor.counterId);
      if (!ticket) throw new ApiError(409, 'no_current_ticket', 'no ticket is being served at this counter');
      return records.assists.mark(ticket, actor.staffId!, [body.kind]);
    },
    knownCounter,
  );

  // ---- the manager ----
  router.route('adminCases', () => records.caseList(records.cases.list({ closedSince: deps.now() - 7 * 86_400_000 })));
  router.route('adminComplaints', () => records.complaints.list());
  router.route('replyComplaint', async (ctx) => {
    const staff = manager(ctx.staff.staffId);
    return records.complaints.reply(ctx.params.complaintId, staff.id, (await ctx.body()).reply);
  });
  router.route('adminHomeVisits', () => ({ visits: records.homeVisits.list(), staff: deps.config.staff.map((s) => ({ id: s.id, name: s.name, post: s.post })) }));
  router.route('homeVisitAction', async (ctx) => {
    const staff = manager(ctx.staff.staffId);
    return records.homeVisits.act(ctx.params.visitId, await ctx.body(), staff.id);
  });
  router.route('adminAssists', (ctx) => records.assists.day(ctx.url.searchParams.get('day') ?? deps.runtime.state.serviceDay));
}
