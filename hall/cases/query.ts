// Read-only access to the hall's 差评 cases for reports, the wall dashboard and other readers
// (docs/bad-rating-cases.md, "Reading cases"). Plain SQL over bad_rating_cases (migration 0010);
// no personal data leaves here (no contact, no visitor's words, no staff notes).
// Contract: a case is counted on the service day of its rating. "On time" means:
//   - 回访: recorded at or before revisit_due_at;
//   - 整改: the case closed (整改 or 解释说明 reviewed by a manager, or an appeal upheld) at or before rectify_due_at.
// A stage still running past its deadline counts as late; one running before it is not yet decided.
import type { Db } from '../store/db.js';
import type { BadRatingCaseStatus, BadRatingLevel } from '../domain/bad-rating-case-events.js';

export interface BadRatingCaseRecord {
  id: string;
  code: string;
  ratingId: string;
  serviceDay: string;
  matterId: string;
  counterId: string;
  staffId: string | null;
  level: BadRatingLevel;
  status: BadRatingCaseStatus;
  outcome: 'resolved' | 'appeal_upheld' | null;
  ratedAt: number;
  revisitDueAt: number;
  revisitedAt: number | null;
  rectifyDueAt: number;
  closedAt: number | null;
  escalated: boolean;
}

/** Cases whose rating falls on service days from..to (inclusive, YYYY-MM-DD), oldest first. */
export function badRatingCasesBetween(db: Db, from: string, to: string): BadRatingCaseRecord[] {
  return db
    .prepare(
      `SELECT id, code, rating_id AS ratingId, service_day AS serviceDay, matter_id AS matterId, counter_id AS counterId, staff_id AS staffId,
              level, status, outcome, rated_at AS ratedAt, revisit_due_at AS revisitDueAt, revisited_at AS revisitedAt,
              rectify_due_at AS rectifyDueAt, closed_at AS closedAt,
              (revisit_escalated_at IS NOT NULL OR rectify_escalated_at IS NOT NULL) AS escalated
       FROM bad_rating_cases WHERE service_day BETWEEN ? AND ? ORDER BY rated_at, id`,
    )
    .all(from, to)
    .map((r) => ({ ...(r as BadRatingCaseRecord), escalated: (r as { escalated: number }).escalated === 1 }));
}

export interface StageCount {
  /** Finished by the deadline. */
  onTime: number;
  /** Finished after it, or still running past it. */
  late: number;
  /** Still running, deadline not reached. */
  pending: number;
}

export interface BadRatingCaseSummary {
  total: number;
  byStatus: Record<BadRatingCaseStatus, number>;
  revisit: StageCount;
  rectify: StageCount;
  /** onTime / (onTime + late) of closure; null when none is decided yet. */
  onTimeRate: number | null;
}

function stage(dueAt: number, doneAt: number | null, now: number, into: StageCount): void {
  if (doneAt !== null) into[doneAt <= dueAt ? 'onTime' : 'late'] += 1;
  else into[now > dueAt ? 'late' : 'pending'] += 1;
}

/** Counts of `cases` by state, with each deadline's on-time figures at `now`. */
export function summariseBadRatingCases(cases: readonly BadRatingCaseRecord[], now: number): BadRatingCaseSummary {
  const byStatus: Record<BadRatingCaseStatus, number> = { opened: 0, revisited: 0, rectified: 0, explained: 0, appealed: 0, closed: 0 };
  const revisit: StageCount = { onTime: 0, late: 0, pending: 0 };
  const rectify: StageCount = { onTime: 0, late: 0, pending: 0 };
  for (const c of cases) {
    byStatus[c.status] += 1;
    // An upheld appeal ends the case without a 回访: its revisit stage counts by the closure.
    stage(c.revisitDueAt, c.revisitedAt ?? (c.outcome === 'appeal_upheld' ? c.closedAt : null), now, revisit);
    stage(c.rectifyDueAt, c.closedAt, now, rectify);
  }
  const decided = rectify.onTime + rectify.late;
  return { total: cases.length, byStatus, revisit, rectify, onTimeRate: decided === 0 ? null : rectify.onTime / decided };
}
