// decide(state, setup, command, now) → events. Pure: reads the state, never
// changes it; throws DomainError when the rules forbid the command.
// A command arriving in a new service day first closes the old day
// (expiring what still waits, numbering afresh), then runs in the new one.
import { chooseNext } from './calling.js';
import { serviceDayOf } from './clock.js';
import type { HallCommand } from './commands.js';
import { DomainError } from './errors.js';
import type { HallEvent } from './events.js';
import { evolve } from './evolve.js';
import { cloneState } from './clone.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterState, Ticket } from './types.js';

export function formatTicketNumber(prefix: string, n: number): string {
  return prefix + String(n).padStart(3, '0');
}

export function decide(state: HallState, setup: HallSetup, cmd: HallCommand, now: number): HallEvent[] {
  const today = serviceDayOf(now, setup.dayRule);
  if (today > state.serviceDay) {
    const closing = closeDay(state, today);
    const next = cloneState(state);
    evolve(next, closing);
    return [closing, ...decideInDay(next, setup, cmd, now)];
  }
  return decideInDay(state, setup, cmd, now);
}

function closeDay(state: HallState, nextServiceDay: string): HallEvent {
  const expiredTicketIds = [...state.tickets.values()]
    .filter((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving')
    .map((t) => t.id);
  return { type: 'service_day_closed', serviceDay: state.serviceDay, nextServiceDay, expiredTicketIds };
}

function counterOf(state: HallState, counterId: string): CounterState {
  const counter = state.counters.get(counterId);
  if (!counter) throw new DomainError('unknown_counter', `no counter "${counterId}"`);
  return counter;
}

function signedIn(state: HallState, counterId: string): CounterState {
  const counter = counterOf(state, counterId);
  if (counter.status === 'signed_out') throw new DomainError('not_signed_in', `counter ${counterId} has nobody signed in`);
  return counter;
}

function currentTicket(state: HallState, counter: CounterState): Ticket {
  const ticket = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  if (!ticket) throw new DomainError('no_current_ticket', `counter ${counter.id} holds no ticket`);
  return ticket;
}

function decideInDay(state: HallState, setup: HallSetup, cmd: HallCommand, now: number): HallEvent[] {
  switch (cmd.type) {
    case 'tick':
      return [];
    case 'issue_ticket': {
      const matter = setup.matters.get(cmd.matterId);
      if (!matter) throw new DomainError('unknown_matter', `no matter "${cmd.matterId}"`);
      const queue = setup.queues.get(matter.queueId);
      if (!queue) throw new DomainError('unknown_queue', `no queue "${matter.queueId}"`);
      if (cmd.greenCategory !== null && !setup.greenCategories.has(cmd.greenCategory)) {
        throw new DomainError('unknown_category', `no green-channel category "${cmd.greenCategory}"`);
      }
      const queueNumber = (state.lastQueueNumber.get(queue.id) ?? 0) + 1;
      return [
        {
          type: 'ticket_issued',
          ticketId: cmd.ticketId,
          number: formatTicketNumber(queue.prefix, queueNumber),
          queueId: queue.id,
          matterId: cmd.matterId,
          ticketClass: cmd.greenCategory ? 'green' : 'walk_in',
          greenCategory: cmd.greenCategory,
          kioskId: cmd.kioskId,
          issuedAt: now,
          issueSeq: state.nextIssueSeq,
          queueNumber,
        },
      ];
    }
    case 'call_next': {
      const counter = signedIn(state, cmd.counterId);
      if (counter.status === 'paused') throw new DomainError('counter_paused', `counter ${cmd.counterId} is paused`);
      if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${cmd.counterId} still holds a ticket: finish, transfer or mark it no-show first`);
      const choice = chooseNext(state, setup, cmd.counterId, now);
      if (!choice) throw new DomainError('no_waiting', `nobody waits for counter ${cmd.counterId}`);
      const ticket = state.tickets.get(choice.ticketId)!;
      return [
        {
          type: 'ticket_called',
          ticketId: ticket.id,
          number: ticket.number,
          counterId: cmd.counterId,
          counterNumber: setup.counters.get(cmd.counterId)!.number,
          staffId: counter.staffId,
          reason: choice.reason,
          greenStreak: choice.greenStreak,
        },
      ];
    }
    case 'recall': {
      const counter = signedIn(state, cmd.counterId);
      const ticket = currentTicket(state, counter);
      if (ticket.status !== 'called') throw new DomainError('not_called', `ticket ${ticket.number} is already being served`);
      return [
        { type: 'ticket_recalled', ticketId: ticket.id, number: ticket.number, counterId: counter.id, counterNumber: setup.counters.get(counter.id)!.number, recallCount: ticket.recallCount + 1 },
      ];
    }
    case 'start_service': {
      const ticket = currentTicket(state, signedIn(state, cmd.counterId));
      if (ticket.status !== 'called') throw new DomainError('not_called', `ticket ${ticket.number} is already being served`);
      return [{ type: 'service_started', ticketId: ticket.id, number: ticket.number, counterId: cmd.counterId }];
    }
    case 'finish_service': {
      const counter = signedIn(state, cmd.counterId);
      const ticket = currentTicket(state, counter);
      const events: HallEvent[] = [];
      // One rating per service: an unanswered request of the previous visitor closes as not rated.
      for (const open of state.openRatings.values()) {
        if (open.counterId === counter.id) {
          events.push({ type: 'rating_recorded', ratingId: open.id, ticketId: open.ticketId, counterId: open.counterId, outcome: 'not_rated', source: 'timeout' });
        }
      }
      events.push(
        { type: 'service_finished', ticketId: ticket.id, number: ticket.number, counterId: counter.id, staffId: counter.staffId, matterId: ticket.matterId },
        {
          type: 'rating_requested',
          ratingId: cmd.ratingId,
          ticketId: ticket.id,
          number: ticket.number,
          counterId: counter.id,
          staffId: counter.staffId,
          matterId: ticket.matterId,
          expiresAt: now + setup.ratingSeconds * 1000,
        },
      );
      return events;
    }
    case 'mark_no_show': {
      const ticket = currentTicket(state, signedIn(state, cmd.counterId));
      if (ticket.status !== 'called') throw new DomainError('not_called', `ticket ${ticket.number} is being served: it cannot be a no-show`);
      return [{ type: 'ticket_no_show', ticketId: ticket.id, number: ticket.number, counterId: cmd.counterId }];
    }
    case 'transfer': {
      const ticket = currentTicket(state, signedIn(state, cmd.counterId));
      if (!setup.queues.has(cmd.toQueueId)) throw new DomainError('unknown_queue', `no queue "${cmd.toQueueId}"`);
      if (cmd.toQueueId === ticket.queueId) throw new DomainError('same_queue', `ticket ${ticket.number} is already in queue ${cmd.toQueueId}`);
      return [{ type: 'ticket_transferred', ticketId: ticket.id, number: ticket.number, counterId: cmd.counterId, fromQueueId: ticket.queueId, toQueueId: cmd.toQueueId }];
    }
    case 'pause': {
      const counter = signedIn(state, cmd.counterId);
      if (counter.status === 'paused') return [];
      if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${cmd.counterId} still holds a ticket`);
      return [{ type: 'counter_paused', counterId: cmd.counterId }];
    }
    case 'resume': {
      const counter = signedIn(state, cmd.counterId);
      if (counter.status !== 'paused') throw new DomainError('not_paused', `counter ${cmd.counterId} is not paused`);
      return [{ type: 'counter_resumed', counterId: cmd.counterId }];
    }
    case 'sign_in': {
      const counter = counterOf(state, cmd.counterId);
      if (counter.staffId === cmd.staffId) return [];
      if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${cmd.counterId} still holds a ticket`);
      const events: HallEvent[] = [];
      // A staff member works one counter at a time: signing in here signs them out elsewhere.
      for (const other of state.counters.values()) {
        if (other.staffId === cmd.staffId && other.id !== cmd.counterId) {
          if (other.currentTicketId) throw new DomainError('counter_busy', `staff is still serving at counter ${other.id}`);
          events.push({ type: 'counter_signed_out', counterId: other.id, staffId: cmd.staffId });
        }
      }
      if (counter.staffId) events.push({ type: 'counter_signed_out', counterId: counter.id, staffId: counter.staffId });
      events.push({ type: 'counter_signed_in', counterId: cmd.counterId, staffId: cmd.staffId });
      return events;
    }
    case 'sign_out': {
      const counter = counterOf(state, cmd.counterId);
      if (!counter.staffId) return [];
      if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${cmd.counterId} still holds a ticket`);
      return [{ type: 'counter_signed_out', counterId: counter.id, staffId: counter.staffId }];
    }
    case 'record_rating':
    case 'expire_rating': {
      const rating = state.openRatings.get(cmd.ratingId);
      if (!rating) throw new DomainError('rating_closed', `rating ${cmd.ratingId} is not open`);
      const late = cmd.type === 'record_rating' && now > rating.expiresAt;
      const outcome = cmd.type === 'expire_rating' || late ? 'not_rated' : cmd.outcome;
      const source = cmd.type === 'expire_rating' || late ? 'timeout' : cmd.source;
      if (cmd.type === 'expire_rating' && now < rating.expiresAt) return [];
      return [{ type: 'rating_recorded', ratingId: rating.id, ticketId: rating.ticketId, counterId: rating.counterId, outcome, source }];
    }
  }
}
