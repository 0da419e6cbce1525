// The hall's public board as central stores it (central migration 005, docs/phone.md).
// Contract: applyBoardPush stores one push in one transaction or not at all. A `full` push
// replaces the hall's header, queues and every ticket; a `delta` upserts the listed tickets and
// the header and queues, and applies only when central holds exactly `baseVersion` of the same
// service day — otherwise it throws NeedFull (the route answers 409 need_full) and changes
// nothing. A full push is accepted whatever its version (the hall is the authority: a hall
// restored from a backup may count again from lower), so readers compare versions for
// inequality, never order. Rows are read back by loadBoard for the in-memory copy (hub.ts).
// Dangers: the board is public-facing; it holds only what protocol/central/phone.ts allows.
import type pg from 'pg';
import { withTransaction } from '../db.js';
import type { BoardPush, BoardQueue, BoardTicket } from '../../protocol/central/phone.js';

export class NeedFull extends Error {
  override name = 'NeedFull';
}

/** One hall's board as central holds it. */
export interface StoredBoard {
  hallId: string;
  version: number;
  serviceDay: string;
  generatedAt: number;
  /** When central received the last push (full, delta or heartbeat), central's clock. */
  receivedAt: number;
  hall: BoardPush['hall'];
  queues: BoardQueue[];
  tickets: Map<string, BoardTicket>;
}

/** Stores a push; returns the rows it wrote so the caller can update its in-memory copy. */
export async function applyBoardPush(pool: pg.Pool, hallId: string, push: BoardPush, receivedAt: number): Promise<void> {
  await withTransaction(pool, async (c) => {
    const held = await c.query<{ version: string; service_day: string }>('SELECT version, service_day FROM phone_boards WHERE hall_id = $1 FOR UPDATE', [hallId]);
    const row = held.rows[0];
    if (push.mode === 'delta') {
      if (!row) throw new NeedFull(`central holds no board of hall "${hallId}" yet; send a full board`);
      if (Number(row.version) !== push.baseVersion) throw new NeedFull(`central holds version ${row.version} of the board, the delta applies to ${push.baseVersion}; send a full board`);
      if (row.service_day !== push.serviceDay) throw new NeedFull(`central holds the board of ${row.service_day}, the delta is for ${push.serviceDay}; send a full board`);
    }
    await c.query(
      `INSERT INTO phone_boards (hall_id, version, service_day, generated_at, received_at, hall, queues) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (hall_id) DO UPDATE SET version = $2, service_day = $3, generated_at = $4, received_at = $5, hall = $6, queues = $7`,
      [hallId, push.version, push.serviceDay, push.generatedAt, receivedAt, JSON.stringify(push.hall), JSON.stringify(push.queues)],
    );
    if (push.mode === 'full') await c.query('DELETE FROM phone_board_tickets WHERE hall_id = $1', [hallId]);
    if (push.tickets.length === 0) return;
    // One statement for the whole list: unnest keeps a 5,000-ticket board to a single round trip.
    await c.query(
      `INSERT INTO phone_board_tickets (hall_id, ticket_id, key_hash, version, ticket)
       SELECT $1, t.id, t.key_hash, $2, t.ticket FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS t(id, key_hash, ticket)
       ON CONFLICT (hall_id, ticket_id) DO UPDATE SET key_hash = EXCLUDED.key_hash, version = EXCLUDED.version, ticket = EXCLUDED.ticket`,
      [hallId, push.version, push.tickets.map((t) => t.ticketId), push.tickets.map((t) => t.keyHash), push.tickets.map((t) => JSON.stringify(t))],
    );
  });
}

/** The hall's board from the database, or null when it never pushed one. */
export async function loadBoard(pool: pg.Pool, hallId: string): Promise<StoredBoard | null> {
  const b = await pool.query<{ version: string; service_day: string; generated_at: string; received_at: string; hall: BoardPush['hall']; queues: BoardQueue[] }>(
    'SELECT version, service_day, generated_at, received_at, hall, queues FROM phone_boards WHERE hall_id = $1',
    [hallId],
  );
  const row = b.rows[0];
  if (!row) return null;
  const t = await pool.query<{ ticket: BoardTicket }>('SELECT ticket FROM phone_board_tickets WHERE hall_id = $1', [hallId]);
  return {
    hallId,
    version: Number(row.version),
    serviceDay: row.service_day,
    generatedAt: Number(row.generated_at),
    receivedAt: Number(row.received_at),
    hall: row.hall,
    queues: row.queues,
    tickets: new Map(t.rows.map((r) => [r.ticket.ticketId, r.ticket])),
  };
}
