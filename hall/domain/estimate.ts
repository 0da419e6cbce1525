// People ahead and the wait estimate shown on the kiosk, the ticket and the
// manager's view. A first, honest model (issue 4 refines it with measured
// service times): people ahead in the ticket's queue × typical minutes per
// service ÷ counters open for that queue, shown as a range, never a promise.
import type { HallSetup, HallState } from './state.js';
import type { QueueId, Ticket } from './types.js';

export interface WaitRange {
  minMinutes: number;
  maxMinutes: number;
}

/**
 * Tickets of the same queue expected to be called before `ticket`: for a walk-in,
 * every green ticket plus older walk-ins; for a green ticket, older green tickets.
 */
export function peopleAhead(state: HallState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  const lines = state.lines.get(ticket.queueId);
  if (!lines) return 0;
  if (ticket.ticketClass === 'green') return lines.green.positionOf(ticket);
  return lines.green.size + lines.normal.positionOf(ticket);
}

/** People a visitor taking a ticket now would have ahead of them. */
export function peopleAheadOfNew(state: HallState, queueId: QueueId, green: boolean): number {
  const lines = state.lines.get(queueId);
  if (!lines) return 0;
  return green ? lines.green.size : lines.green.size + lines.normal.size;
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

/** Rounded to 5 minutes; the range widens with the wait. With nobody open, assumes one counter will open. */
export function estimateWait(ahead: number, avgServiceMinutes: number, openCounters: number): WaitRange {
  const expected = (ahead * avgServiceMinutes) / Math.max(1, openCounters);
  const min = Math.floor((expected * 0.7) / 5) * 5;
  const max = Math.max(min + 5, Math.ceil((expected * 1.3) / 5) * 5);
  return { minMinutes: min, maxMinutes: max };
}

export function queueEstimate(state: HallState, setup: HallSetup, queueId: QueueId, green = false): WaitRange {
  const q = setup.queues.get(queueId);
  return estimateWait(peopleAheadOfNew(state, queueId, green), q?.avgServiceMinutes ?? 10, openCountersFor(state, setup, queueId));
}

export function longestWaitMinutes(state: HallState, queueId: QueueId, now: number): number {
  const lines = state.lines.get(queueId);
  if (!lines) return 0;
  const heads = [lines.green.head(), lines.normal.head()].filter((h) => h !== undefined);
  const oldest = Math.min(...heads.map((h) => h.issuedAt), now);
  return Math.max(0, Math.floor((now - oldest) / 60_000));
}
