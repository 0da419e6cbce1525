// Visitor-side decisions: take a number, check in for an appointment, and
// rejoin after a no-show (过号重排). Pure; see decide.ts for the contract.
import { assertAdmissible } from './admission.js';
import { serviceDayOf } from './clock.js';
import type { HallCommand } from './commands.js';
import { DomainError } from './errors.js';
import type { HallEvent } from './events.js';
import type { HallSetup, HallState } from './state.js';
import type { TicketClass } from './types.js';

type VisitorCommand = Extract<HallCommand, { type: 'issue_ticket' | 'check_in' | 'rejoin' }>;

export function formatTicketNumber(prefix: string, n: number): string {
  return prefix + String(n).padStart(3, '0');
}

function checkCategory(setup: HallSetup, category: string | null): void {
  if (category !== null && !setup.greenCategories.has(category)) {
    throw new DomainError('unknown_category', `no green-channel category "${category}"`);
  }
}

function issued(
  state: HallState,
  setup: HallSetup,
  fields: { ticketId: string; matterId: string; ticketClass: TicketClass; greenCategory: string | null; kioskId: string | null; appointmentId: string | null; checkIn: 'on_time' | 'late' | null; slotStart?: number | null },
  now: number,
): HallEvent {
  const queue = setup.queues.get(setup.matters.get(fields.matterId)!.queueId)!;
  const queueNumber = (state.lastQueueNumber.get(queue.id) ?? 0) + 1;
  return {
    type: 'ticket_issued',
    ...fields,
    number: formatTicketNumber(queue.prefix, queueNumber),
    queueId: queue.id,
    issuedAt: now,
    issueSeq: state.nextIssueSeq,
    queueNumber,
  };
}

export function decideVisitor(state: HallState, setup: HallSetup, cmd: VisitorCommand, now: number): HallEvent[] {
  switch (cmd.type) {
    case 'issue_ticket': {
      checkCategory(setup, cmd.greenCategory);
      assertAdmissible(state, setup, cmd.matterId, 'walk_in', cmd.zone ?? 'hall', now);
      const ticketClass = cmd.greenCategory ? 'green' : 'walk_in';
      return [issued(state, setup, { ticketId: cmd.ticketId, matterId: cmd.matterId, ticketClass, greenCategory: cmd.greenCategory, kioskId: cmd.kioskId, appointmentId: null, checkIn: null }, now)];
    }
    case 'check_in': {
      const a = cmd.appointment;
      checkCategory(setup, cmd.greenCategory);
      if (a.status === 'cancelled') throw new DomainError('appointment_cancelled', `appointment ${a.id} was cancelled`);
      const already = [...state.tickets.values()].find((t) => t.appointmentId === a.id);
      if (a.status === 'checked_in' || already) {
        throw new DomainError('already_checked_in', `appointment ${a.id} is already checked in`, already ? { number: already.number } : {});
      }
      if (serviceDayOf(a.slotStart, setup.dayRule) !== state.serviceDay) {
        throw new DomainError('appointment_other_day', `appointment ${a.id} is booked for ${serviceDayOf(a.slotStart, setup.dayRule)}`, { slotStart: a.slotStart });
      }
      const { appointmentEarlyMinutes: early, appointmentLateMinutes: late } = setup.rules;
      if (now < a.slotStart - early * 60_000) {
        throw new DomainError('too_early', `check-in for appointment ${a.id} opens ${early} minutes before its slot`, { opensAt: a.slotStart - early * 60_000 });
      }
      const onTime = now <= a.slotStart + late * 60_000;
      // Late check-ins are served as walk-ins: subject to the walk-in rules of the moment.
      assertAdmissible(state, setup, a.matterId, onTime ? 'check_in' : 'walk_in', 'hall', now);
      // A late check-in loses the slot promise; the hall's rule (visitRules.lateAppointment) says whether it
      // becomes a walk-in (the default) or keeps the appointment class without a slot.
      const keepsClass = !onTime && setup.rules.lateAppointment === 'appointment_without_slot';
      const ticketClass: TicketClass = cmd.greenCategory ? 'green' : onTime || keepsClass ? 'appointment' : 'walk_in';
      return [
        issued(
          state,
          setup,
          {
            ticketId: cmd.ticketId,
            matterId: a.matterId,
            ticketClass,
            greenCategory: cmd.greenCategory,
            kioskId: cmd.kioskId,
            appointmentId: a.id,
            checkIn: onTime ? 'on_time' : 'late',
            ...(onTime && ticketClass === 'appointment' ? { slotStart: a.slotStart } : {}),
          },
          now,
        ),
      ];
    }
    case 'rejoin': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('unknown_ticket', `no ticket "${cmd.ticketId}" today`);
      if (t.status !== 'no_show') throw new DomainError('not_no_show', `ticket ${t.number} is not a no-show`);
      const { maxRejoins, rejoinWithinMinutes, rejoinPlacesAhead } = setup.rules;
      if (t.rejoinCount >= maxRejoins) throw new DomainError('rejoin_limit', `ticket ${t.number} has already rejoined ${t.rejoinCount} time(s)`, { max: maxRejoins });
      if (t.endedAt !== null && now > t.endedAt + rejoinWithinMinutes * 60_000) {
        throw new DomainError('rejoin_too_late', `ticket ${t.number} can rejoin only within ${rejoinWithinMinutes} minutes of its no-show`, { minutes: rejoinWithinMinutes });
      }
      const lines = state.lines.get(t.queueId);
      if (!lines) throw new DomainError('unknown_queue', `no queue "${t.queueId}"`);
      const line = lines[t.ticketClass];
      const place = line.placeBehind(rejoinPlacesAhead, now);
      return [{ type: 'ticket_rejoined', ticketId: t.id, number: t.number, queueId: t.queueId, ...place, rejoinCount: t.rejoinCount + 1, placesAhead: Math.min(rejoinPlacesAhead, line.size) }];
    }
  }
}
