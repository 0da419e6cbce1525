// People ahead and the wait estimate shown on the kiosk, the ticket and the
// manager's view: people ahead in the ticket's queue × minutes per service ÷
// counters open for that queue, shown as a range, never a promise.
// Minutes per service come from the queue's recent services today (at least
// MIN_SAMPLES of them: their quartiles bound the range), else from the queue's
// configured typical minutes (±30 %).
import type { HallSetup, HallState } from './state.js';
import type { QueueId, Ticket, TicketClass } from './types.js';

export interface WaitRange {
  minMinutes: number;
  maxMinutes: number;
  /** "measured": from today's recent services; "typical": from the hall's configured minutes. */
  basis: 'measured' | 'typical';
}

export const MIN_SAMPLES = 3;

/** Classes called before `ticketClass` under the usual order (green > appointment > walk-in). */
const AHEAD_CLASSES: Record<TicketClass, TicketClass[]> = {
  green: [],
  appointment: ['green'],
  walk_in: ['green', 'appointment'],
};

/** Tickets of the same queue expected to be called before `ticket`: higher classes, then older ones of its own. */
export function peopleAhead(state: HallState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  if (ticket.targetCounterId) return state.directed.get(ticket.targetCounterId)?.positionOf(ticket) ?? 0;
  const lines = state.lines.get(ticket.queueId);
  if (!lines) return 0;
  return AHEAD_CLASSES[ticket.ticketClass].reduce((n, c) => n + lines[c].size, 0) + lines[ticket.ticketClass].positionOf(ticket);
}

/** People a visitor taking a ticket of `ticketClass` now would have ahead of them. */
export function peopleAheadOfNew(state: HallState, queueId: QueueId, ticketClass: TicketClass): number {
  const lines = state.lines.get(queueId);
  if (!lines) return 0;
  return [...AHEAD_CLASSES[ticketClass], ticketClass].reduce((n, c) => n + lines[c].size, 0);
}

/** Counters signed in, not paused, that serve the queue. */
export function openCountersFor(state: HallState, setup: HallSetup, queueId: QueueId): number {
  let open = 0;
  for (const c of setup.counters.values()) {
    const s = state.counters.get(c.id);
    if (s && s.status !== 'signed_out' && s.status !== 'paused' && c.queueIds.includes(queueId)) open++;
  }
  return open;
}

/** Minutes per service as a low/high pair: today's quartiles when measured, else typical ±30 %. */
export function serviceMinutes(state: HallState, setup: HallSetup, queueId: QueueId): { low: number; high: number; basis: WaitRange['basis'] } {
  const samples = state.serviceTimes.get(queueId) ?? [];
  if (samples.length >= MIN_SAMPLES) {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 60_000;
    return { low: at(0.25), high: at(0.75), basis: 'measured' };
  }
  const typical = setup.queues.get(queueId)?.avgServiceMinutes ?? 10;
  return { low: typical * 0.7, high: typical * 1.3, basis: 'typical' };
}

/**
 * One service's expected length in ms, for the calling look-ahead (call-deadlines.ts): the median
 * of today's recent services of the queue when measured (at least MIN_SAMPLES), else its typical minutes.
 */
export function expectedServiceMs(state: HallState, setup: HallSetup, queueId: QueueId): number {
  const samples = state.serviceTimes.get(queueId) ?? [];
  if (samples.length >= MIN_SAMPLES) {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
  }
  return Math.round((setup.queues.get(queueId)?.avgServiceMinutes ?? 10) * 60_000);
}

/** Rounded to 5 minutes, at least 5 wide. With nobody open, assumes one counter will open. */
export function estimateWait(ahead: number, minutes: { low: number; high: number; basis: WaitRange['basis'] }, openCounters: number): WaitRange {
  const counters = Math.max(1, openCounters);
  const min = Math.floor((ahead * minutes.low) / counters / 5) * 5;
  const max = Math.max(min + 5, Math.ceil((ahead * minutes.high) / counters / 5) * 5);
  return { minMinutes: min, maxMinutes: max, basis: minutes.basis };
}

export function queueEstimate(state: HallState, setup: HallSetup, queueId: QueueId, ticketClass: TicketClass = 'walk_in'): WaitRange {
  return estimateWait(peopleAheadOfNew(state, queueId, ticketClass), serviceMinutes(state, setup, queueId), openCountersFor(state, setup, queueId));
}

export function ticketEstimate(state: HallState, setup: HallSetup, ticket: Ticket): WaitRange {
  return estimateWait(peopleAhead(state, ticket), serviceMinutes(state, setup, ticket.queueId), openCountersFor(state, setup, ticket.queueId));
}

/** Minutes the longest-waiting ticket of the queue has held its place. */
export function longestWaitMinutes(state: HallState, queueId: QueueId, now: number): number {
  const lines = state.lines.get(queueId);
  if (!lines) return 0;
  const heads = [lines.green.head(), lines.appointment.head(), lines.walk_in.head()].filter((h) => h !== undefined);
  const oldest = Math.min(...heads.map((h) => h.lineKey), now);
  return Math.max(0, Math.floor((now - oldest) / 60_000));
}

/** The manager's warning: the queue's longest wait or a new visitor's expected wait is past its target. */
export function waitWarning(state: HallState, setup: HallSetup, queueId: QueueId, now: number): 'over_target' | 'estimate_over_target' | null {
  const target = setup.queues.get(queueId)?.waitTargetMinutes;
  if (target === undefined) return null;
  if (longestWaitMinutes(state, queueId, now) > target) return 'over_target';
  const estimate = queueEstimate(state, setup, queueId);
  if ((estimate.minMinutes + estimate.maxMinutes) / 2 > target) return 'estimate_over_target';
  return null;
}
