// The hall's rating upload outbox in SQLite (table rating_uploads, migration
// 0006). Rows are created idempotently from the `ratings` table
// (INSERT … SELECT … ON CONFLICT DO NOTHING); the neutral record is built at
// send time from ratings + tickets + the configuration (matter codes,
// department codes), so a corrected setting applies to everything not yet sent.
// Contract: update() is a compare-and-set on the state; every write is a
// single statement (atomic, durable with synchronous=FULL); updateMany() is
// the same for a batch's rows in one transaction.
// Danger: not_rated is never given a level here except under the explicit
// `system_default` policy (then with the system_default channel).
// Personal data: none is read (no ticket_identities access).
import type { Db } from '../../store/db.js';
import type { NotRatedPolicy } from '../../config/rating-upload-schema.js';
import type { RatingSource } from '../../domain/index.js';
import type { RatingChannel, RatingLevel, RatingRecord } from '../../../protocol/central/ratings/profiles/types.js';
import { recoverInterrupted, requeueRejected, type UploadPatch, type UploadRow, type UploadState } from '../../../protocol/central/ratings/state-machine.js';
import type { RatingOutboxStore } from '../../../protocol/central/ratings/uploader.js';

export interface HallRatingContext {
  hallId: string;
  areaCode: string;
  /** matter id → 事项编码, name, department. */
  matters: ReadonlyMap<string, { code: string; name: string; departmentId: string }>;
  deptCode: string | null;
  departmentDeptCodes: Readonly<Record<string, string>>;
  /** Which 好差评 channel (评价渠道) each hall rating source is (rating-upload-schema.ts). */
  sourceChannels: Record<RatingSource, RatingChannel>;
  notRated: NotRatedPolicy;
  /** A bad rating's first upload waits this long after it, for the visitor's reason tags (evalDetail; badRatingCases.tagWindowSeconds). */
  badRatingTagHoldMs?: number;
}

interface DbRow {
  rating_id: string;
  destination: string;
  assess_number: number;
  state: UploadState;
  attempts: number;
  checks: number;
  next_attempt_at: number;
  last_error: string | null;
  reject_reason: string | null;
  duplicate: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  acked_at: number | null;
}

export function uploadRowFromDb(r: DbRow): UploadRow {
  return {
    ratingId: r.rating_id,
    destination: r.destination,
    assessNumber: r.assess_number === 2 ? 2 : 1,
    state: r.state,
    attempts: r.attempts,
    checks: r.checks,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    rejectReason: r.reject_reason,
    duplicate: r.duplicate === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
    ackedAt: r.acked_at,
  };
}

const DAY_MS = 86_400_000;

export class SqliteRatingOutbox implements RatingOutboxStore {
  private readonly enqueueRated;
  private readonly enqueueNotRated;
  private readonly dueStmt;
  private readonly updateStmt;
  private readonly ratingStmt;
  private readonly sentStmt;
  private readonly oneStmt;

  constructor(
    private readonly db: Db,
    private readonly ctx: HallRatingContext,
  ) {
    // Rated rows, and not_rated ones as `skipped` when the policy is skip.
    this.enqueueRated = db.prepare(`
      INSERT INTO rating_uploads (rating_id, destination, assess_number, state, next_attempt_at, last_error, created_at, updated_at)
      SELECT r.id, @destination, 1,
             CASE WHEN r.outcome = 'not_rated' THEN 'skipped' ELSE 'pending' END,
             CASE WHEN r.outcome IN ('dissatisfied', 'very_dissatisfied') THEN MAX(@now, r.rated_at + @tagHold) ELSE @now END,
             CASE WHEN r.outcome = 'not_rated' THEN 'not rated: upload policy "skip" (never sent)' END,
             @now, @now
      FROM ratings r
      WHERE r.outcome IS NOT NULL AND r.rated_at >= @since
        AND (r.outcome <> 'not_rated' OR @skipNotRated = 1)
      ON CONFLICT DO NOTHING`);
    // Under system_default: not_rated rows old enough for the destination's default rule.
    this.enqueueNotRated = db.prepare(`
      INSERT INTO rating_uploads (rating_id, destination, assess_number, state, next_attempt_at, created_at, updated_at)
      SELECT r.id, @destination, 1, 'pending', @now, @now, @now
      FROM ratings r
      WHERE r.outcome = 'not_rated' AND r.rated_at >= @since AND r.rated_at <= @ripe
      ON CONFLICT DO NOTHING`);
    this.dueStmt = db.prepare(`
      SELECT * FROM rating_uploads
      WHERE destination = ? AND state IN ('pending', 'unknown') AND next_attempt_at <= ?
      ORDER BY next_attempt_at LIMIT ?`);
    this.updateStmt = db.prepare(`
      UPDATE rating_uploads SET
        state = @state, attempts = @attempts, checks = @checks, next_attempt_at = @nextAttemptAt,
        last_error = @lastError, reject_reason = @rejectReason, duplicate = @duplicate,
        updated_at = @updatedAt, sent_at = @sentAt, acked_at = @ackedAt
      WHERE rating_id = @ratingId AND destination = @destination AND assess_number = @assessNumber AND state = @expected`);
    // Reason tags from the rating's 差评 case (migration 0010); a database before it has none.
    const hasCases = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bad_rating_cases'").get() !== undefined;
    const tags = hasCases ? '(SELECT c.reason_tags FROM bad_rating_cases c WHERE c.rating_id = r.id)' : 'NULL';
    this.ratingStmt = db.prepare(`SELECT r.id, r.ticket_id, r.matter_id, r.outcome, r.source, r.rated_at, ${tags} AS reason_tags FROM ratings r WHERE r.id = ?`);
    this.sentStmt = db.prepare(`SELECT * FROM rating_uploads WHERE state = 'sent' AND destination = ?`);
    this.oneStmt = db.prepare(`SELECT * FROM rating_uploads WHERE rating_id = ? AND destination = ? AND assess_number = ?`);
  }

