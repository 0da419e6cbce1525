// Calling policies the simulator can compare: the shipped library, the hall's
// configured ones (HallSetup.policies), and inline ones given as JSON.
// Contract: resolvePolicy() returns a usable policy or throws PolicyRefError
// naming what was asked and what exists; inline policies are checked with
// zod (shape) and policyProblems() (meaning) before anything runs.
import { z } from 'zod';
import { formatPath } from '../config/load.js';
import { callingPolicySchema } from '../config/schema.js';
import { guardPolicy, policyProblems, type CallingPolicy, type HallSetup } from '../domain/index.js';

export class PolicyRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyRefError';
  }
}

/** An inline policy, as the admin API and --policies files take it: the hall configuration's schema, plus the engine's own checks. */
export const policySchema = callingPolicySchema.strict().superRefine((p, ctx) => {
  for (const problem of policyProblems(p)) ctx.addIssue({ code: 'custom', message: problem });
});

export const policyFileSchema = z.array(policySchema).min(1).max(50);

/** Plain-words problems of an inline policy (empty when usable). */
export function inlinePolicyProblems(raw: unknown): string[] {
  const r = policySchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path) || '(policy)'}: ${i.message}`);
}

export function parseInlinePolicy(raw: unknown, where: string): CallingPolicy {
  const r = policySchema.safeParse(raw);
  if (!r.success) throw new PolicyRefError(`${where} is not a valid calling policy: ${r.error.issues.map((i) => `${formatPath(i.path) || '(policy)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

const ALL_CLASSES = ['green', 'appointment', 'walk_in'] as const;

/**
 * The shipped library (docs/simulator.md). Aging defaults to the hall's own
 * default policy's bound, so comparisons change one thing at a time. A policy
 * the hall configures under the same id replaces the shipped one.
 */
export function shippedPolicies(setup: HallSetup): CallingPolicy[] {
  const base = setup.policies.get('default') ?? guardPolicy(3, 45);
  const aging = base.maxWaitMinutes ?? 45;
  const common = { classOrder: [...ALL_CLASSES], queueWeights: {}, queueOrder: 'oldest_first' as const, ratio: { priority: 1, walkIn: 1 } };
  // Weighted queues: a queue with a tighter wait target counts its waits heavier.
  const weights: Record<string, number> = {};
  for (const q of setup.queues.values()) weights[q.id] = Math.round((15 / (q.waitTargetMinutes || 15)) * 100) / 100;
  return [
    { ...base, id: 'default' },
    { ...common, id: 'strict-green', name: '严格优先（有超时保护）', mode: 'strict', maxWaitMinutes: aging },
    { ...common, id: 'strict', name: '严格优先（无超时保护）', mode: 'strict', maxWaitMinutes: null },
    { ...common, id: 'priority2-walkin1-nocap', name: '优先号2个、普通号1个交替（无超时保护）', mode: 'ratio', ratio: { priority: 2, walkIn: 1 }, maxWaitMinutes: null },
    { ...common, id: 'priority3-walkin1-aging', name: '优先号3个、普通号1个交替（有超时保护）', mode: 'ratio', ratio: { priority: 3, walkIn: 1 }, maxWaitMinutes: aging },
    { ...common, id: 'weighted-targets', name: '按队列等候目标加权（有超时保护）', mode: 'ratio', ratio: { priority: 2, walkIn: 1 }, maxWaitMinutes: aging, queueOrder: 'weighted', queueWeights: weights },
  ];
}

/** Every policy a simulation may name: shipped, then configured (same id: configured wins), then extra (wins over both). */
export function policyCatalog(setup: HallSetup, extra: CallingPolicy[] = []): Map<string, CallingPolicy> {
  const catalog = new Map<string, CallingPolicy>();
  for (const p of shippedPolicies(setup)) catalog.set(p.id, p);
  for (const [id, p] of setup.policies) catalog.set(id, p);
  for (const p of extra) catalog.set(p.id, p);
  return catalog;
}

/** A policy by id from the catalog, or an inline object. */
export function resolvePolicy(ref: string | unknown, catalog: Map<string, CallingPolicy>, where: string): CallingPolicy {
  if (typeof ref === 'string') {
    const p = catalog.get(ref);
    if (!p) throw new PolicyRefError(`${where}: no calling policy "${ref}"; known: ${[...catalog.keys()].join(', ')}`);
    return p;
  }
  return parseInlinePolicy(ref, where);
}

/** A copy of the setup in which every counter follows `policy`. */
export function setupWithPolicy(setup: HallSetup, policy: CallingPolicy): HallSetup {
  return {
    ...setup,
    policies: new Map([[policy.id, policy]]),
    counters: new Map([...setup.counters].map(([id, c]) => [id, { ...c, policyId: policy.id }])),
  };
}
