// The hall's in-memory state for the current service day, and the static setup
// (from the hall configuration) that decisions need.
// Ownership: the hall service holds one HallState; only evolve() changes it,
// and only after the events it applies are committed to SQLite.
import type { CounterId, CounterState, MatterId, QueueId, RatingRequest, Ticket, TicketClass, TicketId } from './types.js';
import type { DayRule } from './clock.js';
import type { CallingPolicy } from './policy.js';
import type { HallCalendar } from './calendar/index.js';
import { WaitingLine } from './waiting-line.js';

export interface QueueSetup {
  id: QueueId;
  prefix: string;
  /** Typical minutes per service until the day has measured ones. */
  avgServiceMinutes: number;
  /** The manager's target for the wait; the manager's view warns past it. */
  waitTargetMinutes: number;
  /** At most this many tickets per service day (appointment check-ins excepted); null: no cap. */
  dailyCap: number | null;
  /** Local "HH:MM" after which no walk-in tickets are issued; null: until closing. */
  cutOff: string | null;
}

export interface MatterSetup {
  queueId: QueueId;
  /** Can be done at a self-service kiosk without staff (24-hour zone, weekends). */
  selfService: boolean;
}

export interface CounterSetup {
  id: CounterId;
  number: number;
  kind: 'general' | 'domain' | 'bundled' | 'enquiry' | 'cross_region' | 'unresolved' | 'help_agency';
  /** Queues served, in order of preference (ties in wait go to the earlier queue). */
  queueIds: QueueId[];
  /** The calling policy this counter follows (a key of HallSetup.policies). */
  policyId: string;
}

/** Rules for called tickets, no-shows, rejoining, suspending and appointments (docs/queue-rules.md). */
export interface VisitRules {
  /** Recalls allowed per call; each at least cooldownSeconds after the previous call. */
  maxRecalls: number;
  recallCooldownSeconds: number;
  /** Recalls a counter must make before it may mark a no-show. */
  recallsBeforeNoShow: number;
  /** A called ticket nobody answers is a no-show this long after its last call; null: never automatic. */
  autoNoShowMinutes: number | null;
  /** 过号重排: a returning no-show is put back with at most this many tickets ahead. */
  rejoinPlacesAhead: number;
  /** How often one ticket may rejoin; and how long after its no-show. */
  maxRejoins: number;
  rejoinWithinMinutes: number;
  /** Suspension deadline when the counter gives none, and the longest allowed. */
  suspendDefaultMinutes: number;
  suspendMaxMinutes: number;
  /** Check-in window around an appointment's slot start. Later check-ins become walk-ins. */
  appointmentEarlyMinutes: number;
  appointmentLateMinutes: number;
  /** An on-time appointment is called within this many minutes after its slot starts (or its check-in, if later): its latest call time. */
  appointmentCallWindowMinutes: number;
  /** A late check-in: "walk_in" (a walk-in ticket from now) or "appointment_without_slot" (keeps the appointment class, loses the slot promise). */
  lateAppointment: LateAppointmentRule;
}

export type LateAppointmentRule = 'walk_in' | 'appointment_without_slot';

export interface HallSetup {
  dayRule: DayRule;
  queues: Map<QueueId, QueueSetup>;
  matters: Map<MatterId, MatterSetup>;
  counters: Map<CounterId, CounterSetup>;
  greenCategories: Set<string>;
  policies: Map<string, CallingPolicy>;
  rules: VisitRules;
  /** Opening hours, holidays, extended hours; null: always open (tests, simple halls). */
  calendar: HallCalendar | null;
  ratingSeconds: number;
}

export type QueueLines = Record<TicketClass, WaitingLine>;

