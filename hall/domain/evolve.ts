// evolve(state, event, at): applies one committed event to the in-memory state
// and returns what changed, for the store to persist.
// Danger: this is the only code that mutates a HallState. The hall service
// calls it inside the SQLite transaction that stores the event; if the
// transaction fails, the service reloads its state from the database.
import type { HallEvent } from './events.js';
import type { HallState } from './state.js';
import { emptyLines, lineOf, recordServiceTime } from './state.js';
import type { CounterState, RatingRequest, Ticket } from './types.js';
import { WaitingLine } from './waiting-line.js';

export interface Changes {
  tickets: Ticket[];
  counters: CounterState[];
  ratings: RatingRequest[];
}

export function evolve(state: HallState, event: HallEvent, at: number = 0): Changes {
  const changes: Changes = { tickets: [], counters: [], ratings: [] };
  const ticket = (id: string): Ticket => {
    const t = state.tickets.get(id);
    if (!t) throw new Error(`event ${event.type} names unknown ticket ${id}`);
    changes.tickets.push(t);
    return t;
  };
  const counter = (id: string): CounterState => {
    const c = state.counters.get(id);
    if (!c) throw new Error(`event ${event.type} names unknown counter ${id}`);
    changes.counters.push(c);
    return c;
  };
  const release = (c: CounterState) => {
    c.currentTicketId = null;
    c.status = c.staffId ? 'idle' : 'signed_out';
    state.lastCallReason.delete(c.id);
  };

  switch (event.type) {
    case 'ticket_issued': {
      const t: Ticket = {
        id: event.ticketId,
        number: event.number,
        serviceDay: state.serviceDay,
        queueId: event.queueId,
        matterId: event.matterId,
        ticketClass: event.ticketClass,
        greenCategory: event.greenCategory,
        status: 'waiting',
        issuedAt: event.issuedAt,
        issueSeq: event.issueSeq,
        lineKey: event.lineKey ?? event.issuedAt,
        lineSeq: event.lineSeq ?? event.issueSeq,
        targetCounterId: null,
        appointmentId: event.appointmentId ?? null,
        slotStart: event.slotStart ?? null,
        remoteTicketId: event.remoteTicketId ?? null,
        lastCalledAt: null,
        rejoinCount: 0,
        suspendReason: null,
        suspendedUntil: null,
        kioskId: event.kioskId,
        counterId: null,
        staffId: null,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        recallCount: 0,
        transferCount: 0,
      };
      state.tickets.set(t.id, t);
      lineOf(state, t).insert(t);
      state.lastQueueNumber.set(event.queueId, event.queueNumber);
      if (!event.appointmentId) state.walkInIssued.set(event.queueId, (state.walkInIssued.get(event.queueId) ?? 0) + 1);
      state.nextIssueSeq = event.issueSeq + 1;
      changes.tickets.push(t);
      break;
    }
    case 'ticket_called': {
      const t = ticket(event.ticketId);
      const c = counter(event.counterId);
      lineOf(state, t).remove(t);
      // A transfer to this counter is used up by the call.
      Object.assign(t, { status: 'called', counterId: c.id, staffId: event.staffId, calledAt: at, lastCalledAt: at, recallCount: 0, targetCounterId: null });
      Object.assign(c, { status: 'called', currentTicketId: t.id, priorityStreak: event.priorityStreak, walkInStreak: event.walkInStreak });
      state.lastCallReason.set(c.id, event.reason);
      break;
    }
    case 'ticket_resumed': {
      const t = ticket(event.ticketId);
      const c = counter(event.counterId);
      // The visitor is back at the counter with the missing document: service goes on at once
      // (no automatic no-show for a ticket being served).
      Object.assign(t, { status: 'serving', counterId: c.id, staffId: event.staffId, calledAt: at, lastCalledAt: at, startedAt: at, recallCount: 0, suspendedUntil: null });
      state.suspended.delete(t.id);
      Object.assign(c, { status: 'serving', currentTicketId: t.id });
      state.lastCallReason.set(c.id, 'resumed');
      break;
    }
    case 'ticket_recalled':
      Object.assign(ticket(event.ticketId), { recallCount: event.recallCount, lastCalledAt: at });
      break;
    case 'service_started': {
      Object.assign(ticket(event.ticketId), { status: 'serving', startedAt: at });
      counter(event.counterId).status = 'serving';
      break;
    }
    case 'service_finished':
    case 'ticket_no_show': {
      const t = ticket(event.ticketId);
      const finished = event.type === 'service_finished';
      if (finished) recordServiceTime(state, t.queueId, at - (t.startedAt ?? t.calledAt ?? at));
      Object.assign(t, { status: finished ? 'finished' : 'no_show', endedAt: at });
      release(counter(event.counterId));
      break;
    }
    case 'ticket_rejoined': {
      const t = ticket(event.ticketId);
      Object.assign(t, { status: 'waiting', lineKey: event.lineKey, lineSeq: event.lineSeq, rejoinCount: event.rejoinCount, counterId: null, staffId: null, calledAt: null, lastCalledAt: null, endedAt: null, recallCount: 0 });
      lineOf(state, t).insert(t);
      break;
    }
    case 'ticket_transferred': {
      const t = ticket(event.ticketId);
      Object.assign(t, {
        status: 'waiting',
        queueId: event.toQueueId,
        targetCounterId: event.toCounterId ?? null,
        counterId: null,
        staffId: null,
        calledAt: null,
        startedAt: null,
        lastCalledAt: null,
        recallCount: 0,
        transferCount: t.transferCount + 1,
      });
      // Keeps its line key: the visitor keeps their place by original issue time.
      lineOf(state, t).insert(t);
      release(counter(event.counterId));
      break;
    }
    case 'ticket_requeued': {
      const t = ticket(event.ticketId);
      lineOf(state, t).remove(t);
      t.targetCounterId = null;
      lineOf(state, t).insert(t);
      break;
    }
    case 'ticket_suspended': {
      Object.assign(ticket(event.ticketId), { status: 'suspended', suspendReason: event.reason, suspendedUntil: event.until, counterId: null, calledAt: null, startedAt: null, lastCalledAt: null });
      state.suspended.add(event.ticketId);
      release(counter(event.counterId));
      break;
    }
    case 'ticket_withdrawn':
      Object.assign(ticket(event.ticketId), { status: 'withdrawn', endedAt: at });
      state.suspended.delete(event.ticketId);
      break;
    case 'counter_signed_in':
      Object.assign(counter(event.counterId), { staffId: event.staffId, status: 'idle', priorityStreak: 0, walkInStreak: 0, pausedAt: null });
      break;
    case 'counter_signed_out':
      Object.assign(counter(event.counterId), { staffId: null, status: 'signed_out', currentTicketId: null, pausedAt: null });
      break;
    case 'counter_paused':
      Object.assign(counter(event.counterId), { status: 'paused', pausedAt: at });
      break;
    case 'counter_resumed':
      Object.assign(counter(event.counterId), { status: 'idle', pausedAt: null });
      break;
    case 'rating_requested': {
      const r: RatingRequest = {
        id: event.ratingId,
        ticketId: event.ticketId,
        counterId: event.counterId,
        staffId: event.staffId,
        matterId: event.matterId,
        requestedAt: at,
        expiresAt: event.expiresAt,
        outcome: null,
        source: null,
        ratedAt: null,
      };
      state.openRatings.set(r.id, r);
      changes.ratings.push(r);
      break;
    }
    case 'rating_recorded': {
      const r = state.openRatings.get(event.ratingId);
      if (!r) throw new Error(`rating ${event.ratingId} is not open`);
      Object.assign(r, { outcome: event.outcome, source: event.source, ratedAt: at });
      state.openRatings.delete(r.id);
      changes.ratings.push(r);
      break;
    }
    case 'service_day_closed': {
      for (const id of event.expiredTicketIds) Object.assign(ticket(id), { status: 'expired', endedAt: at });
      for (const c of state.counters.values()) {
        if (c.currentTicketId || c.priorityStreak || c.walkInStreak) {
          Object.assign(c, { currentTicketId: null, status: c.staffId ? (c.status === 'paused' ? 'paused' : 'idle') : 'signed_out', priorityStreak: 0, walkInStreak: 0 });
          changes.counters.push(c);
        }
      }
      // The new day starts with no tickets in memory; yesterday's stay in the store.
      state.serviceDay = event.nextServiceDay;
      state.tickets = new Map();
      state.lastQueueNumber = new Map();
      state.walkInIssued = new Map();
      state.lines = emptyLines(state.lines.keys());
      state.directed = new Map([...state.directed.keys()].map((c) => [c, new WaitingLine()]));
      state.lastCallReason = new Map();
      state.serviceTimes = new Map();
      state.suspended = new Set();
      break;
    }
  }
  return changes;
}
