// Turns a validated HallConfig into the engine's HallSetup (lookup maps).
import { guardPolicy, type CallingPolicy, type HallSetup } from '../domain/index.js';
import type { HallConfig } from './schema.js';

/** The configured policies, plus "default" (built from the green-channel guard) unless the config redefines it. */
export function policiesFrom(config: HallConfig): Map<string, CallingPolicy> {
  const { maxConsecutiveGreen, maxWaitMinutes } = config.greenChannel.guard;
  const policies = new Map<string, CallingPolicy>([['default', guardPolicy(maxConsecutiveGreen, maxWaitMinutes)]]);
  for (const p of config.callingPolicies) policies.set(p.id, { ...p, classOrder: [...p.classOrder], queueWeights: { ...p.queueWeights } });
  return policies;
}

export function hallSetupFrom(config: HallConfig): HallSetup {
  const allQueues = config.queues.map((q) => q.id);
  return {
    dayRule: { utcOffsetMinutes: config.hall.utcOffsetMinutes, dayStartsAtHour: config.hall.dayStartsAtHour },
    queues: new Map(
      config.queues.map((q) => [
        q.id,
        { id: q.id, prefix: q.prefix, avgServiceMinutes: q.avgServiceMinutes, waitTargetMinutes: q.waitTargetMinutes, dailyCap: q.dailyCap, cutOff: q.cutOff },
      ]),
    ),
    matters: new Map(config.matters.map((m) => [m.id, { queueId: m.queueId, selfService: m.selfService }])),
    counters: new Map(
      config.counters.map((c) => [
        c.id,
        { id: c.id, number: c.number, kind: c.kind, policyId: c.policyId, queueIds: c.queueIds?.length ? c.queueIds : c.kind === 'general' ? allQueues : [] },
      ]),
    ),
    greenCategories: new Set(config.greenChannel.categories.map((c) => c.id)),
    policies: policiesFrom(config),
    rules: config.visitRules,
    calendar: config.calendar ?? null,
    ratingSeconds: config.timeouts.ratingSeconds,
  };
}