export interface HallState {
  serviceDay: string;
  /** Monotonic across days: orders tickets issued in the same millisecond. */
  nextIssueSeq: number;
  /** Last number issued per queue in this service day. */
  lastQueueNumber: Map<QueueId, number>;
  /** Tickets issued per queue today without an appointment: what a queue's daily cap counts. */
  walkInIssued: Map<QueueId, number>;
  /** Every ticket of this service day, any status. */
  tickets: Map<TicketId, Ticket>;
  lines: Map<QueueId, QueueLines>;
  /** Tickets transferred to one counter, per counter. */
  directed: Map<CounterId, WaitingLine>;
  counters: Map<CounterId, CounterState>;
  /** Rating requests still waiting for an answer. */
  openRatings: Map<string, RatingRequest>;
  /** Why each counter's current ticket was chosen. */
  lastCallReason: Map<CounterId, string>;
  /** Suspended tickets of this day (挂起), by id: housekeeping reads this instead of every ticket. */
  suspended: Set<TicketId>;
  /** Recent service durations (ms) per queue, newest last, at most RECENT_SERVICES: the wait estimate's input. */
  serviceTimes: Map<QueueId, number[]>;
}

export const RECENT_SERVICES = 20;

export function emptyState(setup: HallSetup, serviceDay: string): HallState {
  const state: HallState = {
    serviceDay,
    nextIssueSeq: 1,
    lastQueueNumber: new Map(),
    walkInIssued: new Map(),
    tickets: new Map(),
    lines: emptyLines(setup.queues.keys()),
    directed: emptyDirected(setup.counters.keys()),
    counters: new Map(),
    openRatings: new Map(),
    lastCallReason: new Map(),
    suspended: new Set(),
    serviceTimes: new Map(),
  };
  for (const c of setup.counters.keys()) {
    state.counters.set(c, { id: c, staffId: null, status: 'signed_out', currentTicketId: null, priorityStreak: 0, walkInStreak: 0, pausedAt: null });
  }
  return state;
}

export function emptyLines(queueIds: Iterable<QueueId>): Map<QueueId, QueueLines> {
  return new Map([...queueIds].map((q) => [q, { green: new WaitingLine(), appointment: new WaitingLine(), walk_in: new WaitingLine() }]));
}

export function emptyDirected(counterIds: Iterable<CounterId>): Map<CounterId, WaitingLine> {
  return new Map([...counterIds].map((c) => [c, new WaitingLine()]));
}

/** The line a waiting ticket stands in: its counter's when transferred to one, else its queue's line for its class. */
export function lineOf(state: HallState, ticket: Ticket): WaitingLine {
  if (ticket.targetCounterId) {
    const line = state.directed.get(ticket.targetCounterId);
    if (!line) throw new Error(`no directed line for counter ${ticket.targetCounterId}`);
    return line;
  }
  const lines = state.lines.get(ticket.queueId);
  if (!lines) throw new Error(`no waiting line for queue ${ticket.queueId}`);
  return lines[ticket.ticketClass];
}

/** Remembers a finished service's duration for the wait estimate (newest last, bounded). */
export function recordServiceTime(state: HallState, queueId: QueueId, durationMs: number): void {
  const times = state.serviceTimes.get(queueId) ?? [];
  times.push(durationMs);
  if (times.length > RECENT_SERVICES) times.shift();
  state.serviceTimes.set(queueId, times);
}

/** Puts a ticket loaded from storage back into the state (used when the service starts). */
export function restoreTicket(state: HallState, ticket: Ticket): void {
  state.tickets.set(ticket.id, ticket);
  if (ticket.status === 'waiting') lineOf(state, ticket).insert(ticket);
  if (ticket.status === 'suspended') state.suspended.add(ticket.id);
}

/** Waiting counts of a queue: all classes, and green only. */
export function waitingCounts(state: HallState, queueId: QueueId): { total: number; green: number; appointment: number } {
  const lines = state.lines.get(queueId);
  if (!lines) return { total: 0, green: 0, appointment: 0 };
  return { total: lines.green.size + lines.appointment.size + lines.walk_in.size, green: lines.green.size, appointment: lines.appointment.size };
}
