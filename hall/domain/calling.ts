// Which ticket a counter calls next, under the counter's calling policy
// (policy.ts, docs/calling-policy.md). The policy's pick, in order:
//   1. A ticket transferred to this counter (转窗) goes first.
//   2. Overdue: a ticket past its latest call time (call-deadlines.ts) goes before every other —
//      the one whose time passed first.
//   3. A checked-in appointment whose booked slot has started (ahead of green and walk-in tickets).
//   4. Classes in the policy's order; "ratio" interleaves priority and walk-in calls. An
//      appointment checked in before its slot waits for it, unless nobody else waits.
//   5. Within the chosen class, the policy's queue order picks the queue.
// Then the look-ahead (call-deadlines.ts; not for a ticket transferred here): when calling that pick now would make a waiting ticket
// later than it must be, the counter calls the earliest-due ticket instead (reason "deadline").
// Only the heads of the lines (and the short appointment lines) are candidates for the pick; the
// look-ahead scans deadlines only as far as it must (see call-deadlines.ts for its cost).
import { DeadlineModel, deadlineOf, hasSlot, lookAhead } from './call-deadlines.js';
import type { CallReason } from './events.js';
import { priorityClasses, type CallingPolicy } from './policy.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterId, QueueId, TicketClass, TicketId } from './types.js';
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
  ticketClass: TicketClass;
  queueOrder: number;
  queueId: QueueId | null;
  /** Latest call time under the counter's policy (Infinity: none). */
  deadline: number;
  /** Expected service (ms): breaks ties of deadline, as the look-ahead does. */
  serviceMs: number;
}

/** Tickets a preview has already taken. */
type Skip = ReadonlySet<TicketId>;

interface Streaks {
  priority: number;
  walkIn: number;
}

interface Context {
  state: HallState;
  setup: HallSetup;
  policy: CallingPolicy;
  now: number;
  skip: Skip;
  model: DeadlineModel;
}

function headOf(line: WaitingLine, skip: Skip): LineEntry | undefined {
  let i = 0;
  let e = line.at(i);
  while (e && skip.has(e.id)) e = line.at(++i);
  return e;
}

function headFor(ctx: Context, entry: LineEntry, ticketClass: TicketClass, queueOrder: number, queueId: QueueId | null): Head {
  const t = ctx.state.tickets.get(entry.id);
  const deadline = t ? deadlineOf(t, ctx.policy, ctx.setup) : Infinity;
  return { entry, ticketClass, queueOrder, queueId, deadline, serviceMs: t ? ctx.model.serviceMs(t.queueId) : 0 };
}

interface Candidates {
  /** Heads of the green and walk-in lines, and the first appointment without a slot promise, per queue. */
  heads: Head[];
  /** The appointment whose slot has started with the earliest latest call time (at most one). */
  slotDue: Head[];
  /** The appointment checked in before its slot with the earliest latest call time (at most one; called only when nobody else waits). */
  held: Head[];
}

function candidates(ctx: Context, queueIds: QueueId[]): Candidates {
  const out: Candidates = { heads: [], slotDue: [], held: [] };
  queueIds.forEach((queueId, queueOrder) => {
    const lines = ctx.state.lines.get(queueId);
    if (!lines) return;
    for (const ticketClass of ['green', 'walk_in'] as const) {
      const entry = headOf(lines[ticketClass], ctx.skip);
      if (entry) out.heads.push(headFor(ctx, entry, ticketClass, queueOrder, queueId));
    }
    // Appointment lines are short (today's checked-in appointments): scanned whole, keeping only the best.
    let plain = false;
    for (let i = 0; i < lines.appointment.size; i++) {
      const entry = lines.appointment.at(i)!;
      const t = ctx.state.tickets.get(entry.id);
      if (!t || ctx.skip.has(entry.id)) continue;
      if (!hasSlot(t)) {
        if (!plain) out.heads.push(headFor(ctx, entry, 'appointment', queueOrder, queueId));
        plain = true;
        continue;
      }
      const list = t.slotStart <= ctx.now ? out.slotDue : out.held;
      if (list[0] && deadlineOf(t, ctx.policy, ctx.setup) > list[0].deadline) continue;
      const head = headFor(ctx, entry, 'appointment', queueOrder, queueId);
      if (!list[0] || earliestDeadline([list[0], head]) === head) list[0] = head;
    }
  });
  return out;
}

function older(a: Head, b: Head): Head {
  if (a.entry.lineKey !== b.entry.lineKey) return a.entry.lineKey < b.entry.lineKey ? a : b;
  if (a.queueOrder !== b.queueOrder) return a.queueOrder < b.queueOrder ? a : b;
  return a.entry.lineSeq <= b.entry.lineSeq ? a : b;
}

function oldest(heads: Head[]): Head | undefined {
  return heads.reduce<Head | undefined>((best, h) => (best ? older(best, h) : h), undefined);
}

