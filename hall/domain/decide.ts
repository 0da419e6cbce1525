// decide(state, setup, command, now) → events. Pure: reads the state, never
// changes it; throws DomainError when the rules forbid the command.
// A command arriving in a new service day first closes the old day
// (withdrawing suspended tickets, expiring what still waits, numbering
// afresh), then runs in the new one.
import { serviceDayOf } from './clock.js';
import type { HallCommand } from './commands.js';
import type { HallEvent } from './events.js';
import { evolve } from './evolve.js';
import { cloneState } from './clone.js';
import type { HallSetup, HallState } from './state.js';
import { decideVisitor } from './decide-visitor.js';
import { decideCounter } from './decide-counter.js';
import { decideRating } from './decide-rating.js';
import { decideSelfService } from './decide-self-service.js';
import { dueHousekeeping } from './deadlines.js';
import { decideRemoteCheckIn } from './decide-remote.js';

export { formatTicketNumber } from './decide-visitor.js';

export function decide(state: HallState, setup: HallSetup, cmd: HallCommand, now: number): HallEvent[] {
  const today = serviceDayOf(now, setup.dayRule);
  if (today > state.serviceDay) {
    const closing = closeDay(state, today);
    const next = cloneState(state);
    for (const e of closing) evolve(next, e);
    return [...closing, ...decideInDay(next, setup, cmd, now)];
  }
  return decideInDay(state, setup, cmd, now);
}

function closeDay(state: HallState, nextServiceDay: string): HallEvent[] {
  const events: HallEvent[] = [];
  const expiredTicketIds: string[] = [];
  for (const t of state.tickets.values()) {
    if (t.status === 'suspended') {
      events.push({ type: 'ticket_withdrawn', ticketId: t.id, number: t.number, reason: 'day_closed', suspendReason: t.suspendReason });
    } else if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') {
      expiredTicketIds.push(t.id);
    }
  }
  events.push({ type: 'service_day_closed', serviceDay: state.serviceDay, nextServiceDay, expiredTicketIds });
  return events;
}

function decideInDay(state: HallState, setup: HallSetup, cmd: HallCommand, now: number): HallEvent[] {
  switch (cmd.type) {
    case 'tick':
      return dueHousekeeping(state, setup, now);
    case 'issue_ticket':
    case 'check_in':
    case 'rejoin':
      return decideVisitor(state, setup, cmd, now);
    case 'check_in_remote':
      return decideRemoteCheckIn(state, setup, cmd, now);
    case 'record_rating':
    case 'expire_rating':
      return decideRating(state, cmd, now);
    case 'finish_self_service':
      return decideSelfService(state, setup, cmd, now);
    default:
      return decideCounter(state, setup, cmd, now);
  }
}
