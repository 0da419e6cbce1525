// Operator routes (operator token), for watching the halls' uplink:
//   GET /v1/halls                         each hall: current stream, ackSeq, last batch time,
//                                         quarantined and parked counts
//   GET /v1/quarantine?hallId=&limit=     the newest quarantined events with their reasons
// Contract: read-only; raw poison is returned as stored (event payloads never
// carry identity data — hall/domain/events.ts); at most 500 rows at once.
import { ApiError, type Router } from '../http.js';
import type { CentralDeps } from '../deps.js';

export interface HallStatus {
  hallId: string;
  name: string;
  areaCode: string | null;
  stream: string | null;
  ackSeq: number | null;
  streams: number;
  lastBatchAt: number | null;
  quarantined: number;
  parked: number;
}

export function registerOperatorRoutes(router: Router, deps: CentralDeps): void {
  router.add('GET', '/v1/halls', async (ctx) => {
    await deps.authOperator(ctx);
    const r = await deps.pool.query<Record<string, string | null>>(`
      SELECT h.hall_id, h.name, h.area_code,
        s.stream_id, s.ack_seq,
        (SELECT count(*) FROM streams x WHERE x.hall_id = h.hall_id) AS streams,
        (SELECT max(received_at) FROM batches b WHERE b.hall_id = h.hall_id) AS last_batch_at,
        (SELECT count(*) FROM quarantine q WHERE q.hall_id = h.hall_id) AS quarantined,
        (SELECT count(*) FROM parked p WHERE p.hall_id = h.hall_id) AS parked
      FROM halls h
      LEFT JOIN LATERAL (SELECT stream_id, ack_seq FROM streams WHERE hall_id = h.hall_id ORDER BY created_at DESC, stream_id DESC LIMIT 1) s ON TRUE
      ORDER BY h.hall_id`);
    const halls: HallStatus[] = r.rows.map((row) => ({
      hallId: row.hall_id!,
      name: row.name!,
      areaCode: row.area_code ?? null,
      stream: row.stream_id ?? null,
      ackSeq: row.ack_seq == null ? null : Number(row.ack_seq),
      streams: Number(row.streams),
      lastBatchAt: row.last_batch_at == null ? null : Number(row.last_batch_at),
      quarantined: Number(row.quarantined),
      parked: Number(row.parked),
    }));
    return { halls };
  });

  router.add('GET', '/v1/quarantine', async (ctx) => {
    await deps.authOperator(ctx);
    const hallId = ctx.url.searchParams.get('hallId');
    const limitRaw = ctx.url.searchParams.get('limit') ?? '100';
    const limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ApiError(400, 'invalid_request', `"limit" must be an integer from 1 to 500 (got "${limitRaw}")`);
    const r = await deps.pool.query<{ hall_id: string; stream_id: string; seq: string; event_id: string; type: string | null; schema_version: number | null; reason: string; raw: string; received_at: string }>(
      `SELECT hall_id, stream_id, seq, event_id::text, type, schema_version, reason, raw, received_at FROM quarantine
       WHERE ($1::text IS NULL OR hall_id = $1) ORDER BY received_at DESC, stream_id, seq DESC LIMIT $2`,
      [hallId, limit],
    );
    return {
      events: r.rows.map((row) => ({
        hallId: row.hall_id,
        stream: row.stream_id ?? null,
        seq: Number(row.seq),
        id: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        reason: row.reason,
        raw: row.raw,
        receivedAt: Number(row.received_at),
      })),
    };
  });
}
