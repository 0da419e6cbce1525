// Kiosk routes: the hall overview every terminal reads, issuing tickets, the
// kiosk's honest availability (mode and per-matter refusals before printing),
// and appointment check-in (registered by mountAppointments, which owns the
// appointment store). Contract: a ticket is durable before printing starts; a
// failed print never loses it. A kiosk's zone ('hall' | '24h') comes from the
// hall configuration, never from the request.
// Access is declared per route in hall/api/contract.ts and enforced by the Router.
// Personal data: a card's ID number is used for the blind-index lookup and the
// real-name binding only; it is never logged or returned.
import { ApiError, type RequestContext } from '../http.js';
import type { Router } from '../router.js';
import { checkCredentials } from '../access.js';
import type { IssueTicketRequest, IssueTicketResponse } from '../dto.js';
import { DomainError, assertWithinIdentityLimit, greenCategoryFor, localParts, type HallCommand } from '../../domain/index.js';
import { ageOn, validateIdNumber } from '../../../drivers/idcard/index.js';
import type { VisitorIdentity } from '../../identity/real-name.js';
import type { CardRead } from '../../identity/kiosk-cards.js';
import { AppointmentStore } from '../../appointments/store.js';
import { codeFromQr, normalizeCode } from '../../appointments/codes.js';
import { pickForCheckIn } from '../../appointments/pick.js';
import type { AppointmentRecord } from '../../appointments/types.js';
import { kioskAppointment } from '../../appointments/views.js';
import { kioskAvailability, kioskModeAtOrOpen, zoneOf } from '../kiosk-views.js';
import { IssueKeys, idempotencyKeyOf, requestFingerprint } from '../issue-keys.js';
import type { ApiDeps } from './deps.js';
import { withClosures } from '../../service-desk/notices.js';

export function kioskRoutes(router: Router, deps: ApiDeps): void {
  const issueKeys = new IssueKeys(deps.runtime.db);
  router.route('hall', (ctx) => {
    const terminal = ctx.terminal;
    return deps.views.hallInfo(terminal.role === 'kiosk' ? terminal.id : undefined);
  });

  router.route('kioskAvailability', (ctx) => {
    const kiosk = ctx.terminal;
    return withClosures(kioskAvailability(deps.config, deps.runtime, deps.views, zoneOf(deps.config, kiosk.id)), deps.config, deps.notices);
  });

  router.route(
    'issueTicket',
    async (ctx) => {
      const kiosk = ctx.terminal;
      const body = await ctx.body();
      // A retry of a visitor action (same Idempotency-Key) gets its ticket again, never a second one.
      const key = idempotencyKeyOf(ctx.req);
      const fingerprint = key ? requestFingerprint(body, (idNumber) => deps.realName.fingerprint(idNumber)) : null;
      if (key) {
        const earlier = issueKeys.find(kiosk.id, key, deps.runtime.state.serviceDay);
        if (earlier && earlier.requestHash !== fingerprint) {
          throw new ApiError(422, 'idempotency_key_reused', 'this Idempotency-Key was sent with a different request: use a new key for a new visitor action');
        }
        if (earlier) {
          ctx.res.setHeader('Idempotent-Replayed', 'true');
          return deliverTicket(deps, ctx, kiosk.id, earlier.ticketId);
        }
      }
      let greenCategory: string | null = null;
      if (body.greenChannel) {
        // Declared groups are confirmed by a guide or staff member (domain.md: green channel).
        const staff = checkCredentials(deps, kiosk, body.greenChannel.staffNo, body.greenChannel.pin);
        if (!staff.roles.some((r) => r === 'guide' || r === 'counter' || r === 'manager')) {
          throw new ApiError(403, 'forbidden', 'only guides and counter staff may confirm a green-channel ticket');
        }
        greenCategory = body.greenChannel.categoryId;
      }
      const identity = body.identity ? visitorIdentity(deps, kiosk.id, body.identity) : null;
      if (identity) {
        // The rules are the domain's (hall/domain/identity-rules.ts): the limit, and the elderly green channel.
        assertWithinIdentityLimit(deps.realName.ticketsToday(deps.runtime.state.serviceDay, identity, body.matterId), deps.config.realName);
        greenCategory = greenCategoryFor(greenCategory, ageOn(identity.birthDate, today(deps)), deps.config.realName);
      }
      // A queue closed early by an announced notice gives no numbers (the kiosk offers what the hall configures).
      deps.notices.assertQueueOpen(body.matterId);
      const ticketId = deps.runtime.newId();
      const zone = zoneOf(deps.config, kiosk.id);
      deps.runtime.execute({ type: 'issue_ticket', ticketId, matterId: body.matterId, greenCategory, kioskId: kiosk.id, zone }, () => {
        if (identity) deps.realName.bind(ticketId, deps.runtime.state.serviceDay, body.matterId, identity, deps.now(), deps.config.realName.retentionDays);
        if (key) issueKeys.record(kiosk.id, key, deps.runtime.state.serviceDay, fingerprint!, ticketId, deps.now());
      });
      return deliverTicket(deps, ctx, kiosk.id, ticketId);
    },
  );

  router.route('ticketProgress', (ctx) => {
    const key = ctx.url.searchParams.get('key') ?? '';
    const id = ctx.params.id;
    if (key !== deps.views.progressKey(id)) throw new ApiError(404, 'not_found', 'no such ticket');
    const ticket = deps.runtime.state.tickets.get(id) ?? deps.ticketFromStore(id);
    if (!ticket) throw new ApiError(404, 'not_found', 'no such ticket');
    return deps.views.progress(ticket);
  });
}

