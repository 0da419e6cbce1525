// Stores one uplink batch (docs/sync-protocol.md "Uplink: events").
// Contract: ONE PostgreSQL transaction per batch, under the stream row's lock
// (SELECT … FOR UPDATE), so two workers pushing the same stream at once are
// serialised and every (stream, seq) is held once. Events are taken in the
// order given: a seq at or below ackSeq is a duplicate (same id) or a
// sequence conflict (different id → SequenceConflict, the whole batch rolled
// back); seq ackSeq+1 is stored (interpreted, quarantined or parked) or, if
// the hall's event id is already held in another stream, skipped as a
// duplicate; a higher seq is a gap and ends the batch. ackSeq advances to the
// last seq taken, in the same transaction. The answer is kept per batchId: a
// replayed batch (same id, same events) gets the same answer.
// Dangers: the invariant "no row above ack_seq" is what makes the checks
// above enough; never insert events outside this function.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ApiError } from '../http.js';
import { withTransaction } from '../db.js';
import type { Batch, BatchAnswer, BatchEvent } from '../../protocol/central/uplink.js';
import { classify } from './classify.js';
import { queueClosedCases } from '../ratings/pg-feedback-outbox.js';
import { refreshRollup } from '../reports/rollup.js';

export class SequenceConflict extends Error {
  override name = 'SequenceConflict';
  constructor(readonly seq: number) {
    super(`seq ${seq} is already held in this stream with a different event id; the hall must register again (restored from a backup?)`);
  }
}

type Held = Map<number, string>;

async function heldAtSeqs(client: pg.PoolClient, streamId: string, seqs: number[]): Promise<Held> {
  if (seqs.length === 0) return new Map();
  const r = await client.query<{ seq: string; event_id: string }>(
    `SELECT seq, event_id::text FROM events WHERE stream_id = $1 AND seq = ANY($2::bigint[])
     UNION ALL SELECT seq, event_id::text FROM quarantine WHERE stream_id = $1 AND seq = ANY($2::bigint[])
     UNION ALL SELECT seq, event_id::text FROM parked WHERE stream_id = $1 AND seq = ANY($2::bigint[])`,
    [streamId, seqs],
  );
  return new Map(r.rows.map((row) => [Number(row.seq), row.event_id]));
}

async function idsHeldByHall(client: pg.PoolClient, hallId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await client.query<{ event_id: string }>(
    `SELECT event_id::text FROM events WHERE hall_id = $1 AND event_id = ANY($2::uuid[])
     UNION ALL SELECT event_id::text FROM quarantine WHERE hall_id = $1 AND event_id = ANY($2::uuid[])
     UNION ALL SELECT event_id::text FROM parked WHERE hall_id = $1 AND event_id = ANY($2::uuid[])`,
    [hallId, ids],
  );
  return new Set(r.rows.map((row) => row.event_id));
}

function digestOf(batch: Batch): string {
  return createHash('sha256').update(batch.stream).update('\n').update(JSON.stringify(batch.events)).digest('hex');
}

export async function ingestBatch(pool: pg.Pool, now: () => number, hallId: string, batch: Batch): Promise<BatchAnswer> {
  const digest = digestOf(batch);
  try {
    return await withTransaction(pool, async (client) => {
      const stream = await client.query<{ ack_seq: string }>('SELECT ack_seq FROM streams WHERE stream_id = $1 AND hall_id = $2 FOR UPDATE', [batch.stream, hallId]);
      if (stream.rowCount === 0) throw new ApiError(404, 'unknown_stream', `hall "${hallId}" has no stream "${batch.stream}"; register first`);
      const startAck = Number(stream.rows[0]!.ack_seq);

      const replay = await client.query<{ digest: string; answer: BatchAnswer }>('SELECT digest, answer FROM batches WHERE hall_id = $1 AND batch_id = $2', [hallId, batch.batchId]);
      if (replay.rows[0]?.digest === digest) return replay.rows[0].answer;

      const held = await heldAtSeqs(client, batch.stream, batch.events.filter((e) => e.seq <= startAck).map((e) => e.seq));
      const fresh = batch.events.filter((e) => e.seq > startAck).map((e) => e.id.toLowerCase());
      const elsewhere = await idsHeldByHall(client, hallId, fresh);

      let ack = startAck;
      let duplicates = 0;
      let gapAt: number | null = null;
      const toStore: { e: BatchEvent; c: ReturnType<typeof classify> }[] = [];
      for (const e of batch.events) {
        const id = e.id.toLowerCase();
        if (e.seq <= startAck) {
          const heldId = held.get(e.seq);
          if (heldId !== undefined && heldId !== id) throw new SequenceConflict(e.seq);
          duplicates++; // held here, or below this stream's base / skipped as held in another stream
        } else if (e.seq === ack + 1) {
          ack = e.seq;
          if (elsewhere.has(id)) duplicates++;
          else toStore.push({ e, c: classify(e) });
        } else {
          gapAt = ack + 1;
          break;
        }
      }

      const receivedAt = now();
      const stored = await storeEvents(client, hallId, batch.stream, receivedAt, toStore);
      // The cross-hall report's rollup, from the events this batch really stored (not its duplicates).
      await refreshRollup(client, { streamIds: stored.acceptedSeqs.map(() => batch.stream), seqs: stored.acceptedSeqs });
      // 整改反馈: a closed 差评 case is queued for the province in this same transaction.
      await queueClosedCases(client, hallId, toStore.filter((x) => x.c.kind === 'accepted' && x.c.type === 'bad_rating_case_closed').map((x) => x.e.id), receivedAt);
      duplicates += toStore.length - stored.acceptedSeqs.length - stored.quarantined.length - stored.parked.length;
      if (ack !== startAck) await client.query('UPDATE streams SET ack_seq = $2 WHERE stream_id = $1', [batch.stream, ack]);

      const answer: BatchAnswer = { ackSeq: ack, accepted: stored.acceptedSeqs.length, duplicates, quarantined: stored.quarantined, parked: stored.parked, gapAt };
      await client.query(
        `INSERT INTO batches (hall_id, batch_id, stream_id, digest, answer, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (hall_id, batch_id) DO UPDATE SET stream_id = $3, digest = $4, answer = $5, received_at = $6`,
        [hallId, batch.batchId, batch.stream, digest, JSON.stringify(answer), receivedAt],
      );
      return answer;
    });
  } catch (err) {
    if (err instanceof SequenceConflict) {
      await pool.query('UPDATE streams SET conflict_seq = LEAST(COALESCE(conflict_seq, $2), $2) WHERE stream_id = $1', [batch.stream, err.seq]);
    }
    throw err;
  }
}

