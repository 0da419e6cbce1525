// Re-interpretation at startup: parked events whose schema version this
// server now knows, and quarantined events (a fixed server may now accept
// them), are classified again; those accepted move into events.
// Contract: one transaction per moved event set; an event is in exactly one
// of events / quarantine / parked at any time. Poison that is still poison
// stays where it is, with its reason refreshed.
// Dangers: runs before the server listens; with a large quarantine it delays
// startup (it reads them in pages of 500).
import type pg from 'pg';
import { withTransaction } from '../db.js';
import type { BatchEvent } from '../../protocol/central/uplink.js';
import { classify } from './classify.js';
import { NEWEST_SCHEMA_VERSION } from '../../protocol/central/events.js';
import { refreshRollup, type StoredEventKeys } from '../reports/rollup.js';

interface Row {
  stream_id: string;
  seq: string;
  hall_id: string;
  raw: string;
}

export async function reinterpretParked(pool: pg.Pool, now: () => number): Promise<{ moved: number }> {
  let moved = 0;
  for (const table of ['parked', 'quarantine'] as const) {
    let after: [string, number] = ['', 0];
    for (;;) {
      const filter = table === 'parked' ? 'schema_version <= $3 AND' : '';
      const page = await pool.query<Row>(
        `SELECT stream_id, seq, hall_id, raw FROM ${table}
         WHERE ${filter} (stream_id, seq) > ($1, $2) ORDER BY stream_id, seq LIMIT 500`,
        table === 'parked' ? [after[0], after[1], NEWEST_SCHEMA_VERSION] : [after[0], after[1]],
      );
      if (page.rows.length === 0) break;
      const last = page.rows[page.rows.length - 1]!;
      after = [last.stream_id, Number(last.seq)];
      moved += await movePage(pool, now(), table, page.rows);
    }
  }
  return { moved };
}

async function movePage(pool: pg.Pool, now: number, table: 'parked' | 'quarantine', rows: Row[]): Promise<number> {
  return withTransaction(pool, async (client) => {
    let moved = 0;
    const accepted: StoredEventKeys = { streamIds: [], seqs: [] };
    for (const row of rows) {
      let event: BatchEvent;
      try {
        event = JSON.parse(row.raw) as BatchEvent;
      } catch {
        continue;
      }
      const c = classify(event);
      if (c.kind === 'accepted') {
        const r = await client.query(
          `INSERT INTO events (stream_id, seq, event_id, hall_id, type, schema_version, service_day, at, hlc, payload, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10::jsonb, $11) ON CONFLICT DO NOTHING`,
          [row.stream_id, row.seq, event.id, row.hall_id, c.type, c.schemaVersion, c.serviceDay, c.at, c.hlc, c.payloadJson, now],
        );
        if (r.rowCount !== 1) continue; // held already: leave this copy where it is
        await client.query(`DELETE FROM ${table} WHERE stream_id = $1 AND seq = $2`, [row.stream_id, row.seq]);
        accepted.streamIds.push(row.stream_id);
        accepted.seqs.push(Number(row.seq));
        moved++;
      } else if (c.kind === 'quarantined' && table === 'parked') {
        const r = await client.query(
          `INSERT INTO quarantine (stream_id, seq, event_id, hall_id, type, schema_version, reason, raw, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [row.stream_id, row.seq, event.id, row.hall_id, c.type, c.schemaVersion, c.reason, row.raw, now],
        );
        if (r.rowCount === 1) await client.query(`DELETE FROM parked WHERE stream_id = $1 AND seq = $2`, [row.stream_id, row.seq]);
      } else if (c.kind === 'quarantined') {
        await client.query('UPDATE quarantine SET reason = $3 WHERE stream_id = $1 AND seq = $2', [row.stream_id, row.seq, c.reason]);
      }
    }
    // A moved event may belong to a past day: its tickets and days are recomputed with it.
    await refreshRollup(client, accepted);
    return moved;
  });
}
