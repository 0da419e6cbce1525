// The manager's report of a period (service days from..to), grouped by queue, matter, counter,
// staff member, day or hour of day (docs/reports.md).
// Sources — the tables the engine writes in the same transaction as each event, never a
// second count kept on the side:
//   - tickets: one row per ticket of the period, in its final state. A ticket counts in the
//     group of its final queue, its matter, the counter and staff member that had it last, its
//     service day and the local hour it was issued. served = status finished; noShows = status
//     no_show (a 过号 that rejoined and was served is served, not a no-show); transfers = the
//     ticket's transfer_count; wait = called_at − issued_at (the last call: a transfer or a
//     rejoin waits again); service = ended_at − (started_at ?? called_at) of served tickets.
//   - suspensions: ticket_suspended events of the period (a ticket may be suspended and resumed
//     more than once; its row keeps only the last), grouped through their ticket.
//   - ratings: the 评价公示's one computation (hall/ratings/publication.ts) — 同源发布.
//   - 差评 cases: hall/cases/query.ts.
// tests/integration/reports/year-agreement.test.ts checks every total against an independent
// count over the event log of a generated year (≥ 1.5 million tickets).
// Personal data: none (ids and names of queues, matters, counters and staff only).
import type { Db } from '../store/db.js';
import type { DurationStatsDTO, HallReportDTO, ReportDimension, ReportRowDTO } from '../api/reports-dto.js';
import { ratingPublication, type PublicationNames } from '../ratings/publication.js';
import { badRatingCasesBetween, summariseBadRatingCases } from '../cases/query.js';
import { durationStats } from './stats.js';

export interface ReportNames extends PublicationNames {
  queues: readonly { id: string; name: string; waitTargetMinutes: number }[];
  staff: readonly { id: string; name: string }[];
  utcOffsetMinutes: number;
}

export interface ReportQuery {
  from: string;
  to: string;
  by: ReportDimension;
}

interface TicketRow {
  queue_id: string;
  matter_id: string;
  counter_id: string | null;
  staff_id: string | null;
  service_day: string;
  id: string;
  status: string;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  transfer_count: number;
}

interface Group {
  tickets: number;
  served: number;
  noShows: number;
  transfers: number;
  suspensions: number;
  waits: number[];
  services: number[];
  waitsOverTarget: number;
}

const newGroup = (): Group => ({ tickets: 0, served: 0, noShows: 0, transfers: 0, suspensions: 0, waits: [], services: [], waitsOverTarget: 0 });

