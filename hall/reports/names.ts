// The names a report prints, from the hall configuration (one place, for the API and the tests).
import type { HallConfig } from '../config/schema.js';
import type { ReportNames } from './hall-report.js';

export function reportNamesOf(config: HallConfig): ReportNames {
  return {
    hallName: config.hall.name,
    counters: config.counters,
    matters: config.matters,
    queues: config.queues,
    staff: config.staff,
    utcOffsetMinutes: config.hall.utcOffsetMinutes,
  };
}
