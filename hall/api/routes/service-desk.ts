// Service-desk routes (docs/service-desk.md, issue 13): the kiosk's offers when a queue's
// numbers for today are gone (never a bare "no"), announced pauses for displays and kiosks,
// and 办不成事 cases — recorded at a counter, escalated to the leader on duty on site, answered
// on the admin page, all visible to the manager.
// Access is declared in hall/api/contract.ts and enforced by the Router; the counter's own
// checks (its terminal, its signed-in staff member) are made here, as in counter.ts.
// Contract: an offer taken is one cap_offer_taken event, committed with the ticket it issues
// (the 办不成事/综合 counter) or after the appointment it books (next working day).
import { ApiError } from '../http.js';
import type { RouteContext, Router } from '../router.js';
import { ownCounter, staffSessionOf } from '../access.js';
import { localParts } from '../../domain/index.js';
import type { AppointmentStore } from '../../appointments/store.js';
import { qrContent } from '../../appointments/codes.js';
import { zoneOf } from '../kiosk-views.js';
import { configWarnings } from '../../config/service-desk-warnings.js';
import { CapOffers } from '../../service-desk/cap-offers.js';
import { leaderOnDuty, UnresolvedCases, type UnresolvedCase } from '../../service-desk/unresolved-cases.js';
import type { ServiceNotice } from '../../service-desk/notices.js';
import { renderBookingSlip } from '../../service-desk/booking-slip.js';
import type { ServiceNoticeDTO, TakeCapOfferResponse, UnresolvedCaseDTO } from '../dto.js';
import { deliverTicket } from './kiosk.js';
import type { ApiDeps } from './deps.js';

export interface ServiceDeskRouteDeps extends ApiDeps {
  appointments: AppointmentStore;
}

