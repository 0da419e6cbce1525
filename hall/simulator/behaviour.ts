// What visitors do besides waiting: not coming when called (no-show), coming
// only after a recall, walking from the display to the counter, being sent on
// to another queue part-way through (transfer), and being set aside to fetch a
// missing paper and coming back (suspension, 容缺受理). The rates are the
// hall's: set by hand (CLI, admin request) or learned from its recorded days
// (recorded.ts: learnBehaviour).
// Contract: withBehaviour() is deterministic — the same day and rates give the
// same plan for every visitor, drawn from an Rng of its own, so the arrivals of
// a seed never change and both policies of a comparison meet the same visitors.
// Rates of 0 give a plan-free day (exactly the day without behaviour).
import { z } from 'zod';
import type { HallSetup } from '../domain/index.js';
import type { SimulationBehaviourDTO } from '../api/dto.js';
import { Rng, hashString } from './random.js';
import type { SimDay, VisitPlan } from './day.js';

/** The rates (fields described in hall/api/dto.ts, where the admin page reads them). */
export type BehaviourRates = SimulationBehaviourDTO;

/** Where a day's rates came from: the defaults, set by the hall, learned from recorded days, or none. */
export type BehaviourSource = 'default' | 'set' | 'learned' | 'none';

export const NO_BEHAVIOUR: BehaviourRates = { noShowRate: 0, recallRate: 0, transferRate: 0, suspendRate: 0, suspendAwayMinutes: 0, walkSeconds: 0 };

/** Used when a hall sets nothing and has no recorded days to learn from (docs/simulator.md). */
export const DEFAULT_BEHAVIOUR: BehaviourRates = { noShowRate: 0.04, recallRate: 0.08, transferRate: 0.03, suspendRate: 0.02, suspendAwayMinutes: 20, walkSeconds: 40 };

const share = z.number().min(0).max(0.5);
export const behaviourSchema = z
  .object({
    noShowRate: share,
    recallRate: share,
    transferRate: share,
    suspendRate: share,
    suspendAwayMinutes: z.number().min(0).max(240),
    walkSeconds: z.number().min(0).max(600),
  })
  .strict();

/** Partial rates over the defaults, as the admin request and the CLI take them. */
export const behaviourPatchSchema = behaviourSchema.partial();

export function behaviourProblems(r: BehaviourRates): string[] {
  const parsed = behaviourSchema.safeParse(r);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (r.noShowRate + r.recallRate > 0.9) problems.push('noShowRate + recallRate must be at most 0.9');
  return problems;
}

const MIN = 60_000;

/** Queues a counter serves, other than `queueId`: where a transfer may send a visitor. */
function transferTargets(setup: HallSetup, queueId: string): string[] {
  const served = new Set([...setup.counters.values()].flatMap((c) => c.queueIds));
  return [...setup.queues.keys()].filter((q) => q !== queueId && served.has(q));
}

/**
 * The day with a plan for every visitor, drawn from the rates. A visitor with nothing
 * special to do gets a plan with only a walk; with all rates 0 no plan is attached.
 */
export function withBehaviour(day: SimDay, setup: HallSetup, rates: BehaviourRates, source: BehaviourSource = 'set'): SimDay {
  const problems = behaviourProblems(rates);
  if (problems.length) throw new Error(`behaviour rates are not valid: ${problems.join('; ')}`);
  const none = rates.noShowRate + rates.recallRate + rates.transferRate + rates.suspendRate + rates.walkSeconds === 0;
  if (none) return { ...day, behaviour: { ...NO_BEHAVIOUR, source } };
  const rng = new Rng(hashString(`behaviour:${day.serviceDay}:${day.seed ?? day.source}`));
  const awayCapMs = Math.max(1, setup.rules.suspendMaxMinutes - 1) * MIN;
  const arrivals = day.arrivals.map((a) => {
    const queueId = setup.matters.get(a.matterId)?.queueId ?? '';
    const walkMs = rates.walkSeconds > 0 ? Math.round(Math.min(rates.walkSeconds * 4, rng.logNormal(rates.walkSeconds, 0.5)) * 1000) : 0;
    const u = rng.next();
    const recallsBeforeAnswer = u < rates.noShowRate ? null : u < rates.noShowRate + rates.recallRate ? (rng.chance(0.7) ? 1 : 2) : 0;
    const v = rng.next();
    const split = rng.uniform(0.3, 0.7);
    let after: VisitPlan['after'] = null;
    if (recallsBeforeAnswer !== null && v < rates.transferRate) {
      const targets = transferTargets(setup, queueId);
      if (targets.length) {
        const toQueueId = targets[Math.floor(rng.next() * targets.length)]!;
        const secondMs = Math.round(Math.max(1, rng.logNormal(setup.queues.get(toQueueId)!.avgServiceMinutes, 0.6)) * MIN);
        after = { kind: 'transfer', toQueueId, firstMs: Math.round(a.serviceMs * split), secondMs };
      }
    } else if (recallsBeforeAnswer !== null && v < rates.transferRate + rates.suspendRate) {
      const awayMs = Math.round(Math.min(awayCapMs, Math.max(MIN, rng.logNormal(Math.max(1, rates.suspendAwayMinutes), 0.5) * MIN)));
      after = { kind: 'suspend', firstMs: Math.round(a.serviceMs * split), awayMs, secondMs: Math.round(a.serviceMs * (1 - split)) };
    }
    return { ...a, plan: { walkMs, recallsBeforeAnswer, after } };
  });
  return { ...day, arrivals, behaviour: { ...rates, source } };
}
