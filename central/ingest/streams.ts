// Uplink streams: register (a new stream per hall life) and cursor.
// Contract: register runs under the hall row's lock, so concurrent registers
// of one hall are serialised. A new stream starts at a base seq: 0 on
// first_start; on restored_from_backup, the part of the hall's log the
// previous stream provably holds with the same ids —
//   min(lastSeq, previous ackSeq, first conflicting seq − 1)
// — so those events are neither sent nor counted again. Events at or below
// the base that arrive anyway are answered as duplicates; events of the old
// stream stay where they are.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ApiError } from '../http.js';
import { withTransaction } from '../db.js';

export type RegisterReason = 'first_start' | 'restored_from_backup';

export async function registerStream(
  pool: pg.Pool,
  now: number,
  hallId: string,
  request: { reason: RegisterReason; lastSeq?: number },
): Promise<{ stream: string; ackSeq: number }> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT 1 FROM halls WHERE hall_id = $1 FOR UPDATE', [hallId]);
    const prev = await client.query<{ stream_id: string; ack_seq: string; conflict_seq: string | null }>(
      'SELECT stream_id, ack_seq, conflict_seq FROM streams WHERE hall_id = $1 ORDER BY created_at DESC, stream_id DESC LIMIT 1 FOR UPDATE',
      [hallId],
    );
    let base = 0;
    const p = prev.rows[0];
    if (request.reason === 'restored_from_backup' && p) {
      const limits = [request.lastSeq ?? 0, Number(p.ack_seq)];
      if (p.conflict_seq !== null) limits.push(Number(p.conflict_seq) - 1);
      base = Math.max(0, Math.min(...limits));
    }
    const stream = randomUUID();
    await client.query(
      'INSERT INTO streams (stream_id, hall_id, ack_seq, base_seq, reason, hall_last_seq, created_at) VALUES ($1, $2, $3, $3, $4, $5, $6)',
      [stream, hallId, base, request.reason, request.lastSeq ?? null, now],
    );
    if (p) await client.query('UPDATE streams SET replaced_by = $2 WHERE stream_id = $1', [p.stream_id, stream]);
    return { stream, ackSeq: base };
  });
}

export async function streamCursor(pool: pg.Pool, hallId: string, streamId: string): Promise<{ stream: string; ackSeq: number }> {
  const r = await pool.query<{ ack_seq: string }>('SELECT ack_seq FROM streams WHERE stream_id = $1 AND hall_id = $2', [streamId, hallId]);
  if (r.rowCount === 0) throw new ApiError(404, 'unknown_stream', `hall "${hallId}" has no stream "${streamId}"; register first`);
  return { stream: streamId, ackSeq: Number(r.rows[0]!.ack_seq) };
}