/** Inserts the new events; ON CONFLICT DO NOTHING skips an event id another stream of the hall got meanwhile. */
async function storeEvents(
  client: pg.PoolClient,
  hallId: string,
  streamId: string,
  receivedAt: number,
  items: { e: BatchEvent; c: ReturnType<typeof classify> }[],
): Promise<{ acceptedSeqs: number[]; quarantined: { seq: number; reason: string }[]; parked: number[] }> {
  const accepted = items.flatMap(({ e, c }) => (c.kind === 'accepted' ? [{ e, c }] : []));
  const poison = items.flatMap(({ e, c }) => (c.kind === 'quarantined' ? [{ e, c }] : []));
  const later = items.flatMap(({ e, c }) => (c.kind === 'parked' ? [{ e, c }] : []));
  let acceptedSeqs: number[] = [];
  const quarantined: { seq: number; reason: string }[] = [];
  const parked: number[] = [];

  if (accepted.length > 0) {
    const r = await client.query<{ seq: string }>(
      `INSERT INTO events (stream_id, seq, event_id, hall_id, type, schema_version, service_day, at, hlc, payload, received_at)
       SELECT $1, u.seq, u.id, $2, u.type, u.v, u.day::date, u.at, u.hlc, u.payload::jsonb, $3
       FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::bigint[], $10::text[], $11::text[])
         AS u(seq, id, type, v, day, at, hlc, payload)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [
        streamId,
        hallId,
        receivedAt,
        accepted.map((x) => x.e.seq),
        accepted.map((x) => x.e.id),
        accepted.map((x) => x.c.type),
        accepted.map((x) => x.c.schemaVersion),
        accepted.map((x) => x.c.serviceDay),
        accepted.map((x) => x.c.at),
        accepted.map((x) => x.c.hlc),
        accepted.map((x) => x.c.payloadJson),
      ],
    );
    acceptedSeqs = r.rows.map((row) => Number(row.seq));
  }
  if (poison.length > 0) {
    const r = await client.query<{ seq: string }>(
      `INSERT INTO quarantine (stream_id, seq, event_id, hall_id, type, schema_version, reason, raw, received_at)
       SELECT $1, u.seq, u.id, $2, u.type, u.v, u.reason, u.raw, $3
       FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[]) AS u(seq, id, type, v, reason, raw)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [
        streamId,
        hallId,
        receivedAt,
        poison.map((x) => x.e.seq),
        poison.map((x) => x.e.id),
        poison.map((x) => x.c.type),
        poison.map((x) => x.c.schemaVersion),
        poison.map((x) => x.c.reason),
        poison.map((x) => JSON.stringify(x.e)),
      ],
    );
    const inserted = new Set(r.rows.map((row) => Number(row.seq)));
    for (const x of poison) if (inserted.has(x.e.seq)) quarantined.push({ seq: x.e.seq, reason: x.c.reason });
  }
  if (later.length > 0) {
    const r = await client.query<{ seq: string }>(
      `INSERT INTO parked (stream_id, seq, event_id, hall_id, type, schema_version, raw, received_at)
       SELECT $1, u.seq, u.id, $2, u.type, u.v, u.raw, $3
       FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::int[], $8::text[]) AS u(seq, id, type, v, raw)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [streamId, hallId, receivedAt, later.map((x) => x.e.seq), later.map((x) => x.e.id), later.map((x) => x.c.type), later.map((x) => x.c.schemaVersion), later.map((x) => JSON.stringify(x.e))],
    );
    parked.push(...r.rows.map((row) => Number(row.seq)).sort((a, b) => a - b));
  }
  return { acceptedSeqs, quarantined, parked };
}