const today = (deps: ApiDeps) => localParts(deps.now(), deps.config.hall.utcOffsetMinutes).date;

/** The identity behind a real-name ticket request, with the birth date the age rule needs. */
function visitorIdentity(deps: ApiDeps, kioskId: string, requested: NonNullable<IssueTicketRequest['identity']>): VisitorIdentity & { birthDate: string } {
  if (requested.source === 'card') {
    const card = deps.cards.take(kioskId, deps.now());
    if (!card) throw new ApiError(409, 'no_card', 'no ID card was read on this kiosk just now: put the card on the reader again');
    return card;
  }
  const checked = validateIdNumber(requested.idNumber, { today: today(deps) });
  if (!checked.ok) throw new ApiError(400, 'invalid_id_number', checked.message, [{ path: 'identity.idNumber', message: checked.reason }]);
  return { idNumber: checked.idNumber, cardType: checked.kind, source: 'manual', birthDate: checked.birthDate };
}

/**
 * Shows and prints a committed ticket: durable from here, the number exists even if printing fails.
 * Never waits for the printer: the outcome reaches the kiosk as a live `print_outcome`. Idempotent per
 * ticket: delivering a ticket again (a retried request) reports its print, never prints it twice.
 */
export function deliverTicket(deps: ApiDeps, _ctx: RequestContext, kioskId: string, ticketId: string): IssueTicketResponse {
  const ticket = deps.views.ticket(deps.runtime.state.tickets.get(ticketId)!);
  // The QR code must open from a visitor's phone: the hall's public address, never the Host header a kiosk used.
  const progressUrl = new URL(ticket.progressUrl, deps.publicUrl()).toString();
  const print = deps.devices.printJobs.ticketOutcome(ticketId) ?? deps.devices.printTicket(kioskId, ticket, progressUrl);
  return { ticket, print };
}

export { checkInSchema } from '../requests.js';

/**
 * POST /api/v1/kiosk/check-in: by code, QR text or the card just read. On time →
 * an appointment ticket; late → a walk-in ticket; early, cancelled, another day,
 * already checked in → 409 whose details carry the facts the kiosk needs (opensAt, number).
 * Works offline from the central platform: a check-in is a local event.
 */
