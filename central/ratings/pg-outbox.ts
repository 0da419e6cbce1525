// Central's forwarding outbox in PostgreSQL (rating_forwards, 003-ratings.sql):
// receiving a rating stores it once and queues its forward in ONE transaction;
// the uploader (protocol/central/ratings/uploader.ts, shared with the hall) works on
// it through the RatingOutboxStore contract.
// Contract: receive() answers 'accepted' the first time a ratingId (or a
// hall's case + assessNumber) is seen, 'duplicate' after; update() is a
// compare-and-set on the state, so two central processes never both send.
// recoverInterrupted() only takes `sent` rows older than the request timeout
// plus a margin: a younger one may be in flight in another live central
// process, and checking it now could read "not found" and send it twice.
// Danger: no personal data here; keep it that way (no certKey).
import type pg from 'pg';
import type { RatingChannel, RatingLevel, RatingRecord } from '../../protocol/central/ratings/profiles/types.js';
import type { UploadPatch, UploadRow, UploadState } from '../../protocol/central/ratings/state-machine.js';
import type { RatingOutboxStore } from '../../protocol/central/ratings/uploader.js';

export type ReceiveStatus = 'accepted' | 'duplicate';

/** Stores the rating once and queues its forward to `destination` (same transaction). */
export async function receiveRating(pool: pg.Pool, now: number, r: RatingRecord, destination: string): Promise<ReceiveStatus> {
  return (await receiveRatings(pool, now, [r], destination))[0]!;
}

