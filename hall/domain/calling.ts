// Which ticket a counter calls next, under the counter's calling policy
// (policy.ts, docs/calling-policy.md). In order:
//   1. A ticket transferred to this counter (转窗) goes first.
//   2. Aging: a ticket whose place in line is maxWaitMinutes old or older goes
//      before every younger one — the oldest such ticket.
//   3. Classes in the policy's order; "ratio" interleaves priority and walk-in calls.
//   4. Within the chosen class, the policy's queue order picks the queue.
// Only the heads of the counter's lines are candidates, so a call costs
// O(queues served × classes), whatever the number of waiting tickets.
import type { CallReason } from './events.js';
import { priorityClasses, type CallingPolicy } from './policy.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterId, QueueId, TicketClass } from './types.js';
import type { LineEntry, WaitingLine } from './waiting-line.js';

export interface CallChoice {
  ticketId: string;
  reason: CallReason;
  /** The counter's ratio streaks after this call. */
  priorityStreak: number;
  walkInStreak: number;
}

interface Head {
  entry: LineEntry;
  line: WaitingLine;
  ticketClass: TicketClass;
  queueOrder: number;
  queueId: QueueId | null;
}

/** Position cursors into the waiting lines, so a preview can look past the heads without changing them. */
type Cursor = Map<WaitingLine, number>;

interface Streaks {
  priority: number;
  walkIn: number;
}

function headOf(line: WaitingLine, cursor: Cursor): LineEntry | undefined {
  return line.at(cursor.get(line) ?? 0);
}

function queueHeads(state: HallState, queueIds: QueueId[], cursor: Cursor): Head[] {
  const heads: Head[] = [];
  queueIds.forEach((queueId, queueOrder) => {
    const lines = state.lines.get(queueId);
    if (!lines) return;
    for (const ticketClass of ['green', 'appointment', 'walk_in'] as const) {
      const line = lines[ticketClass];
      const entry = headOf(line, cursor);
      if (entry) heads.push({ entry, line, ticketClass, queueOrder, queueId });
    }
  });
  return heads;
}

function older(a: Head, b: Head): Head {
  if (a.entry.lineKey !== b.entry.lineKey) return a.entry.lineKey < b.entry.lineKey ? a : b;
  if (a.queueOrder !== b.queueOrder) return a.queueOrder < b.queueOrder ? a : b;
  return a.entry.lineSeq <= b.entry.lineSeq ? a : b;
}

function oldest(heads: Head[]): Head | undefined {
  return heads.reduce<Head | undefined>((best, h) => (best ? older(best, h) : h), undefined);
}

/** The head a class offers, by the policy's queue order. */
function bestOfClass(heads: Head[], policy: CallingPolicy, now: number): Head | undefined {
  if (heads.length === 0) return undefined;
  if (policy.queueOrder === 'listed') return heads.reduce((best, h) => (h.queueOrder < best.queueOrder ? h : best));
  if (policy.queueOrder === 'weighted') {
    const weighted = (h: Head) => (now - h.entry.lineKey) * (policy.queueWeights[h.queueId ?? ''] ?? 1);
    return heads.reduce((best, h) => {
      const d = weighted(h) - weighted(best);
      return d > 0 || (d === 0 && older(h, best) === h) ? h : best;
    });
  }
  return oldest(heads);
}

type Pick = { head: Head; reason: CallReason; streaks: Streaks };

