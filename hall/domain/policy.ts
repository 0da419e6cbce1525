// Calling policies: how a counter picks the next ticket, as data a hall
// manager can read, change and test (docs/calling-policy.md). Each counter
// names one policy; the engine applies it in calling.ts.
//
// A policy has three parts:
//   1. The cap (最长等候保障): every ticket's latest call time is its place in
//      line + maxWaitMinutes; the counter looks ahead so that it is kept
//      whenever it can be (call-deadlines.ts), and an overdue ticket goes
//      before every other, whatever its class.
//   2. Classes: green channel, on-time appointment and walk-in, in classOrder.
//      "strict": a class is called only when every class before it is empty.
//      "ratio": the classes before walk_in are the priority classes; while both
//      priority and walk-in tickets wait, the counter makes `ratio.priority`
//      priority calls, then `ratio.walkIn` walk-in calls, and repeats.
//   3. Queues within a class: the oldest place first across the counter's
//      queues ("oldest_first"), the first listed queue first ("listed"), or
//      waits multiplied by a per-queue weight ("weighted").
import type { QueueId, TicketClass } from './types.js';

export type PolicyMode = 'strict' | 'ratio';
export type QueueOrder = 'oldest_first' | 'listed' | 'weighted';

export interface CallingPolicy {
  id: string;
  name: string;
  /** Every class exactly once, most important first; e.g. ["green", "appointment", "walk_in"]. */
  classOrder: TicketClass[];
  mode: PolicyMode;
  /** Ratio mode, read priority:walkIn: `priority` priority calls, then `walkIn` walk-in calls, per cycle (e.g. 2:1). */
  ratio: { priority: number; walkIn: number };
  /** The hall's explicit word that a ratio giving priority classes fewer calls than walk-ins is meant (refused otherwise). */
  allowFewerPriorityCalls?: boolean;
  /** The cap in minutes (latest call time = place in line + cap); null: none (strict order can then starve walk-ins, and the admin page warns). */
  maxWaitMinutes: number | null;
  queueOrder: QueueOrder;
  /** "weighted": a queue's waits count weight× (missing queues weigh 1). */
  queueWeights: Record<QueueId, number>;
}

export const TICKET_CLASSES: readonly TicketClass[] = ['green', 'appointment', 'walk_in'];

/**
 * The policy every counter used before policies were configurable: green first,
 * at most `maxConsecutiveGreen` priority calls in a row while walk-ins wait,
 * and no ticket waits past `maxWaitMinutes` without being called first.
 */
export function guardPolicy(maxConsecutiveGreen: number, maxWaitMinutes: number): CallingPolicy {
  return {
    id: 'default',
    name: '默认：绿色通道优先，最长等候保障',
    classOrder: ['green', 'appointment', 'walk_in'],
    mode: 'ratio',
    ratio: { priority: maxConsecutiveGreen, walkIn: 1 },
    maxWaitMinutes,
    queueOrder: 'oldest_first',
    queueWeights: {},
  };
}

/** The priority classes of a policy: those ordered before walk-ins. */
export function priorityClasses(policy: CallingPolicy): TicketClass[] {
  return policy.classOrder.slice(0, policy.classOrder.indexOf('walk_in'));
}

/**
 * The refusal of a ratio that turns 优先办理 upside down (fewer priority calls than walk-in
 * calls per cycle), unless the policy says allowFewerPriorityCalls; null when fine.
 */
export function invertedRatioProblem(policy: Pick<CallingPolicy, 'id' | 'mode' | 'ratio' | 'allowFewerPriorityCalls'>): string | null {
  if (policy.mode !== 'ratio' || policy.ratio.priority >= policy.ratio.walkIn || policy.allowFewerPriorityCalls) return null;
  const { priority, walkIn } = policy.ratio;
  return (
    `calling policy "${policy.id}": ratio priority:walkIn = ${priority}:${walkIn} gives the green channel and appointments fewer calls than walk-ins ` +
    `(${priority} in every ${priority + walkIn}), which turns priority service upside down. Use priority >= walkIn (e.g. {"priority": ${walkIn}, "walkIn": ${priority}}), ` +
    `or, if the hall really means it, set "allowFewerPriorityCalls": true on this policy`
  );
}

/** Problems with a policy, in plain words (empty when it is usable). */
export function policyProblems(policy: CallingPolicy): string[] {
  const problems: string[] = [];
  const seen = new Set(policy.classOrder);
  if (policy.classOrder.length !== TICKET_CLASSES.length || TICKET_CLASSES.some((c) => !seen.has(c))) {
    problems.push(`classOrder must list each of ${TICKET_CLASSES.join(', ')} exactly once`);
  }
  if (policy.mode === 'ratio' && (policy.ratio.priority < 1 || policy.ratio.walkIn < 1)) {
    problems.push('a ratio needs at least 1 priority call and 1 walk-in call per cycle');
  }
  const inverted = invertedRatioProblem(policy);
  if (inverted) problems.push(inverted);
  if (policy.maxWaitMinutes !== null && policy.maxWaitMinutes <= 0) problems.push('maxWaitMinutes must be positive or null');
  for (const [q, w] of Object.entries(policy.queueWeights)) if (!(w > 0)) problems.push(`queue ${q}: weight must be positive`);
  return problems;
}
