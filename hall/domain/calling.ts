// Which ticket a counter calls next: the green channel goes first, with a
// guard so walk-ins are never starved (docs/domain-rules.md):
//   1. Overdue: any ticket that has waited maxWaitMinutes or more goes before
//      every younger one — the longest-waiting overdue ticket is called.
//   2. Green first: the oldest green-channel ticket, unless this counter has
//      already made maxConsecutiveGreen green calls in a row while walk-ins waited.
//   3. Otherwise the oldest walk-in; when none waits, the oldest green ticket.
// Only the heads of each served queue's two lines are candidates, so a call
// costs O(queues served), whatever the number of waiting tickets.
import type { CallReason } from './events.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterId, GreenChannelGuard, QueueId } from './types.js';
import type { LineEntry, WaitingLine } from './waiting-line.js';

export interface CallChoice {
  ticketId: string;
  reason: CallReason;
  /** The counter's green streak after this call. */
  greenStreak: number;
}

interface Head {
  entry: LineEntry;
  green: boolean;
  queueOrder: number;
}

/** Position cursors into the waiting lines, so a preview can look past the heads without changing them. */
type Cursor = Map<WaitingLine, number>;

function headsOf(state: HallState, queueIds: QueueId[], cursor: Cursor): Head[] {
  const heads: Head[] = [];
  queueIds.forEach((q, queueOrder) => {
    const lines = state.lines.get(q);
    if (!lines) return;
    for (const [line, green] of [[lines.green, true], [lines.normal, false]] as const) {
      const entry = line.at(cursor.get(line) ?? 0);
      if (entry) heads.push({ entry, green, queueOrder });
    }
  });
  return heads;
}

function older(a: Head, b: Head): Head {
  if (a.entry.issuedAt !== b.entry.issuedAt) return a.entry.issuedAt < b.entry.issuedAt ? a : b;
  if (a.queueOrder !== b.queueOrder) return a.queueOrder < b.queueOrder ? a : b;
  return a.entry.issueSeq <= b.entry.issueSeq ? a : b;
}

function oldest(heads: Head[]): Head | undefined {
  return heads.reduce<Head | undefined>((best, h) => (best ? older(best, h) : h), undefined);
}

/** The pure rule: given the candidate heads, the streak and the time, which one and why. */
function choose(heads: Head[], greenStreak: number, guard: GreenChannelGuard, now: number): { head: Head; reason: CallReason; greenStreak: number } | null {
  if (heads.length === 0) return null;
  // The streak counts green calls that went ahead of a waiting walk-in. An overdue
  // call takes the longest-waiting ticket, so it jumps nobody and resets the streak.
  const overdueLimit = now - guard.maxWaitMinutes * 60_000;
  const overdue = oldest(heads.filter((h) => h.entry.issuedAt <= overdueLimit));
  if (overdue) return { head: overdue, reason: 'overdue', greenStreak: 0 };

  const green = oldest(heads.filter((h) => h.green));
  const normal = oldest(heads.filter((h) => !h.green));
  if (green && !normal) return { head: green, reason: 'only_green', greenStreak: 0 };
  if (green && greenStreak < guard.maxConsecutiveGreen) return { head: green, reason: 'green_first', greenStreak: greenStreak + 1 };
  if (normal) return { head: normal, reason: green ? 'green_streak_limit' : 'in_order', greenStreak: 0 };
  return null;
}

export function servedQueues(setup: HallSetup, counterId: CounterId): QueueId[] {
  return setup.counters.get(counterId)?.queueIds ?? [];
}

/** The ticket `counterId` would call now, or null when nothing it serves is waiting. */
export function chooseNext(state: HallState, setup: HallSetup, counterId: CounterId, now: number): CallChoice | null {
  const counter = state.counters.get(counterId);
  const picked = choose(headsOf(state, servedQueues(setup, counterId), new Map()), counter?.greenStreak ?? 0, setup.guard, now);
  return picked ? { ticketId: picked.head.entry.id, reason: picked.reason, greenStreak: picked.greenStreak } : null;
}

/**
 * The next `count` tickets the counter would call if nothing else happened,
 * in order (for the counter page's "next" list). Does not change the state.
 */
export function previewCalls(state: HallState, setup: HallSetup, counterId: CounterId, now: number, count: number): CallChoice[] {
  const queues = servedQueues(setup, counterId);
  const cursor: Cursor = new Map();
  let streak = state.counters.get(counterId)?.greenStreak ?? 0;
  const out: CallChoice[] = [];
  while (out.length < count) {
    const picked = choose(headsOf(state, queues, cursor), streak, setup.guard, now);
    if (!picked) break;
    streak = picked.greenStreak;
    out.push({ ticketId: picked.head.entry.id, reason: picked.reason, greenStreak: streak });
    const lines = state.lines.get(state.tickets.get(picked.head.entry.id)!.queueId)!;
    const line = picked.head.green ? lines.green : lines.normal;
    cursor.set(line, (cursor.get(line) ?? 0) + 1);
  }
  return out;
}
