// The operator's overview: per hall per service day — tickets issued, served,
// no-shows, wait (mean and worst, minutes), ratings per level, bad ratings.
// Contract: computed by PostgreSQL over the interpreted events (quarantined
// and parked events do not count); each event is held once per hall, so a
// hall that re-sent its events in a new stream is not counted twice.
//   wait = first ticket_called.at − the ticket's ticket_issued.issuedAt
//   (transfers keep the original issue time, so only the first call counts;
//   a negative wait from a clock step is counted as 0).
//   served = distinct tickets with service_finished; no-shows = distinct
//   tickets with ticket_no_show; bad = dissatisfied + very_dissatisfied.
// Dangers: a service day is grouped on the event's serviceDay; a ticket
// called on a later day than it was issued (never, in the hall's rules) only
// counts if that day is in the asked range too. Wait figures group events
// per ticket in one pass (no self-join): keep it that way, a join here was
// planned as a nested loop on fresh, unanalysed tables (minutes at 200k rows).
import type pg from 'pg';
import { RATING_OUTCOMES } from '../../protocol/central/events.js';

export type RatingCounts = Record<(typeof RATING_OUTCOMES)[number], number>;

export interface OverviewDay {
  hallId: string;
  hallName: string;
  serviceDay: string;
  ticketsIssued: number;
  served: number;
  noShows: number;
  /** Tickets issued this day that were called: the sample of the wait figures. */
  calledTickets: number;
  meanWaitMinutes: number | null;
  worstWaitMinutes: number | null;
  ratings: RatingCounts;
  badRatings: number;
}

const ratingColumns = RATING_OUTCOMES.map((o) => `count(*) FILTER (WHERE type = 'rating_recorded' AND payload->>'outcome' = '${o}') AS "r_${o}"`).join(',\n    ');

const SQL = `
WITH days AS (
  SELECT hall_id, service_day,
    count(*) FILTER (WHERE type = 'ticket_issued') AS issued,
    count(DISTINCT payload->>'ticketId') FILTER (WHERE type = 'service_finished') AS served,
    count(DISTINCT payload->>'ticketId') FILTER (WHERE type = 'ticket_no_show') AS no_shows,
    ${ratingColumns}
  FROM events
  WHERE service_day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR hall_id = $3)
  GROUP BY hall_id, service_day
),
tickets AS (
  -- one pass, grouped per ticket: no join, so no plan can turn quadratic
  SELECT hall_id,
    min(service_day) FILTER (WHERE type = 'ticket_issued') AS service_day,
    min((payload->>'issuedAt')::bigint) FILTER (WHERE type = 'ticket_issued') AS issued_at,
    min(at) FILTER (WHERE type = 'ticket_called') AS called_at
  FROM events
  WHERE type IN ('ticket_issued', 'ticket_called') AND service_day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR hall_id = $3)
  GROUP BY hall_id, payload->>'ticketId'
),
waits AS (
  SELECT hall_id, service_day, GREATEST(0, called_at - issued_at) AS wait_ms
  FROM tickets WHERE issued_at IS NOT NULL AND called_at IS NOT NULL
),
wait_stats AS (
  SELECT hall_id, service_day, count(*) AS called, round(avg(wait_ms) / 60000.0, 1) AS mean_min, round(max(wait_ms) / 60000.0, 1) AS worst_min
  FROM waits GROUP BY 1, 2
)
SELECT d.*, d.service_day::text AS day, h.name AS hall_name, w.called, w.mean_min, w.worst_min
FROM days d
JOIN halls h ON h.hall_id = d.hall_id
LEFT JOIN wait_stats w ON w.hall_id = d.hall_id AND w.service_day = d.service_day
ORDER BY d.hall_id, d.service_day`;

export async function overview(pool: pg.Pool, from: string, to: string, hallId: string | null): Promise<OverviewDay[]> {
  const r = await pool.query<Record<string, string | null>>(SQL, [from, to, hallId]);
  return r.rows.map((row) => {
    const ratings = Object.fromEntries(RATING_OUTCOMES.map((o) => [o, Number(row[`r_${o}`])])) as RatingCounts;
    return {
      hallId: row.hall_id!,
      hallName: row.hall_name!,
      serviceDay: row.day!,
      ticketsIssued: Number(row.issued),
      served: Number(row.served),
      noShows: Number(row.no_shows),
      calledTickets: Number(row.called ?? 0),
      meanWaitMinutes: row.mean_min === null ? null : Number(row.mean_min),
      worstWaitMinutes: row.worst_min === null ? null : Number(row.worst_min),
      ratings,
      badRatings: ratings.dissatisfied + ratings.very_dissatisfied,
    };
  });
}