/** The head whose latest call time comes first (ties: the shorter service, then the older place). */
function earliestDeadline(heads: Head[]): Head | undefined {
  const before = (h: Head, best: Head) =>
    h.deadline < best.deadline || (h.deadline === best.deadline && (h.serviceMs < best.serviceMs || (h.serviceMs === best.serviceMs && older(best, h) === h)));
  return heads.reduce<Head | undefined>((best, h) => (!best || before(h, best) ? h : best), undefined);
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

type Pick = { ticketId: TicketId; reason: CallReason; streaks: Streaks };

const pickOf = (head: Head, reason: CallReason, streaks: Streaks): Pick => ({ ticketId: head.entry.id, reason, streaks });

/** The class rule (rule 4): given the candidate heads and the counter's streaks, which one and why. */
function byClass(heads: Head[], streaks: Streaks, policy: CallingPolicy, now: number): Pick {
  const best = new Map(policy.classOrder.map((c) => [c, bestOfClass(heads.filter((h) => h.ticketClass === c), policy, now)]));
  const waitingClasses = policy.classOrder.filter((c) => best.get(c));
  const top = waitingClasses[0]!;
  const inOrder = (c: TicketClass): Pick => pickOf(best.get(c)!, waitingClasses.length > 1 && c === top ? 'class_first' : 'in_order', streaks);
  if (policy.mode === 'strict') return inOrder(top);

  const priority = priorityClasses(policy).find((c) => best.get(c));
  const walkIn = best.get('walk_in');
  if (!priority || !walkIn) return inOrder(top);
  // Both wait: P priority calls, then W walk-in calls, then the cycle repeats.
  if (streaks.priority < policy.ratio.priority) {
    return pickOf(best.get(priority)!, 'class_first', { priority: streaks.priority + 1, walkIn: 0 });
  }
  const walkIns = streaks.walkIn + 1;
  const cycleDone = walkIns >= policy.ratio.walkIn;
  return pickOf(walkIn, 'ratio_turn', cycleDone ? { priority: 0, walkIn: 0 } : { priority: streaks.priority, walkIn: walkIns });
}

/** The policy's pick (rules 1–5), before the look-ahead. */
function policyPick(ctx: Context, directed: Head | undefined, c: Candidates, streaks: Streaks): Pick | null {
  if (directed) return pickOf(directed, 'transferred_here', streaks);
  // An overdue call takes the ticket whose time passed first: it jumps nobody it should not,
  // so the ratio cycle starts afresh after it.
  const overdue = earliestDeadline([...c.heads, ...c.slotDue].filter((h) => h.deadline <= ctx.now));
  if (overdue) return pickOf(overdue, 'overdue', { priority: 0, walkIn: 0 });
  const slot = earliestDeadline(c.slotDue);
  if (slot) return pickOf(slot, 'appointment_slot', streaks);
  if (c.heads.length > 0) return byClass(c.heads, streaks, ctx.policy, ctx.now);
  const early = c.held.reduce<Head | undefined>((best, h) => (!best || h.deadline < best.deadline ? h : best), undefined);
  return early ? pickOf(early, 'in_order', streaks) : null;
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

function pickAt(state: HallState, setup: HallSetup, counterId: CounterId, now: number, skip: Skip, streaks: Streaks): Pick | null {
  const policy = policyOf(setup, counterId);
  const ctx: Context = { state, setup, policy, now, skip, model: new DeadlineModel(state, setup, counterId, policy, now, skip) };
  const directedLine = state.directed.get(counterId);
  const directedEntry = directedLine ? headOf(directedLine, skip) : undefined;
  const directedClass = directedEntry ? (state.tickets.get(directedEntry.id)?.ticketClass ?? 'walk_in') : 'walk_in';
  const directed = directedEntry ? headFor(ctx, directedEntry, directedClass, -1, null) : undefined;
  const pick = policyPick(ctx, directed, candidates(ctx, servedQueues(setup, counterId)), streaks);
  if (!pick) return null;
  // A ticket transferred here skips the look-ahead: its visitor was called already and has
  // been sent to this counter to go on; deadlines are promises of a first call.
  if (pick.reason === 'transferred_here') return pick;
  const ticket = state.tickets.get(pick.ticketId);
  if (!ticket) return pick;
  const ahead = lookAhead(ctx.model, ticket);
  // A deadline call is not part of the ratio cycle (like a special call): the streaks stay.
  return ahead.ok ? pick : { ticketId: ahead.instead.id, reason: 'deadline', streaks };
}

function streaksOf(state: HallState, counterId: CounterId): Streaks {
  const c = state.counters.get(counterId);
  return { priority: c?.priorityStreak ?? 0, walkIn: c?.walkInStreak ?? 0 };
}

const choice = (p: Pick): CallChoice => ({ ticketId: p.ticketId, reason: p.reason, priorityStreak: p.streaks.priority, walkInStreak: p.streaks.walkIn });

/** The ticket `counterId` would call now, or null when nothing it serves is waiting. */
export function chooseNext(state: HallState, setup: HallSetup, counterId: CounterId, now: number): CallChoice | null {
  const picked = pickAt(state, setup, counterId, now, new Set(), streaksOf(state, counterId));
  return picked ? choice(picked) : null;
}

/**
 * The next `count` tickets the counter would call if nothing else happened,
 * in order (for the counter page's "next" list). Does not change the state.
 */
export function previewCalls(state: HallState, setup: HallSetup, counterId: CounterId, now: number, count: number): CallChoice[] {
  const skip = new Set<TicketId>();
  let streaks = streaksOf(state, counterId);
  const out: CallChoice[] = [];
  while (out.length < count) {
    const picked = pickAt(state, setup, counterId, now, skip, streaks);
    if (!picked) break;
    streaks = picked.streaks;
    out.push(choice(picked));
    skip.add(picked.ticketId);
  }
  return out;
}