export function checkInRoute(router: Router, deps: ApiDeps & { appointments: AppointmentStore }): void {
  const { appointments } = deps;
  const matterName = new Map(deps.config.matters.map((m) => [m.id, m.name]));
  router.route(
    'checkIn',
    async (ctx) => {
      const kiosk = ctx.terminal;
      const body = await ctx.body();
      const now = deps.now();
      const { state, setup } = deps.runtime;
      let card: CardRead | null = null;
      let appointment: AppointmentRecord | null;
      if (body.method === 'card') {
        card = deps.cards.take(kiosk.id, now);
        if (!card) throw new ApiError(409, 'no_card', 'no ID card was read on this kiosk just now: put the card on the reader again');
        const rules = setup.rules;
        appointment = pickForCheckIn(appointments.byIdNumber(card.idNumber, state.serviceDay), now, { earlyMinutes: rules.appointmentEarlyMinutes, lateMinutes: rules.appointmentLateMinutes });
        if (!appointment) throw new ApiError(404, 'no_appointment', 'no appointment today for the ID card just read');
      } else {
        const code = body.method === 'code' ? normalizeCode(body.code) : codeFromQr(body.text);
        if (!code) throw new ApiError(400, 'invalid_code', 'an appointment code is 4–16 letters or digits', [{ path: body.method === 'code' ? 'code' : 'text', message: 'not_a_code' }]);
        appointment = appointments.byCode(code);
        if (!appointment) throw new ApiError(404, 'unknown_appointment', `no appointment with code ${code}`);
      }
      if (appointment.status === 'checked_in') {
        const number = appointment.ticketId ? (state.tickets.get(appointment.ticketId) ?? deps.ticketFromStore(appointment.ticketId))?.number : undefined;
        throw new DomainError('already_checked_in', `appointment ${appointment.code} is already checked in`, number ? { number } : {});
      }
      // A 24-hour-zone kiosk in self-service mode takes no check-ins (the hall-zone rules are the engine's).
      const zone = zoneOf(deps.config, kiosk.id);
      const mode = kioskModeAtOrOpen(setup, now, zone);
      if (mode && !mode.checkIns && appointment.status === 'booked') {
        const opensAt = mode.opensAt ? { opensAt: mode.opensAt.at, opensAtText: `${mode.opensAt.localDate} ${mode.opensAt.localTime}` } : undefined;
        throw new DomainError(mode.screen === 'self_service' ? 'self_service_only' : 'hall_closed', 'this kiosk takes no check-ins now', opensAt);
      }
      // An elderly card holder goes to the green channel, as with a real-name ticket (hall/domain/identity-rules.ts).
      const greenCategory = greenCategoryFor(null, card ? ageOn(card.birthDate, today(deps)) : null, deps.config.realName);
      const ticketId = deps.runtime.newId();
      const cmd: HallCommand = { type: 'check_in', ticketId, kioskId: kiosk.id, appointment: AppointmentStore.snapshot(appointment), greenCategory };
      // Refusals (too_early, appointment_other_day, …) are 409s with their facts (http.ts sendError).
      const stored = deps.runtime.execute(cmd, () => {
        if (card) deps.realName.bind(ticketId, deps.runtime.state.serviceDay, appointment.matterId, card, now, deps.config.realName.retentionDays);
      });
      const issued = stored.find((e) => e.type === 'ticket_issued');
      const delivered = await deliverTicket(deps, ctx, kiosk.id, ticketId);
      return {
        ...delivered,
        checkIn: issued?.payload.checkIn === 'late' ? 'late' : 'on_time',
        appointment: kioskAppointment(appointment, {
          matterName: (id) => matterName.get(id) ?? id,
          ticketNumber: () => null,
          utcOffsetMinutes: deps.config.hall.utcOffsetMinutes,
        }),
      };
    },
  );
}
