// Central's 整改反馈 outbox (rectification_feedbacks, 004-rectification-feedback.sql):
// a 差评 case closed at the hall becomes the rating's rectification feedback to the
// provincial 好差评 system, worked by the same uploader as ratings
// (protocol/central/ratings/uploader.ts: state machine, backoff, unknown → check).
// Contract: queueClosedCases() runs inside the ingest transaction, so a stored
// bad_rating_case_closed event and its queued feedback commit together; one row per
// (rating, destination), so a re-ingested or repeated closure queues nothing more.
// due() only returns feedback whose rating's own forward is `acked`: the province
// never gets a feedback for a rating it does not hold.
// Danger: no free text and no personal data here (the hall's notes stay at the hall).
import type pg from 'pg';
import type { UploadRow } from '../../protocol/central/ratings/state-machine.js';
import { forwardRowFromDb, PgRatingForwards } from './pg-outbox.js';

/** Same id as the rating forwards' destination (forwarder.ts PROVINCIAL_DESTINATION_ID). */
export const FEEDBACK_DESTINATION = 'provincial';

export type RectificationResult = 'rectified' | 'explained' | 'appeal_upheld';

export interface RectificationFeedback {
  ratingId: string;
  caseId: string;
  hallId: string;
  result: RectificationResult;
  closedAt: number;
  onTime: boolean;
}

/**
 * Queues a feedback for every bad_rating_case_closed among `eventIds` (just stored by the
 * ingest, same transaction). The result: appeal_upheld, or the case's last 整改/解释说明
 * (bad_rating_case_resolved.resolution).
 */
export async function queueClosedCases(client: pg.PoolClient, hallId: string, eventIds: readonly string[], now: number): Promise<number> {
  if (eventIds.length === 0) return 0;
  const r = await client.query(
    `INSERT INTO rectification_feedbacks (rating_id, destination, hall_id, case_id, result, closed_at, on_time, state, next_attempt_at, created_at, updated_at)
     SELECT e.payload->>'ratingId', $3, e.hall_id, e.payload->>'caseId',
            CASE WHEN e.payload->>'outcome' = 'appeal_upheld' THEN 'appeal_upheld'
                 ELSE COALESCE((SELECT x.payload->>'resolution' FROM events x
                                WHERE x.hall_id = e.hall_id AND x.type = 'bad_rating_case_resolved' AND x.payload->>'caseId' = e.payload->>'caseId'
                                ORDER BY x.at DESC, x.seq DESC LIMIT 1), 'rectified') END,
            e.at, NOT COALESCE((e.payload->>'late')::boolean, false), 'pending', $4, $4, $4
     FROM events e WHERE e.hall_id = $1 AND e.type = 'bad_rating_case_closed' AND e.event_id = ANY($2::uuid[])
     ON CONFLICT DO NOTHING`,
    [hallId, eventIds, FEEDBACK_DESTINATION, now],
  );
  return r.rowCount ?? 0;
}

/** update(), record() (the rating: its case number addresses it at the province) and recoverInterrupted() are PgRatingForwards' on this table. */
export class PgRectificationFeedbacks extends PgRatingForwards {
  constructor(pool: pg.Pool) {
    super(pool, 'rectification_feedbacks');
  }

  override async due(destination: string, now: number, limit: number): Promise<UploadRow[]> {
    const { rows } = await this.pool.query(
      `SELECT b.* FROM rectification_feedbacks b
       JOIN rating_forwards f ON f.rating_id = b.rating_id AND f.destination = b.destination AND f.state = 'acked'
       WHERE b.destination = $1 AND b.state IN ('pending', 'unknown') AND b.next_attempt_at <= $2
       ORDER BY b.next_attempt_at, b.created_at LIMIT $3`,
      [destination, now, limit],
    );
    return rows.map(forwardRowFromDb);
  }

  override async nextDueAt(destination: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: string | null }>(
      `SELECT MIN(b.next_attempt_at) AS at FROM rectification_feedbacks b
       JOIN rating_forwards f ON f.rating_id = b.rating_id AND f.destination = b.destination AND f.state = 'acked'
       WHERE b.destination = $1 AND b.state IN ('pending', 'unknown')`,
      [destination],
    );
    return rows[0]?.at == null ? null : Number(rows[0].at);
  }

  async feedback(ratingId: string, destination: string): Promise<RectificationFeedback | null> {
    const { rows } = await this.pool.query<{ rating_id: string; case_id: string; hall_id: string; result: RectificationResult; closed_at: string; on_time: boolean }>(
      'SELECT rating_id, case_id, hall_id, result, closed_at, on_time FROM rectification_feedbacks WHERE rating_id = $1 AND destination = $2',
      [ratingId, destination],
    );
    const r = rows[0];
    return r ? { ratingId: r.rating_id, caseId: r.case_id, hallId: r.hall_id, result: r.result, closedAt: Number(r.closed_at), onTime: r.on_time } : null;
  }
}
