// Keeps the cross-hall report's daily rollup (migration 008: report_tickets, report_daily) up to
// date as events are stored. Called inside the transaction that stores them — the uplink's batch
// (central/ingest/ingest-batch.ts) and the re-interpretation at start (central/ingest/parked.ts) —
// so the rollup commits or rolls back with the events themselves.
// Contract: every ticket the new events belong to is recomputed WHOLE from its held events
// (function report_ticket_facts), then every hall × day × matter those tickets are in is
// recomputed from report_tickets (function report_daily_facts). Nothing is incremented, so the rollup equals
// the events whatever arrives twice or late: an event for a past day recomputes that day.
// Dangers: two transactions of the same hall (two streams, two central processes) would each
// recompute a day without seeing the other's uncommitted tickets and the last to commit would
// win with stale figures; a per-hall transaction-level advisory lock, taken in hall order before
// reading, serialises them. Never write report_tickets / report_daily anywhere else.
import type pg from 'pg';

/** Advisory lock namespace (first key of pg_advisory_xact_lock(int, int)) of the rollup's per-hall lock. */
const ROLLUP_LOCK = 8008;

const TICKET_TYPES = ['ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show'];

export interface StoredEventKeys {
  streamIds: string[];
  seqs: number[];
}

/**
 * Recomputes the rollup for the tickets of the events just stored under (stream, seq); events
 * of other types are ignored. Returns how many tickets were recomputed.
 */
export async function refreshRollup(client: pg.PoolClient, stored: StoredEventKeys): Promise<number> {
  if (stored.seqs.length === 0) return 0;
  const touched = await client.query<{ hall_id: string; ticket_id: string }>(
    `SELECT DISTINCT e.hall_id, e.payload->>'ticketId' AS ticket_id
     FROM events e JOIN unnest($1::text[], $2::bigint[]) AS k(stream_id, seq) ON e.stream_id = k.stream_id AND e.seq = k.seq
     WHERE e.type = ANY($3::text[]) AND e.payload->>'ticketId' IS NOT NULL
     ORDER BY 1, 2`,
    [stored.streamIds, stored.seqs, TICKET_TYPES],
  );
  if (touched.rows.length === 0) return 0;
  const halls = [...new Set(touched.rows.map((r) => r.hall_id))].sort();
  for (const hallId of halls) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ROLLUP_LOCK, hallId]);
  const hallIds = touched.rows.map((r) => r.hall_id);
  const ticketIds = touched.rows.map((r) => r.ticket_id);
  // The definitions are the migration's functions report_ticket_facts / report_daily_facts. A
  // ticket's day and matter come from its issue and never change once held, so the groups read
  // after the upsert cover the old ones too.
  await client.query(
    `INSERT INTO report_tickets SELECT * FROM report_ticket_facts($1::text[], $2::text[])
     ON CONFLICT (hall_id, ticket_id) DO UPDATE SET
       service_day = excluded.service_day, matter_id = excluded.matter_id, issued_at = excluded.issued_at,
       last_call = excluded.last_call, last_reset = excluded.last_reset, last_rejoin = excluded.last_rejoin,
       finished = excluded.finished, last_no_show = excluded.last_no_show,
       transfers = excluded.transfers, suspensions = excluded.suspensions`,
    [hallIds, ticketIds],
  );
  const groups = await client.query<{ hall_id: string; service_day: string; matter_id: string }>(
    `SELECT DISTINCT t.hall_id, t.service_day::text AS service_day, t.matter_id
     FROM report_tickets t JOIN unnest($1::text[], $2::text[]) AS k(hall_id, ticket_id) ON t.hall_id = k.hall_id AND t.ticket_id = k.ticket_id
     WHERE t.service_day IS NOT NULL AND t.matter_id IS NOT NULL`,
    [hallIds, ticketIds],
  );
  if (groups.rows.length > 0) {
    await client.query(
      `INSERT INTO report_daily SELECT * FROM report_daily_facts($1::text[], $2::date[], $3::text[])
       ON CONFLICT (hall_id, service_day, matter_id) DO UPDATE SET
         tickets = excluded.tickets, served = excluded.served, no_shows = excluded.no_shows,
         transfers = excluded.transfers, suspensions = excluded.suspensions, called = excluded.called,
         wait_sum_ms = excluded.wait_sum_ms, max_wait_ms = excluded.max_wait_ms`,
      [groups.rows.map((g) => g.hall_id), groups.rows.map((g) => g.service_day), groups.rows.map((g) => g.matter_id)],
    );
  }
  return touched.rows.length;
}