  /**
   * Queues recorded ratings not yet in the outbox for `destination`; returns how many rows were added.
   * `recordedSince` narrows the scan to ratings recorded from then on (the worker's incremental
   * runs); it never reaches back past the lookback window.
   */
  enqueue(destination: string, now: number, lookbackDays: number, recordedSince?: number): number {
    const since = Math.max(now - lookbackDays * DAY_MS, recordedSince ?? -Infinity);
    const skip = this.ctx.notRated.policy === 'skip' ? 1 : 0;
    let added = this.enqueueRated.run({ destination, now, since, skipNotRated: skip, tagHold: this.ctx.badRatingTagHoldMs ?? 0 }).changes;
    if (this.ctx.notRated.policy === 'system_default') {
      added += this.enqueueNotRated.run({ destination, now, since, ripe: now - this.ctx.notRated.afterDays * DAY_MS }).changes;
    }
    return added;
  }

  /** At start: rows left in `sent` by a crash become `unknown` (checked before any re-send). */
  recoverInterrupted(destination: string, now: number, checkAfterMs = 0): number {
    let n = 0;
    const rows = (this.sentStmt.all(destination) as DbRow[]).map(uploadRowFromDb);
    this.db.transaction(() => {
      for (const row of rows) {
        const patch = recoverInterrupted(row, now, checkAfterMs);
        if (patch && this.write(row, 'sent', patch)) n++;
      }
    })();
    return n;
  }

  /** A manager's re-queue of a rejected upload; false when it is not rejected. */
  requeue(ratingId: string, destination: string, now: number): boolean {
    const raw = this.oneStmt.get(ratingId, destination, 1) as DbRow | undefined;
    if (!raw || raw.state !== 'rejected') return false;
    const row = uploadRowFromDb(raw);
    return this.write(row, 'rejected', requeueRejected(row, now));
  }

  get(ratingId: string, destination: string, assessNumber: 1 | 2 = 1): UploadRow | null {
    const raw = this.oneStmt.get(ratingId, destination, assessNumber) as DbRow | undefined;
    return raw ? uploadRowFromDb(raw) : null;
  }

  async due(destination: string, now: number, limit: number): Promise<UploadRow[]> {
    return (this.dueStmt.all(destination, now, limit) as DbRow[]).map(uploadRowFromDb);
  }

  async update(row: UploadRow, expected: UploadState, patch: UploadPatch): Promise<boolean> {
    return this.write(row, expected, patch);
  }

  /** A batch's rows in one transaction: one fsync instead of one per row. */
  async updateMany(changes: readonly { row: UploadRow; expected: UploadState; patch: UploadPatch }[]): Promise<boolean[]> {
    return this.db.transaction(() => changes.map((c) => this.write(c.row, c.expected, c.patch)))();
  }

  private write(row: UploadRow, expected: UploadState, patch: UploadPatch): boolean {
    const next = { ...row, ...patch };
    return (
      this.updateStmt.run({
        state: next.state,
        attempts: next.attempts,
        checks: next.checks,
        nextAttemptAt: next.nextAttemptAt,
        lastError: next.lastError,
        rejectReason: next.rejectReason,
        duplicate: next.duplicate ? 1 : 0,
        updatedAt: next.updatedAt,
        sentAt: next.sentAt,
        ackedAt: next.ackedAt,
        ratingId: row.ratingId,
        destination: row.destination,
        assessNumber: row.assessNumber,
        expected,
      }).changes === 1
    );
  }

  async record(row: UploadRow): Promise<RatingRecord | null> {
    const r = this.ratingStmt.get(row.ratingId) as
      | { id: string; ticket_id: string; matter_id: string; outcome: string | null; source: string | null; rated_at: number | null; reason_tags: string | null }
      | undefined;
    if (!r || r.outcome === null || r.rated_at === null) return null;
    let level: RatingLevel;
    let channel: RatingChannel;
    if (r.outcome === 'not_rated') {
      // Only reachable under the system_default policy (skip rows are never pending).
      if (this.ctx.notRated.policy !== 'system_default') return null;
      level = this.ctx.notRated.level;
      channel = 'system_default';
    } else {
      level = r.outcome as RatingLevel;
      // Every channel keeps its own 评价渠道: pad/screen the hall pad, the QR page 二维码, a self-service terminal 其他终端.
      channel = this.ctx.sourceChannels[r.source as RatingSource];
    }
    const matter = this.ctx.matters.get(r.matter_id);
    return {
      ratingId: r.id,
      hallId: this.ctx.hallId,
      caseNumber: r.ticket_id,
      assessNumber: row.assessNumber,
      level,
      ratedAt: r.rated_at,
      channel,
      areaCode: this.ctx.areaCode,
      deptCode: (matter && this.ctx.departmentDeptCodes[matter.departmentId]) ?? this.ctx.deptCode,
      // An unknown matter id (removed from the config) still goes up under its id.
      matterCode: matter?.code ?? r.matter_id,
      matterName: matter?.name ?? null,
      comment: null,
      // A bad rating's reason tags from its 差评 case (hall/cases/), codes of the indicator list.
      evalDetail: r.reason_tags ? (JSON.parse(r.reason_tags) as string[]) : [],
    };
  }
}
