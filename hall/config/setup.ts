// Turns a validated HallConfig into the engine's HallSetup (lookup maps).
import type { HallSetup } from '../domain/index.js';
import type { HallConfig } from './schema.js';

export function hallSetupFrom(config: HallConfig): HallSetup {
  const allQueues = config.queues.map((q) => q.id);
  return {
    dayRule: { utcOffsetMinutes: config.hall.utcOffsetMinutes, dayStartsAtHour: config.hall.dayStartsAtHour },
    queues: new Map(config.queues.map((q) => [q.id, { id: q.id, prefix: q.prefix, avgServiceMinutes: q.avgServiceMinutes }])),
    matters: new Map(config.matters.map((m) => [m.id, { queueId: m.queueId }])),
    counters: new Map(
      config.counters.map((c) => [c.id, { id: c.id, number: c.number, queueIds: c.queueIds?.length ? c.queueIds : c.kind === 'general' ? allQueues : [] }]),
    ),
    greenCategories: new Set(config.greenChannel.categories.map((c) => c.id)),
    guard: config.greenChannel.guard,
    ratingSeconds: config.timeouts.ratingSeconds,
  };
}
