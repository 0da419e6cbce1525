// Counter-side decisions: calls (next, special), recall, start, finish,
// no-show, transfer, suspend/resume, pause, sign in/out. Pure; see decide.ts.
import { chooseNext, servedQueues } from './calling.js';
import type { HallCommand } from './commands.js';
import { DomainError } from './errors.js';
import type { CallReason, HallEvent } from './events.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterState, Ticket } from './types.js';
import { assertCounterMayCall } from './counter-calendar.js';

type CounterCommand = Exclude<HallCommand, { type: 'tick' | 'issue_ticket' | 'check_in' | 'check_in_remote' | 'rejoin' | 'record_rating' | 'expire_rating' | 'finish_self_service' }>;

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

/** Signed in, not paused, holding no ticket: ready to take one. */
function ready(state: HallState, counterId: string): CounterState {
  const counter = signedIn(state, counterId);
  if (counter.status === 'paused') throw new DomainError('counter_paused', `counter ${counterId} is paused`);
  if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${counterId} still holds a ticket: finish, transfer or mark it no-show first`);
  return counter;
}

function currentTicket(state: HallState, counter: CounterState): Ticket {
  const ticket = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  if (!ticket) throw new DomainError('no_current_ticket', `counter ${counter.id} holds no ticket`);
  return ticket;
}

/** The ticket_called event; `streaks` are the counter's ratio streaks after the call. */
function called(
  ticket: Ticket,
  counter: CounterState,
  counterNumber: number,
  reason: CallReason,
  specialReason: string | null,
  streaks: { priorityStreak: number; walkInStreak: number },
): HallEvent {
  return {
    type: 'ticket_called',
    ticketId: ticket.id,
    number: ticket.number,
    counterId: counter.id,
    counterNumber,
    staffId: counter.staffId,
    ticketClass: ticket.ticketClass,
    reason,
    specialReason,
    priorityStreak: streaks.priorityStreak,
    walkInStreak: streaks.walkInStreak,
  };
}

/** Tickets transferred to `counterId` go back to their queues when it stops calling. */
function requeueDirected(state: HallState, counterId: string, reason: 'counter_signed_out' | 'counter_paused'): HallEvent[] {
  const line = state.directed.get(counterId);
  if (!line) return [];
  return line.ids().map((id) => ({ type: 'ticket_requeued', ticketId: id, number: state.tickets.get(id)!.number, counterId, reason }) as const);
}

function reasonText(reason: string): string {
  const text = reason.trim();
  if (text.length < 2 || text.length > 100) throw new DomainError('reason_required', 'give a reason of 2–100 characters');
  return text;
}

export function decideCounter(state: HallState, setup: HallSetup, cmd: CounterCommand, now: number): HallEvent[] {
  const counterNumber = (id: string) => setup.counters.get(id)!.number;
  switch (cmd.type) {
    case 'call_next': {
      const counter = ready(state, cmd.counterId);
      assertCounterMayCall(setup, cmd.counterId, now);
      const choice = chooseNext(state, setup, cmd.counterId, now);
      if (!choice) throw new DomainError('no_waiting', `nobody waits for counter ${cmd.counterId}`);
      return [called(state.tickets.get(choice.ticketId)!, counter, counterNumber(cmd.counterId), choice.reason, null, choice)];
    }
    case 'call_specific': {
      const counter = ready(state, cmd.counterId);
      assertCounterMayCall(setup, cmd.counterId, now);
      const reason = reasonText(cmd.reason);
      const ticket = state.tickets.get(cmd.ticketId);
      if (!ticket) throw new DomainError('unknown_ticket', `no ticket "${cmd.ticketId}" today`);
      if (ticket.status !== 'waiting') throw new DomainError('not_waiting', `ticket ${ticket.number} is not waiting`);
      // A ticket transferred to another counter may still be called here if this counter serves its queue.
      const servedHere = ticket.targetCounterId === cmd.counterId || servedQueues(setup, cmd.counterId).includes(ticket.queueId);
      if (!servedHere) throw new DomainError('not_served_here', `counter ${cmd.counterId} does not serve ticket ${ticket.number}`);
      // A special call jumps the line: it does not count in the ratio cycle.
      return [called(ticket, counter, counterNumber(cmd.counterId), 'special_call', reason, counter)];
    }
    case 'recall': {
      const counter = signedIn(state, cmd.counterId);
      const ticket = currentTicket(state, counter);
      if (ticket.status !== 'called') throw new DomainError('not_called', `ticket ${ticket.number} is already being served`);
      const { maxRecalls, recallCooldownSeconds } = setup.rules;
      if (ticket.recallCount >= maxRecalls) throw new DomainError('recall_limit', `ticket ${ticket.number} has been recalled ${maxRecalls} times`, { max: maxRecalls });
      const readyAt = (ticket.lastCalledAt ?? 0) + recallCooldownSeconds * 1000;
      if (now < readyAt) throw new DomainError('recall_cooldown', `wait ${Math.ceil((readyAt - now) / 1000)} s before recalling ${ticket.number}`, { readyAt });
      return [{ type: 'ticket_recalled', ticketId: ticket.id, number: ticket.number, counterId: counter.id, counterNumber: counterNumber(counter.id), recallCount: ticket.recallCount + 1 }];
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
        { type: 'rating_requested', ratingId: cmd.ratingId, ticketId: ticket.id, number: ticket.number, counterId: counter.id, staffId: counter.staffId, matterId: ticket.matterId, expiresAt: now + setup.ratingSeconds * 1000 },
      );
      return events;
    }
    case 'mark_no_show': {
      const ticket = currentTicket(state, signedIn(state, cmd.counterId));
      if (ticket.status !== 'called') throw new DomainError('not_called', `ticket ${ticket.number} is being served: it cannot be a no-show`);
      const needed = setup.rules.recallsBeforeNoShow;
      if (ticket.recallCount < needed) throw new DomainError('recalls_required', `recall ${ticket.number} ${needed} time(s) before marking a no-show`, { needed, done: ticket.recallCount });
      return [{ type: 'ticket_no_show', ticketId: ticket.id, number: ticket.number, counterId: cmd.counterId, automatic: false }];
    }
    case 'transfer': {
      const ticket = currentTicket(state, signedIn(state, cmd.counterId));
      const toCounterId = cmd.toCounterId ?? null;
      const toQueueId = cmd.toQueueId ?? ticket.queueId;
      if (!setup.queues.has(toQueueId)) throw new DomainError('unknown_queue', `no queue "${toQueueId}"`);
      if (toCounterId !== null) {
        if (!setup.counters.has(toCounterId)) throw new DomainError('unknown_counter', `no counter "${toCounterId}"`);
        if (toCounterId === cmd.counterId) throw new DomainError('same_counter', `ticket ${ticket.number} is already at counter ${toCounterId}`);
        const target = state.counters.get(toCounterId);
        if (!target || target.status === 'signed_out' || target.status === 'paused') {
          throw new DomainError('counter_unavailable', `counter ${toCounterId} is not taking tickets now (${target?.status ?? 'unknown'})`, { status: target?.status ?? 'unknown' });
        }
      } else if (toQueueId === ticket.queueId) {
        throw new DomainError('same_queue', `ticket ${ticket.number} is already in queue ${toQueueId}`);
      }
      return [{ type: 'ticket_transferred', ticketId: ticket.id, number: ticket.number, counterId: cmd.counterId, fromQueueId: ticket.queueId, toQueueId, toCounterId }];
    }
    case 'suspend': {
      const counter = signedIn(state, cmd.counterId);
      const ticket = currentTicket(state, counter);
      const reason = reasonText(cmd.reason);
      const { suspendDefaultMinutes, suspendMaxMinutes } = setup.rules;
      const minutes = cmd.minutes ?? suspendDefaultMinutes;
      if (!(minutes > 0) || minutes > suspendMaxMinutes) throw new DomainError('suspend_too_long', `a ticket can be set aside for 1–${suspendMaxMinutes} minutes`, { max: suspendMaxMinutes });
      return [{ type: 'ticket_suspended', ticketId: ticket.id, number: ticket.number, counterId: counter.id, staffId: counter.staffId, reason, until: now + minutes * 60_000 }];
    }
    case 'resume_suspended': {
      const counter = ready(state, cmd.counterId);
      assertCounterMayCall(setup, cmd.counterId, now);
      const ticket = state.tickets.get(cmd.ticketId);
      if (!ticket) throw new DomainError('unknown_ticket', `no ticket "${cmd.ticketId}" today`);
      if (ticket.status !== 'suspended') throw new DomainError('not_suspended', `ticket ${ticket.number} is not set aside`);
      return [{ type: 'ticket_resumed', ticketId: ticket.id, number: ticket.number, counterId: counter.id, counterNumber: counterNumber(counter.id), staffId: counter.staffId }];
    }
    case 'pause': {
      const counter = signedIn(state, cmd.counterId);
      if (counter.status === 'paused') return [];
      if (counter.currentTicketId) throw new DomainError('counter_busy', `counter ${cmd.counterId} still holds a ticket`);
      return [...requeueDirected(state, cmd.counterId, 'counter_paused'), { type: 'counter_paused', counterId: cmd.counterId }];
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
          events.push(...requeueDirected(state, other.id, 'counter_signed_out'), { type: 'counter_signed_out', counterId: other.id, staffId: cmd.staffId });
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
      return [...requeueDirected(state, counter.id, 'counter_signed_out'), { type: 'counter_signed_out', counterId: counter.id, staffId: counter.staffId }];
    }
  }
}