/** receiveRating for a batch, in ONE transaction: every rating with its forward, or none. */
export async function receiveRatings(pool: pg.Pool, now: number, records: readonly RatingRecord[], destination: string): Promise<ReceiveStatus[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out: ReceiveStatus[] = [];
    for (const r of records) out.push(await receiveOne(client, now, r, destination));
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function receiveOne(client: pg.PoolClient, now: number, r: RatingRecord, destination: string): Promise<ReceiveStatus> {
  const inserted = await client.query(
    `INSERT INTO ratings_received (rating_id, hall_id, case_number, assess_number, level, channel, rated_at, matter_code, matter_name, area_code, dept_code, comment, received_at, eval_detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[])
     ON CONFLICT DO NOTHING`,
    [r.ratingId, r.hallId, r.caseNumber, r.assessNumber, r.level, r.channel, r.ratedAt, r.matterCode, r.matterName, r.areaCode, r.deptCode, r.comment, now, r.evalDetail ?? []],
  );
  if (inserted.rowCount === 1) {
    await client.query(
      `INSERT INTO rating_forwards (rating_id, destination, assess_number, state, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'pending', $4, $4, $4) ON CONFLICT DO NOTHING`,
      [r.ratingId, destination, r.assessNumber, now],
    );
  }
  return inserted.rowCount === 1 ? 'accepted' : 'duplicate';
}

interface ForwardDbRow {
  rating_id: string;
  destination: string;
  assess_number: number;
  state: UploadState;
  attempts: number;
  checks: number;
  next_attempt_at: string;
  last_error: string | null;
  reject_reason: string | null;
  duplicate: boolean;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  acked_at: string | null;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export function forwardRowFromDb(r: ForwardDbRow): UploadRow {
  return {
    ratingId: r.rating_id,
    destination: r.destination,
    assessNumber: r.assess_number === 2 ? 2 : 1,
    state: r.state,
    attempts: r.attempts,
    checks: r.checks,
    nextAttemptAt: Number(r.next_attempt_at),
    lastError: r.last_error,
    rejectReason: r.reject_reason,
    duplicate: r.duplicate,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    sentAt: num(r.sent_at),
    ackedAt: num(r.acked_at),
  };
}

export class PgRatingForwards implements RatingOutboxStore {
  /** `table`: rating_forwards, or a table of the same columns (rectification_feedbacks). */
  constructor(
    protected readonly pool: pg.Pool,
    protected readonly table: 'rating_forwards' | 'rectification_feedbacks' = 'rating_forwards',
  ) {}

  async due(destination: string, now: number, limit: number): Promise<UploadRow[]> {
    const { rows } = await this.pool.query<ForwardDbRow>(
      `SELECT * FROM rating_forwards WHERE destination = $1 AND state IN ('pending', 'unknown') AND next_attempt_at <= $2
       ORDER BY next_attempt_at, created_at LIMIT $3`,
      [destination, now, limit],
    );
    return rows.map(forwardRowFromDb);
  }

  async update(row: UploadRow, expected: UploadState, patch: UploadPatch): Promise<boolean> {
    const n = { ...row, ...patch };
    const res = await this.pool.query(
      `UPDATE ${this.table} SET state = $1, attempts = $2, checks = $3, next_attempt_at = $4, last_error = $5, reject_reason = $6,
              duplicate = $7, updated_at = $8, sent_at = $9, acked_at = $10
       WHERE rating_id = $11 AND destination = $12 AND state = $13`,
      [n.state, n.attempts, n.checks, n.nextAttemptAt, n.lastError, n.rejectReason, n.duplicate, n.updatedAt, n.sentAt, n.ackedAt, row.ratingId, row.destination, expected],
    );
    return res.rowCount === 1;
  }

  async record(row: UploadRow): Promise<RatingRecord | null> {
    const { rows } = await this.pool.query<Record<string, string | number | string[] | null>>('SELECT * FROM ratings_received WHERE rating_id = $1', [row.ratingId]);
    const r = rows[0];
    if (!r) return null;
    return {
      ratingId: String(r.rating_id),
      hallId: String(r.hall_id),
      caseNumber: String(r.case_number),
      assessNumber: Number(r.assess_number) === 2 ? 2 : 1,
      level: r.level as RatingLevel,
      ratedAt: Number(r.rated_at),
      channel: r.channel as RatingChannel,
      areaCode: String(r.area_code),
      deptCode: (r.dept_code as string | null) ?? null,
      matterCode: String(r.matter_code),
      matterName: (r.matter_name as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
      // 差评 reason tags: the provincial profile sends them as evalDetail.
      evalDetail: r.eval_detail as string[],
    };
  }

  /**
   * Forwards left in `sent` by a process that died become `unknown` (checked before any re-send) —
   * only those sent at least `staleAfterMs` ago (request timeout + margin): a live process gives up
   * on a request after its timeout and stores the outcome, so a younger `sent` row may still be
   * in flight in another central process and must be left alone.
   */
  async recoverInterrupted(destination: string, now: number, staleAfterMs: number): Promise<number> {
    const res = await this.pool.query(
      `UPDATE ${this.table} SET state = 'unknown', next_attempt_at = $2, updated_at = $2,
              last_error = 'interrupted while sending (restart); checking with the destination before re-sending'
       WHERE destination = $1 AND state = 'sent' AND (sent_at IS NULL OR sent_at <= $3)`,
      [destination, now, now - staleAfterMs],
    );
    return res.rowCount ?? 0;
  }

  async nextDueAt(destination: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: string | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM rating_forwards WHERE destination = $1 AND state IN ('pending', 'unknown')`,
      [destination],
    );
    return num(rows[0]?.at ?? null);
  }

  async get(ratingId: string, destination: string): Promise<UploadRow | null> {
    const { rows } = await this.pool.query<ForwardDbRow>(`SELECT * FROM ${this.table} WHERE rating_id = $1 AND destination = $2`, [ratingId, destination]);
    return rows[0] ? forwardRowFromDb(rows[0]) : null;
  }

  /** Operator view (rating_forwards only, whatever `table`): counts per state, rejected forwards with reasons, oldest unfinished age. */
  async status(destination: string, now: number, limit = 100) {
    const counts: Record<string, number> = { pending: 0, sent: 0, acked: 0, rejected: 0, unknown: 0, skipped: 0 };
    const { rows } = await this.pool.query<{ state: string; n: string }>('SELECT state, COUNT(*) AS n FROM rating_forwards WHERE destination = $1 GROUP BY state', [destination]);
    for (const r of rows) counts[r.state] = Number(r.n);
    const oldest = await this.pool.query<{ at: string | null }>(
      `SELECT MIN(created_at) AS at FROM rating_forwards WHERE destination = $1 AND state IN ('pending', 'sent', 'unknown')`,
      [destination],
    );
    const oldestAt = num(oldest.rows[0]?.at ?? null);
    const rejected = await this.pool.query<{ rating_id: string; hall_id: string; case_number: string; reject_reason: string | null; updated_at: string }>(
      `SELECT f.rating_id, r.hall_id, r.case_number, f.reject_reason, f.updated_at FROM rating_forwards f JOIN ratings_received r USING (rating_id)
       WHERE f.destination = $1 AND f.state = 'rejected' ORDER BY f.updated_at DESC LIMIT $2`,
      [destination, limit],
    );
    return {
      destination,
      counts,
      oldestPendingAgeMs: oldestAt === null ? null : Math.max(0, now - oldestAt),
      rejected: rejected.rows.map((r) => ({ ratingId: r.rating_id, hallId: r.hall_id, caseNumber: r.case_number, reason: r.reject_reason, updatedAt: Number(r.updated_at) })),
    };
  }
}
