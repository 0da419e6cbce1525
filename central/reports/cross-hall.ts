// Cross-hall supervision: the hall's report figures per hall × service day × matter, kept by
// PostgreSQL from the events central ingests (docs/reports.md, "Central").
// Contract — the SAME definitions as the hall's report (hall/reports/hall-report.ts), so a hall's
// figures and central's for the same day are equal (同源发布; tested against the real central in
// tests/integration/sync/reports-same-source.test.ts):
//   - a ticket counts on its issue day, under its matter (a transfer keeps the matter);
//   - served: it has a service_finished; no-show: no finish, and its last ticket_no_show is after
//     its last ticket_rejoined (a 过号 that rejoined is not a no-show);
//   - transfers / suspensions: its ticket_transferred / ticket_suspended events;
//   - wait: its last ticket_called or ticket_resumed minus its issue time, when no transfer,
//     suspension or rejoin came after that call (then it was waiting again, uncalled).
// Read from the daily rollup (migration 008, kept by central/reports/rollup.ts as events are
// ingested), where these definitions live as the functions report_ticket_facts / report_daily_facts.
import type pg from 'pg';

export interface CrossHallRow {
  hallId: string;
  hallName: string;
  serviceDay: string;
  matterId: string;
  tickets: number;
  served: number;
  noShows: number;
  transfers: number;
  suspensions: number;
  /** Tickets with a measured wait, their mean and longest wait in seconds. */
  called: number;
  meanWaitSeconds: number | null;
  maxWaitSeconds: number | null;
}

const SQL = `
SELECT d.hall_id, h.name AS hall_name, d.service_day::text AS day, d.matter_id,
  d.tickets, d.served, d.no_shows, d.transfers, d.suspensions, d.called,
  CASE WHEN d.called > 0 THEN d.wait_sum_ms::numeric / d.called END AS mean_ms, d.max_wait_ms AS max_ms
FROM report_daily d JOIN halls h ON h.hall_id = d.hall_id
WHERE d.service_day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR d.hall_id = $3)
ORDER BY d.hall_id, d.service_day, d.matter_id`;

export async function crossHallReport(pool: pg.Pool, from: string, to: string, hallId: string | null): Promise<CrossHallRow[]> {
  const r = await pool.query<Record<string, string | null>>(SQL, [from, to, hallId]);
  return r.rows.map((row) => ({
    hallId: row.hall_id!,
    hallName: row.hall_name!,
    serviceDay: row.day!,
    matterId: row.matter_id!,
    tickets: Number(row.tickets),
    served: Number(row.served),
    noShows: Number(row.no_shows),
    transfers: Number(row.transfers),
    suspensions: Number(row.suspensions),
    called: Number(row.called),
    meanWaitSeconds: row.mean_ms === null ? null : Number(row.mean_ms) / 1000,
    maxWaitSeconds: row.max_ms === null ? null : Number(row.max_ms) / 1000,
  }));
}
