// Reads the service desk's events back from the outbox (they are its only store: events are
// never deleted, docs/service-desk.md). Contract: oldest first; only the given types.
import type { HallRuntime } from '../runtime/hall-runtime.js';
import { eventFromRow, isEventOf, type EventRow, type EventType, type StoredEventOf } from '../store/event-log.js';

/** Events of `types` from service day `sinceDay` on (uses the events_by_day index), in seq order. */
export function readEvents<T extends EventType>(runtime: HallRuntime, types: readonly T[], sinceDay: string): StoredEventOf<T>[] {
  const marks = types.map(() => '?').join(', ');
  const rows = runtime.db
    .prepare(`SELECT seq, id, type, service_day, at, payload FROM events WHERE service_day >= ? AND type IN (${marks}) ORDER BY seq`)
    .all(sinceDay, ...types) as EventRow[];
  return rows.map(eventFromRow).filter((e): e is StoredEventOf<T> => isEventOf(e, types));
}
