// Cross-hall supervision: the hall's report figures per hall × service day × matter, computed by
// PostgreSQL from the events central already ingested (docs/reports.md, "Central").
// Contract — the SAME definitions as the hall's report (hall/reports/hall-report.ts), so a hall's
// figures and central's for the same day are equal (同源发布; tested against the real central in
// tests/integration/sync/reports-same-source.test.ts):
//   - a ticket counts on its issue day, under its matter (a transfer keeps the matter);
//   - served: it has a service_finished; no-show: no finish, and its last ticket_no_show is after
//     its last ticket_rejoined (a 过号 that rejoined is not a no-show);
//   - transfers / suspensions: its ticket_transferred / ticket_suspended events;
//   - wait: its last ticket_called or ticket_resumed minus its issue time, when no transfer,
//     suspension or rejoin came after that call (then it was waiting again, uncalled).
// One pass grouped per ticket (no self-join; central/overview/overview.ts explains why).
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

const TYPES = ['ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show'];

const SQL = `
WITH t AS (
  SELECT hall_id,
    min(service_day) FILTER (WHERE type = 'ticket_issued') AS service_day,
    min(payload->>'matterId') FILTER (WHERE type = 'ticket_issued') AS matter_id,
    min((payload->>'issuedAt')::bigint) FILTER (WHERE type = 'ticket_issued') AS issued_at,
    max(at) FILTER (WHERE type IN ('ticket_called', 'ticket_resumed')) AS last_call,
    max(at) FILTER (WHERE type IN ('ticket_transferred', 'ticket_suspended', 'ticket_rejoined')) AS last_reset,
    max(at) FILTER (WHERE type = 'ticket_rejoined') AS last_rejoin,
    bool_or(type = 'service_finished') AS finished,
    max(at) FILTER (WHERE type = 'ticket_no_show') AS last_no_show,
    count(*) FILTER (WHERE type = 'ticket_transferred') AS transfers,
    count(*) FILTER (WHERE type = 'ticket_suspended') AS suspensions
  FROM events
  WHERE type = ANY($4::text[]) AND service_day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR hall_id = $3)
  GROUP BY hall_id, payload->>'ticketId'
),
w AS (
  SELECT *, CASE WHEN last_call IS NOT NULL AND (last_reset IS NULL OR last_call > last_reset) THEN last_call - issued_at END AS wait_ms
  FROM t WHERE issued_at IS NOT NULL
)
SELECT w.hall_id, h.name AS hall_name, w.service_day::text AS day, w.matter_id,
  count(*) AS tickets,
  count(*) FILTER (WHERE finished) AS served,
  count(*) FILTER (WHERE NOT finished AND last_no_show IS NOT NULL AND (last_rejoin IS NULL OR last_no_show > last_rejoin)) AS no_shows,
  sum(transfers) AS transfers, sum(suspensions) AS suspensions,
  count(wait_ms) AS called, avg(wait_ms) AS mean_ms, max(wait_ms) AS max_ms
FROM w JOIN halls h ON h.hall_id = w.hall_id
GROUP BY w.hall_id, h.name, w.service_day, w.matter_id
ORDER BY w.hall_id, w.service_day, w.matter_id`;

export async function crossHallReport(pool: pg.Pool, from: string, to: string, hallId: string | null): Promise<CrossHallRow[]> {
  const r = await pool.query<Record<string, string | null>>(SQL, [from, to, hallId, TYPES]);
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