/** The local hour ("00"…"23") of `at` in the hall's time zone. */
export function localHour(at: number, utcOffsetMinutes: number): string {
  return String(Math.floor((((at + utcOffsetMinutes * 60_000) % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000)).padStart(2, '0');
}

/** The local half hour ("09:00", "09:30") `at` falls in. */
export function localHalfHour(at: number, utcOffsetMinutes: number): string {
  const minutes = Math.floor(((((at + utcOffsetMinutes * 60_000) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 < 30 ? '00' : '30'}`;
}

function keyOf(t: TicketRow, by: ReportDimension, utcOffsetMinutes: number): string {
  switch (by) {
    case 'queue':
      return t.queue_id;
    case 'matter':
      return t.matter_id;
    case 'counter':
      return t.counter_id ?? '';
    case 'staff':
      return t.staff_id ?? '';
    case 'day':
      return t.service_day;
    case 'hour':
      return localHour(t.issued_at, utcOffsetMinutes);
    case 'half_hour':
      return localHalfHour(t.issued_at, utcOffsetMinutes);
  }
}

function rowOf(key: string, name: string, g: Group, waitTargetMinutes: number | null): ReportRowDTO {
  const wait: DurationStatsDTO = durationStats(g.waits);
  return {
    key,
    name,
    tickets: g.tickets,
    served: g.served,
    noShows: g.noShows,
    transfers: g.transfers,
    suspensions: g.suspensions,
    wait,
    service: durationStats(g.services),
    waitTargetMinutes,
    overTarget: waitTargetMinutes === null || wait.mean === null ? null : wait.mean > waitTargetMinutes * 60,
    waitsOverTarget: g.waitsOverTarget,
  };
}

function nameOf(names: ReportNames, by: ReportDimension, key: string): string {
  if (key === '') return by === 'staff' ? '（无人员）' : '（未叫号）';
  const find = (list: readonly { id: string; name: string }[]) => list.find((x) => x.id === key)?.name ?? key;
  switch (by) {
    case 'queue':
      return find(names.queues);
    case 'matter':
      return find(names.matters);
    case 'counter':
      return find(names.counters);
    case 'staff':
      return find(names.staff);
    case 'day':
      return key;
    case 'hour':
      return `${key}:00–${key}:59`;
    case 'half_hour':
      return key;
  }
}

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

/** The report of service days `query.from`…`query.to` (inclusive), computed at `now`. */
export function hallReport(db: Db, names: ReportNames, query: ReportQuery, now: number): HallReportDTO {
  const { from, to, by } = query;
  const targetOf = new Map(names.queues.map((q) => [q.id, q.waitTargetMinutes * 60_000]));
  const suspensions = new Map<string, number>();
  for (const id of db
    .prepare(`SELECT json_extract(payload, '$.ticketId') FROM events WHERE service_day BETWEEN ? AND ? AND type = 'ticket_suspended'`)
    .pluck()
    .iterate(from, to) as IterableIterator<string>) {
    suspensions.set(id, (suspensions.get(id) ?? 0) + 1);
  }
  const groups = new Map<string, Group>();
  const total = newGroup();
  const rows = db
    .prepare(
      `SELECT id, queue_id, matter_id, counter_id, staff_id, service_day, status, issued_at, called_at, started_at, ended_at, transfer_count
       FROM tickets WHERE service_day BETWEEN ? AND ?`,
    )
    .iterate(from, to) as IterableIterator<TicketRow>;
  for (const t of rows) {
    const key = keyOf(t, by, names.utcOffsetMinutes);
    const g = groups.get(key) ?? groups.set(key, newGroup()).get(key)!;
    const suspended = suspensions.get(t.id) ?? 0;
    for (const x of [g, total]) {
      x.tickets += 1;
      x.transfers += t.transfer_count;
      x.suspensions += suspended;
      if (t.status === 'finished') {
        x.served += 1;
        if (t.ended_at !== null) x.services.push(t.ended_at - (t.started_at ?? t.called_at ?? t.ended_at));
      } else if (t.status === 'no_show') x.noShows += 1;
      if (t.called_at !== null) {
        const wait = t.called_at - t.issued_at;
        x.waits.push(wait);
        const target = targetOf.get(t.queue_id);
        if (target !== undefined && wait > target) x.waitsOverTarget += 1;
      }
    }
  }
  const queueTarget = new Map(names.queues.map((q) => [q.id, q.waitTargetMinutes]));
  const publication = ratingPublication(db, names, from, to, now);
  const strip = ({ id, name, rated, levels, notRated, satisfaction }: (typeof publication)['hall']) => ({ id, name, rated, levels, notRated, satisfaction });
  return {
    hallName: names.hallName,
    from,
    to,
    by,
    at: now,
    rows: [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([key, g]) => rowOf(key, nameOf(names, by, key), g, by === 'queue' ? (queueTarget.get(key) ?? null) : null)),
    total: rowOf('total', '合计', total, null),
    ratings: { hall: strip(publication.hall), counters: publication.counters.map(strip), matters: publication.matters.map(strip) },
    ratingTrend: daysOf(from, to).map((day) => {
      const h = ratingPublication(db, names, day, day, now).hall;
      return { day, rated: h.rated, satisfaction: h.satisfaction, bad: h.bad, notRated: h.notRated };
    }),
    waitTargets: names.queues.map((q) => ({ queueId: q.id, name: q.name, minutes: q.waitTargetMinutes })),
    cases: summariseBadRatingCases(badRatingCasesBetween(db, from, to), now),
  };
}