/** The pure rule: given the candidate heads, the counter's streaks and the time, which one and why. */
function choose(directed: Head | undefined, heads: Head[], streaks: Streaks, policy: CallingPolicy, now: number): Pick | null {
  if (directed) return { head: directed, reason: 'transferred_here', streaks };
  if (heads.length === 0) return null;
  // An overdue call takes the ticket that has waited longest: it jumps nobody,
  // so the ratio cycle starts afresh after it.
  if (policy.maxWaitMinutes !== null) {
    const limit = now - policy.maxWaitMinutes * 60_000;
    const overdue = oldest(heads.filter((h) => h.entry.lineKey <= limit));
    if (overdue) return { head: overdue, reason: 'overdue', streaks: { priority: 0, walkIn: 0 } };
  }
  const byClass = new Map(policy.classOrder.map((c) => [c, bestOfClass(heads.filter((h) => h.ticketClass === c), policy, now)]));
  const waitingClasses = policy.classOrder.filter((c) => byClass.get(c));
  const top = waitingClasses[0]!;
  const inOrder = (c: TicketClass): Pick => ({
    head: byClass.get(c)!,
    reason: waitingClasses.length > 1 && c === top ? 'class_first' : 'in_order',
    streaks,
  });
  if (policy.mode === 'strict') return inOrder(top);

  const priority = priorityClasses(policy).find((c) => byClass.get(c));
  const walkIn = byClass.get('walk_in');
  if (!priority || !walkIn) return inOrder(top);
  // Both wait: P priority calls, then W walk-in calls, then the cycle repeats.
  if (streaks.priority < policy.ratio.priority) {
    return { head: byClass.get(priority)!, reason: 'class_first', streaks: { priority: streaks.priority + 1, walkIn: 0 } };
  }
  const walkIns = streaks.walkIn + 1;
  const cycleDone = walkIns >= policy.ratio.walkIn;
  return { head: walkIn, reason: 'ratio_turn', streaks: cycleDone ? { priority: 0, walkIn: 0 } : { priority: streaks.priority, walkIn: walkIns } };
}

export function servedQueues(setup: HallSetup, counterId: CounterId): QueueId[] {
  return setup.counters.get(counterId)?.queueIds ?? [];
}

export function policyOf(setup: HallSetup, counterId: CounterId): CallingPolicy {
  const policyId = setup.counters.get(counterId)?.policyId ?? 'default';
  const policy = setup.policies.get(policyId);
  if (!policy) throw new Error(`counter ${counterId} names calling policy "${policyId}", which the setup lacks`);
  return policy;
}

function pickAt(state: HallState, setup: HallSetup, counterId: CounterId, now: number, cursor: Cursor, streaks: Streaks): Pick | null {
  const directedLine = state.directed.get(counterId);
  const directedEntry = directedLine ? headOf(directedLine, cursor) : undefined;
  const directed: Head | undefined = directedEntry
    ? { entry: directedEntry, line: directedLine!, ticketClass: state.tickets.get(directedEntry.id)?.ticketClass ?? 'walk_in', queueOrder: -1, queueId: null }
    : undefined;
  return choose(directed, queueHeads(state, servedQueues(setup, counterId), cursor), streaks, policyOf(setup, counterId), now);
}

function streaksOf(state: HallState, counterId: CounterId): Streaks {
  const c = state.counters.get(counterId);
  return { priority: c?.priorityStreak ?? 0, walkIn: c?.walkInStreak ?? 0 };
}

/** The ticket `counterId` would call now, or null when nothing it serves is waiting. */
export function chooseNext(state: HallState, setup: HallSetup, counterId: CounterId, now: number): CallChoice | null {
  const picked = pickAt(state, setup, counterId, now, new Map(), streaksOf(state, counterId));
  return picked ? { ticketId: picked.head.entry.id, reason: picked.reason, priorityStreak: picked.streaks.priority, walkInStreak: picked.streaks.walkIn } : null;
}

/**
 * The next `count` tickets the counter would call if nothing else happened,
 * in order (for the counter page's "next" list). Does not change the state.
 */
export function previewCalls(state: HallState, setup: HallSetup, counterId: CounterId, now: number, count: number): CallChoice[] {
  const cursor: Cursor = new Map();
  let streaks = streaksOf(state, counterId);
  const out: CallChoice[] = [];
  while (out.length < count) {
    const picked = pickAt(state, setup, counterId, now, cursor, streaks);
    if (!picked) break;
    streaks = picked.streaks;
    out.push({ ticketId: picked.head.entry.id, reason: picked.reason, priorityStreak: streaks.priority, walkInStreak: streaks.walkIn });
    cursor.set(picked.head.line, (cursor.get(picked.head.line) ?? 0) + 1);
  }
  return out;
}
