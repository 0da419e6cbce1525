// What the hall manager sees of the rating upload: counts per state, the
// rejected ones with their reasons (kept, never dropped), the ones with a
// recent error, and the age of the oldest upload still on its way.
// Read-only; no personal data (ticket number and matter, never an identity).
import type { Db } from '../../store/db.js';
import { UPLOAD_STATES, type UploadState } from '../../../protocol/central/ratings/state-machine.js';

export interface RatingUploadProblem {
  ratingId: string;
  state: UploadState;
  ticketNumber: string | null;
  serviceDay: string | null;
  matterId: string | null;
  counterId: string | null;
  level: string | null;
  reason: string | null;
  attempts: number;
  updatedAt: number;
  nextAttemptAt: number;
}

export interface RatingUploadStatus {
  destination: string;
  profile: string;
  enabled: boolean;
  now: number;
  counts: Record<UploadState, number>;
  /** created_at of the oldest row in pending/sent/unknown, and its age. */
  oldestPendingAt: number | null;
  oldestPendingAgeMs: number | null;
  /** Every rejected upload, newest first (bounded by `limit`). */
  rejected: RatingUploadProblem[];
  /** Uploads still on their way that have failed at least once, newest first. */
  retrying: RatingUploadProblem[];
  /** A problem that stops every upload (e.g. the credentials file is missing), or null. */
  problem: string | null;
}

const PROBLEM_SQL = `
  SELECT u.rating_id, u.state, u.attempts, u.updated_at, u.next_attempt_at,
         COALESCE(u.reject_reason, u.last_error) AS reason,
         t.number AS ticket_number, r.service_day, r.matter_id, r.counter_id, r.outcome
  FROM rating_uploads u
  LEFT JOIN ratings r ON r.id = u.rating_id
  LEFT JOIN tickets t ON t.id = r.ticket_id
  WHERE u.destination = ? AND `;

export function readRatingUploadStatus(db: Db, o: { destination: string; profile: string; enabled: boolean; now: number; limit?: number; problem?: string | null }): RatingUploadStatus {
  const limit = o.limit ?? 100;
  const counts = Object.fromEntries(UPLOAD_STATES.map((s) => [s, 0])) as Record<UploadState, number>;
  for (const row of db.prepare('SELECT state, COUNT(*) AS n FROM rating_uploads WHERE destination = ? GROUP BY state').all(o.destination) as { state: UploadState; n: number }[]) {
    counts[row.state] = row.n;
  }
  const oldest = db.prepare(`SELECT MIN(created_at) FROM rating_uploads WHERE destination = ? AND state IN ('pending', 'sent', 'unknown')`).pluck().get(o.destination) as number | null;
  const problems = (where: string) =>
    (db.prepare(`${PROBLEM_SQL} ${where} ORDER BY u.updated_at DESC LIMIT ?`).all(o.destination, limit) as Record<string, unknown>[]).map(
      (r): RatingUploadProblem => ({
        ratingId: r.rating_id as string,
        state: r.state as UploadState,
        ticketNumber: (r.ticket_number as string | null) ?? null,
        serviceDay: (r.service_day as string | null) ?? null,
        matterId: (r.matter_id as string | null) ?? null,
        counterId: (r.counter_id as string | null) ?? null,
        level: (r.outcome as string | null) ?? null,
        reason: (r.reason as string | null) ?? null,
        attempts: r.attempts as number,
        updatedAt: r.updated_at as number,
        nextAttemptAt: r.next_attempt_at as number,
      }),
    );
  return {
    destination: o.destination,
    profile: o.profile,
    enabled: o.enabled,
    now: o.now,
    counts,
    oldestPendingAt: oldest ?? null,
    oldestPendingAgeMs: oldest == null ? null : Math.max(0, o.now - oldest),
    rejected: problems(`u.state = 'rejected'`),
    retrying: problems(`u.state IN ('pending', 'sent', 'unknown') AND u.last_error IS NOT NULL`),
    problem: o.problem ?? null,
  };
}