export function serviceDeskRoutes(router: Router, deps: ServiceDeskRouteDeps): void {
  const { config, runtime, notices } = deps;
  const cases = new UnresolvedCases(config, runtime);
  const offers = new CapOffers(config, runtime, notices, (slotStart) => deps.appointments.countStartingAt(slotStart));
  const staffOf = (id: string | null) => (id ? (config.staff.find((s) => s.id === id) ?? null) : null);
  const matterName = (id: string) => config.matters.find((m) => m.id === id)?.name ?? id;

  const noticeDto = (n: ServiceNotice): ServiceNoticeDTO => ({
    noticeId: n.noticeId,
    counterId: n.counterId,
    counterNumber: n.counterId ? (config.counters.find((c) => c.id === n.counterId)?.number ?? null) : null,
    queueId: n.queueId,
    queueName: n.queueId ? (config.queues.find((q) => q.id === n.queueId)?.name ?? null) : null,
    reasonId: n.reasonId,
    reasonLabel: config.serviceDesk.pauseReasons.find((r) => r.id === n.reasonId)?.label ?? n.reasonId,
    startsAt: n.startsAt,
    resumesAt: n.resumesAt,
    active: n.startsAt <= deps.now(),
  });

  const caseDto = (c: UnresolvedCase): UnresolvedCaseDTO => {
    const leader = staffOf(c.escalatedTo);
    return {
      caseId: c.caseId,
      recordedAt: c.recordedAt,
      counterId: c.counterId,
      counterNumber: config.counters.find((k) => k.id === c.counterId)?.number ?? 0,
      staffName: staffOf(c.staffId)?.name ?? null,
      matterId: c.matterId,
      matterName: c.matterId ? matterName(c.matterId) : null,
      ticketNumber: c.ticketNumber,
      summary: c.summary,
      escalatedTo: leader ? { staffId: leader.id, name: leader.name, post: leader.post } : null,
      answer: c.answer ? { text: c.answer.text, staffName: staffOf(c.answer.staffId)?.name ?? c.answer.staffId, at: c.answer.at } : null,
    };
  };

  router.route('capOffers', (ctx) => {
    const matterId = ctx.url.searchParams.get('matterId') ?? '';
    if (!config.matters.some((m) => m.id === matterId)) throw new ApiError(404, 'unknown_matter', `this hall offers no matter "${matterId}"`);
    const cause = offers.cause(matterId, zoneOf(config, ctx.terminal.id));
    return { matterId, cause: cause?.cause ?? null, offers: cause ? offers.offersFor(matterId) : [] };
  });

  router.route('takeCapOffer', async (ctx) => {
    const kioskId = ctx.terminal.id;
    const body = await ctx.body();
    const matter = config.matters.find((m) => m.id === body.matterId);
    if (!matter) throw new ApiError(404, 'unknown_matter', `this hall offers no matter "${body.matterId}"`);
    const cause = offers.cause(matter.id, zoneOf(config, kioskId));
    if (!cause) throw new ApiError(409, 'tickets_available', `matter ${matter.id} can get a ticket now: take a number instead`);
    if (!config.serviceDesk.capOffers.offers.includes(body.offer)) throw new ApiError(409, 'offer_not_made', `this hall does not offer ${body.offer}`);
    const taken = { type: 'cap_offer_taken' as const, offer: body.offer, cause: cause.cause, queueId: matter.queueId, matterId: matter.id, kioskId };
    const reply: TakeCapOfferResponse = { offer: body.offer, ticket: null, print: null, appointment: null };

    if (body.offer === 'unresolved_counter') {
      const target = offers.unresolvedTarget();
      if (!target) throw new ApiError(409, 'offer_not_made', 'this hall has no 办不成事/综合 counter to send visitors to');
      const ticketId = runtime.newId();
      // The ticket and the offer's event commit together.
      runtime.execute({ type: 'issue_ticket', ticketId, matterId: target.matterId, greenCategory: null, kioskId, zone: zoneOf(config, kioskId) }, () =>
        runtime.log.record({ ...taken, ticketId, appointmentId: null }, runtime.state.serviceDay, deps.now()),
      );
      const delivered = deliverTicket(deps, ctx, kioskId, ticketId);
      return { ...reply, ticket: delivered.ticket, print: delivered.print };
    }
    if (body.offer === 'next_day_booking') {
      const slot = offers.nextSlot(matter.id);
      if (!slot) throw new ApiError(409, 'offer_not_made', 'the hall calendar has no working day ahead to book');
      const appointment = deps.appointments.create({ matterId: matter.id, date: slot.date, start: slot.start, end: slot.end });
      runtime.recordWith([{ ...taken, ticketId: null, appointmentId: appointment.id }], () => {});
      const booked = { code: appointment.code, matterName: matter.name, date: slot.date, start: slot.start, end: slot.end, qrContent: qrContent(appointment.code) };
      const printedAtText = localParts(deps.now(), config.hall.utcOffsetMinutes).text;
      const print = await deps.devices.printNotice(kioskId, (profile) => renderBookingSlip({ ...booked, hallName: config.hall.name, printedAtText }, profile));
      return { ...reply, appointment: booked, print };
    }
    runtime.recordWith([{ ...taken, ticketId: null, appointmentId: null }], () => {});
    return reply;
  });

  router.route('serviceNotices', () => ({ now: deps.now(), notices: notices.current().map(noticeDto), reasons: config.serviceDesk.pauseReasons }));

  router.route('postServiceNotice', async (ctx) => {
    const body = await ctx.body();
    const notice = notices.post({ counterId: body.counterId ?? null, queueId: body.queueId ?? null, reasonId: body.reasonId, startsAt: body.startsAt, resumesAt: body.resumesAt }, ctx.staff.staffId);
    return noticeDto(notice);
  });

  router.route('withdrawServiceNotice', async (ctx) => {
    await ctx.body();
    notices.withdraw(ctx.params.noticeId, ctx.staff.staffId);
    return { ok: true };
  });

  /** The staff member signed in at this counter, on its own terminal (401 otherwise), as counter.ts checks. */
  const counterStaffOf = (ctx: RouteContext<'recordUnresolvedCase'> | RouteContext<'announceCounterPause'>) => {
    const counterId = ctx.params.counterId;
    ownCounter(ctx.terminal, counterId);
    const session = staffSessionOf(deps, ctx, ctx.terminal);
    if (session.counterId !== counterId || runtime.state.counters.get(counterId)?.staffId !== session.staffId) {
      throw new ApiError(401, 'unauthenticated', 'sign in at this counter first');
    }
    return session;
  };
  const knownCounter = {
    before: ({ counterId }: { counterId: string }) => {
      if (!runtime.setup.counters.has(counterId)) throw new ApiError(404, 'not_found', `no counter "${counterId}"`);
    },
  };

  router.route(
    'recordUnresolvedCase',
    async (ctx) => {
      const session = counterStaffOf(ctx);
      const body = await ctx.body();
      const counterId = ctx.params.counterId;
      return caseDto(cases.record({ counterId, staffId: session.staffId, matterId: body.matterId ?? null, ticketNumber: body.ticketNumber?.trim().toUpperCase() || null, summary: body.summary }));
    },
    knownCounter,
  );

  /** A counter's own pause, announced in advance by its staff (the manager may post one for any counter). */
  router.route(
    'announceCounterPause',
    async (ctx) => {
      const session = counterStaffOf(ctx);
      const body = await ctx.body();
      return noticeDto(notices.post({ counterId: ctx.params.counterId, queueId: null, ...body }, session.staffId));
    },
    knownCounter,
  );

  router.route('serviceDesk', () => {
    const leader = leaderOnDuty(config, runtime.state.serviceDay);
    return {
      warnings: configWarnings(config).map((w) => ({ code: w.code, message: w.message })),
      leaderOnDuty: leader ? { staffId: leader.id, name: leader.name, post: leader.post } : null,
      cases: cases.list().map(caseDto),
      capOffersToday: offers.countsToday(),
    };
  });

  router.route('answerUnresolvedCase', async (ctx) => {
    const body = await ctx.body();
    const current = cases.get(ctx.params.caseId);
    if (!current) throw new ApiError(404, 'not_found', `no 办不成事 case "${ctx.params.caseId}"`);
    // The leader it was escalated to answers; a manager may answer for the hall.
    const staff = staffOf(ctx.staff.staffId);
    if (current.escalatedTo !== ctx.staff.staffId && !staff?.roles.includes('manager')) {
      throw new ApiError(403, 'forbidden', 'only the leader on duty this case went to, or a manager, may answer it');
    }
    return caseDto(cases.answer(current.caseId, ctx.staff.staffId, body.answer));
  });
}
