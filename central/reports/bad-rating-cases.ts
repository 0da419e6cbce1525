// The 差评 cases of every hall with their deadlines, from the bad_rating_case_* events central
// ingested (protocol/central/bad-rating-case-events.ts; the hall's side: docs/bad-rating-cases.md).
// Contract: one row per (hall, case), on the service day its opening event was recorded; state is
// the case's last step; 回访 done = a bad_rating_case_revisited; closed = bad_rating_case_closed.
// Overdue at `now`: 回访 not done after revisitDueAt, or not closed after rectifyDueAt.
// Personal data: none (the events carry ids, levels, deadlines and outcomes only).
import type pg from 'pg';

export interface CentralCaseRow {
  hallId: string;
  hallName: string;
  caseId: string;
  code: string;
  serviceDay: string;
  matterId: string;
  counterId: string;
  level: string;
  ratedAt: number;
  revisitDueAt: number;
  rectifyDueAt: number;
  revisitedAt: number | null;
  closedAt: number | null;
  outcome: string | null;
  /** The type of its last event, without the bad_rating_case_ prefix (opened, revisited, resolved, closed…). */
  lastStep: string;
  escalated: boolean;
  overdue: boolean;
}

const SQL = `
SELECT e.hall_id, h.name AS hall_name, e.payload->>'caseId' AS case_id,
  min(e.service_day::text) FILTER (WHERE e.type = 'bad_rating_case_opened') AS day,
  min(e.payload->>'code') FILTER (WHERE e.type = 'bad_rating_case_opened') AS code,
  min(e.payload->>'matterId') FILTER (WHERE e.type = 'bad_rating_case_opened') AS matter_id,
  min(e.payload->>'counterId') FILTER (WHERE e.type = 'bad_rating_case_opened') AS counter_id,
  min(e.payload->>'level') FILTER (WHERE e.type = 'bad_rating_case_opened') AS level,
  min((e.payload->>'ratedAt')::bigint) FILTER (WHERE e.type = 'bad_rating_case_opened') AS rated_at,
  min((e.payload->>'revisitDueAt')::bigint) FILTER (WHERE e.type = 'bad_rating_case_opened') AS revisit_due_at,
  min((e.payload->>'rectifyDueAt')::bigint) FILTER (WHERE e.type = 'bad_rating_case_opened') AS rectify_due_at,
  min(e.at) FILTER (WHERE e.type = 'bad_rating_case_revisited') AS revisited_at,
  min(e.at) FILTER (WHERE e.type = 'bad_rating_case_closed') AS closed_at,
  min(e.payload->>'outcome') FILTER (WHERE e.type = 'bad_rating_case_closed') AS outcome,
  (array_agg(e.type ORDER BY e.at DESC, e.seq DESC))[1] AS last_type,
  bool_or(e.type = 'bad_rating_case_escalated') AS escalated
FROM events e JOIN halls h ON h.hall_id = e.hall_id
WHERE e.type LIKE 'bad_rating_case_%' AND ($1::text IS NULL OR e.hall_id = $1)
GROUP BY e.hall_id, h.name, e.payload->>'caseId'
ORDER BY e.hall_id, rated_at`;

export async function centralBadRatingCases(pool: pg.Pool, hallId: string | null, now: number): Promise<CentralCaseRow[]> {
  const r = await pool.query<Record<string, string | boolean | null>>(SQL, [hallId]);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return r.rows
    .filter((row) => row.day !== null) // steps of a case whose opening was not received: not listed
    .map((row) => {
      const revisitDueAt = num(row.revisit_due_at)!;
      const rectifyDueAt = num(row.rectify_due_at)!;
      const revisitedAt = num(row.revisited_at);
      const closedAt = num(row.closed_at);
      return {
        hallId: String(row.hall_id),
        hallName: String(row.hall_name),
        caseId: String(row.case_id),
        code: String(row.code),
        serviceDay: String(row.day),
        matterId: String(row.matter_id),
        counterId: String(row.counter_id),
        level: String(row.level),
        ratedAt: num(row.rated_at)!,
        revisitDueAt,
        rectifyDueAt,
        revisitedAt,
        closedAt,
        outcome: row.outcome === null ? null : String(row.outcome),
        lastStep: String(row.last_type).replace(/^bad_rating_case_/, ''),
        escalated: row.escalated === true,
        overdue: closedAt === null && ((revisitedAt === null && now > revisitDueAt) || now > rectifyDueAt),
      };
    });
}
