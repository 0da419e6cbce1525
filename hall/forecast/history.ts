// The hall's own history, as the forecast reads it from the event log: how many
// tickets were issued per service day, queue, ticket class and local half hour,
// and how long services took per queue.
// Contract: read-only SQL over `events` (ticket_issued; service_started and
// service_finished for durations), aggregated inside SQLite so a year of
// history is one pass over the (service_day, type) index. Tickets the hall
// refused (caps, cut-offs) were never issued and are not in the history:
// demand above a cap is not seen (docs/forecast.md, limits).
// Personal data: none is read — queue, class and times only.
import type { Db } from '../store/db.js';
import type { TicketClass } from '../domain/index.js';

export const SLOT_MS = 30 * 60_000;
export const SLOTS = 48;
export const CLASSES: readonly TicketClass[] = ['green', 'appointment', 'walk_in'];

/** One service day's arrivals: per queue, per class, 48 half-hour counts (local time of day). */
export interface DayArrivals {
  serviceDay: string;
  total: number;
  /** queue → class index (CLASSES) → slot → tickets */
  queues: Map<string, number[][]>;
}

export interface History {
  days: Map<string, DayArrivals>;
  /** Mean measured service minutes per queue (start to finish), where measured. */
  serviceMinutes: Map<string, number>;
}

export function emptyDay(serviceDay: string): DayArrivals {
  return { serviceDay, total: 0, queues: new Map() };
}

export function addArrivals(day: DayArrivals, queueId: string, cls: TicketClass, slot: number, n: number): void {
  let q = day.queues.get(queueId);
  if (!q) day.queues.set(queueId, (q = CLASSES.map(() => new Array<number>(SLOTS).fill(0))));
  const c = CLASSES.indexOf(cls);
  if (c < 0 || slot < 0 || slot >= SLOTS) return;
  q[c]![slot]! += n;
  day.total += n;
}

/** Arrivals of service days from..to (inclusive), in a hall `utcOffsetMinutes` from UTC. */
export function readArrivals(db: Db, from: string, to: string, utcOffsetMinutes: number): Map<string, DayArrivals> {
  const rows = db
    .prepare(
      `SELECT service_day AS d, json_extract(payload, '$.queueId') AS q, json_extract(payload, '$.ticketClass') AS c,
              (CAST(at + ? AS INTEGER) % 86400000) / ${SLOT_MS} AS s, COUNT(*) AS n
         FROM events WHERE service_day BETWEEN ? AND ? AND type = 'ticket_issued'
        GROUP BY d, q, c, s`,
    )
    .all(utcOffsetMinutes * 60_000, from, to) as { d: string; q: string; c: TicketClass; s: number; n: number }[];
  const days = new Map<string, DayArrivals>();
  for (const r of rows) {
    let day = days.get(r.d);
    if (!day) days.set(r.d, (day = emptyDay(r.d)));
    addArrivals(day, r.q, r.c, r.s, r.n);
  }
  return days;
}

/** Mean service minutes per queue over service days from..to (service_started → service_finished of the same ticket). */
export function readServiceMinutes(db: Db, from: string, to: string, queueOfMatter: (matterId: string) => string | undefined): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT type, at, json_extract(payload, '$.ticketId') AS t, json_extract(payload, '$.matterId') AS m
         FROM events WHERE service_day BETWEEN ? AND ? AND type IN ('service_started', 'service_finished') ORDER BY seq`,
    )
    .all(from, to) as { type: string; at: number; t: string; m: string | null }[];
  const started = new Map<string, number>();
  const sums = new Map<string, { ms: number; n: number }>();
  for (const r of rows) {
    if (r.type === 'service_started') started.set(r.t, r.at);
    else {
      const s = started.get(r.t);
      const q = r.m ? queueOfMatter(r.m) : undefined;
      if (s === undefined || !q) continue;
      started.delete(r.t);
      const acc = sums.get(q) ?? { ms: 0, n: 0 };
      acc.ms += r.at - s;
      acc.n++;
      sums.set(q, acc);
    }
  }
  return new Map([...sums].filter(([, v]) => v.n >= 5).map(([q, v]) => [q, v.ms / v.n / 60_000]));
}
