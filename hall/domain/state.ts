// The hall's in-memory state for the current service day, and the static setup
// (from the hall configuration) that decisions need.
// Ownership: the hall service holds one HallState; only evolve() changes it,
// and only after the events it applies are committed to SQLite.
import type { CounterId, CounterState, GreenChannelGuard, MatterId, QueueId, RatingRequest, Ticket, TicketId } from './types.js';
import type { DayRule } from './clock.js';
import { WaitingLine } from './waiting-line.js';

export interface QueueSetup {
  id: QueueId;
  prefix: string;
  avgServiceMinutes: number;
}

export interface CounterSetup {
  id: CounterId;
  number: number;
  /** Queues served, in order of preference (ties in wait go to the earlier queue). */
  queueIds: QueueId[];
}

export interface HallSetup {
  dayRule: DayRule;
  queues: Map<QueueId, QueueSetup>;
  matters: Map<MatterId, { queueId: QueueId }>;
  counters: Map<CounterId, CounterSetup>;
  greenCategories: Set<string>;
  guard: GreenChannelGuard;
  ratingSeconds: number;
}

export interface QueueLines {
  green: WaitingLine;
  normal: WaitingLine;
}

export interface HallState {
  serviceDay: string;
  /** Monotonic across days: orders tickets issued in the same millisecond. */
  nextIssueSeq: number;
  /** Last number issued per queue in this service day. */
  lastQueueNumber: Map<QueueId, number>;
  /** Every ticket of this service day, any status. */
  tickets: Map<TicketId, Ticket>;
  lines: Map<QueueId, QueueLines>;
  counters: Map<CounterId, CounterState>;
  /** Rating requests still waiting for an answer. */
  openRatings: Map<string, RatingRequest>;
  /** Why each counter's current ticket was chosen. */
  lastCallReason: Map<CounterId, string>;
}

export function emptyState(setup: HallSetup, serviceDay: string): HallState {
  const state: HallState = {
    serviceDay,
    nextIssueSeq: 1,
    lastQueueNumber: new Map(),
    tickets: new Map(),
    lines: new Map(),
    counters: new Map(),
    openRatings: new Map(),
    lastCallReason: new Map(),
  };
  state.lines = emptyLines(setup.queues.keys());
  for (const c of setup.counters.keys()) {
    state.counters.set(c, { id: c, staffId: null, status: 'signed_out', currentTicketId: null, greenStreak: 0, pausedAt: null });
  }
  return state;
}

export function emptyLines(queueIds: Iterable<QueueId>): Map<QueueId, QueueLines> {
  return new Map([...queueIds].map((q) => [q, { green: new WaitingLine(), normal: new WaitingLine() }]));
}

export function lineOf(state: HallState, ticket: Ticket): WaitingLine {
  const lines = state.lines.get(ticket.queueId);
  if (!lines) throw new Error(`no waiting line for queue ${ticket.queueId}`);
  return ticket.ticketClass === 'green' ? lines.green : lines.normal;
}

/** Puts a ticket loaded from storage back into the state (used when the service starts). */
export function restoreTicket(state: HallState, ticket: Ticket): void {
  state.tickets.set(ticket.id, ticket);
  if (ticket.status === 'waiting') lineOf(state, ticket).insert(ticket);
}

/** Waiting counts of a queue: all classes, and green only. */
export function waitingCounts(state: HallState, queueId: QueueId): { total: number; green: number } {
  const lines = state.lines.get(queueId);
  if (!lines) return { total: 0, green: 0 };
  return { total: lines.green.size + lines.normal.size, green: lines.green.size };
}
