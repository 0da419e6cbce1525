-- 008: the cross-hall report's daily rollup (docs/reports.md "Central"), and the 差评 reason tags of
-- received ratings (at the end). GET /v1/reports read every raw ticket event of the period
-- (6–9 s for 100 halls × 30 days); it now reads report_daily.
--
-- Two levels, both kept by central/reports/rollup.ts in the ingest's own transaction:
--   report_tickets — one row per (hall, ticket): the figures the report needs from its events;
--   report_daily   — one row per (hall, service day, matter): the report's row.
-- Contract: a row of either table is always RECOMPUTED from its source (the ticket's events, the
-- day's report_tickets), never incremented, so a duplicate batch, a re-sent event or a replay
-- cannot count twice, and an event arriving late for a past day (late upload, re-interpreted
-- quarantine) just recomputes that ticket and that day.
-- The definitions live in the two functions below, one place for the backfill here and the
-- incremental refresh; they are the hall report's definitions (central/reports/cross-hall.ts).
-- Functions taking the keys, not views: PostgreSQL does not push a join's keys into a grouped
-- view, so a view would be aggregated whole at every refresh (measured: 1.3 s per batch on
-- 120,000 tickets, against milliseconds with the keys filtered before grouping).
-- Dangers: changing a definition needs a new migration that replaces the function AND rebuilds
-- both tables (as the backfill at the end of this file does).

-- Finds a ticket's events without scanning the day (the refresh reads a batch's tickets).
CREATE INDEX events_by_ticket ON events (hall_id, (payload->>'ticketId'))
  WHERE type IN ('ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show');

CREATE TABLE report_tickets (
  hall_id       text NOT NULL,
  ticket_id     text NOT NULL,
  service_day   date,            -- NULL until its ticket_issued is held (e.g. still quarantined)
  matter_id     text,
  issued_at     bigint,
  last_call     bigint,
  last_reset    bigint,
  last_rejoin   bigint,
  finished      boolean NOT NULL,
  last_no_show  bigint,
  transfers     integer NOT NULL,
  suspensions   integer NOT NULL,
  PRIMARY KEY (hall_id, ticket_id)
);
CREATE INDEX report_tickets_by_day ON report_tickets (hall_id, service_day, matter_id);

-- The tickets (hall, ticket id) given, from their held events: issue day and matter (a transfer
-- keeps the matter), issue time, last call or resume, last transfer/suspension/rejoin (after which
-- it waits again), last rejoin, finished, last no-show, transfer and suspension counts.
CREATE FUNCTION report_ticket_facts(p_hall text[], p_ticket text[]) RETURNS SETOF report_tickets
LANGUAGE sql STABLE AS $$
  SELECT k.h, k.t,
    min(e.service_day) FILTER (WHERE e.type = 'ticket_issued'),
    min(e.payload->>'matterId') FILTER (WHERE e.type = 'ticket_issued'),
    min((e.payload->>'issuedAt')::bigint) FILTER (WHERE e.type = 'ticket_issued'),
    max(e.at) FILTER (WHERE e.type IN ('ticket_called', 'ticket_resumed')),
    max(e.at) FILTER (WHERE e.type IN ('ticket_transferred', 'ticket_suspended', 'ticket_rejoined')),
    max(e.at) FILTER (WHERE e.type = 'ticket_rejoined'),
    bool_or(e.type = 'service_finished'),
    max(e.at) FILTER (WHERE e.type = 'ticket_no_show'),
    (count(*) FILTER (WHERE e.type = 'ticket_transferred'))::integer,
    (count(*) FILTER (WHERE e.type = 'ticket_suspended'))::integer
  -- DISTINCT: a key given twice must not count its events twice. OFFSET 0 keeps the lateral
  -- subquery as it is: one index lookup (events_by_ticket) per ticket, never a scan of events.
  FROM (SELECT DISTINCT h, t FROM unnest(p_hall, p_ticket) AS u(h, t)) k
  CROSS JOIN LATERAL (
    SELECT type, service_day, payload, at FROM events
    WHERE hall_id = k.h AND payload->>'ticketId' = k.t
      AND type IN ('ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show')
    OFFSET 0
  ) e
  GROUP BY k.h, k.t
$$;

CREATE TABLE report_daily (
  hall_id      text NOT NULL,
  service_day  date NOT NULL,
  matter_id    text NOT NULL,
  tickets      integer NOT NULL,
  served       integer NOT NULL,
  no_shows     integer NOT NULL,
  transfers    integer NOT NULL,
  suspensions  integer NOT NULL,
  called       integer NOT NULL,
  wait_sum_ms  bigint,
  max_wait_ms  bigint,
  PRIMARY KEY (hall_id, service_day, matter_id)
);
CREATE INDEX report_daily_by_day ON report_daily (service_day, hall_id);

-- The hall × service day × matter groups given, over their tickets whose issue is held:
-- served = finished; no-show = not finished and its last no-show after its last rejoin;
-- wait = last call minus issue, when nothing after that call made it wait again.
CREATE FUNCTION report_daily_facts(p_hall text[], p_day date[], p_matter text[]) RETURNS SETOF report_daily
LANGUAGE sql STABLE AS $$
  SELECT hall_id, service_day, matter_id,
    count(*)::integer,
    (count(*) FILTER (WHERE finished))::integer,
    (count(*) FILTER (WHERE NOT finished AND last_no_show IS NOT NULL AND (last_rejoin IS NULL OR last_no_show > last_rejoin)))::integer,
    sum(transfers)::integer,
    sum(suspensions)::integer,
    count(wait_ms)::integer,
    sum(wait_ms)::bigint,
    max(wait_ms)
  FROM (
    SELECT t.*, CASE WHEN last_call IS NOT NULL AND (last_reset IS NULL OR last_call > last_reset) THEN last_call - issued_at END AS wait_ms
    FROM report_tickets t
    WHERE issued_at IS NOT NULL AND matter_id IS NOT NULL
      AND (hall_id, service_day, matter_id) IN (SELECT k.h, k.d, k.m FROM unnest(p_hall, p_day, p_matter) AS k(h, d, m))
  ) w
  GROUP BY hall_id, service_day, matter_id
$$;

-- Backfill: the days ingested before this migration (one transaction with the DDL above).
INSERT INTO report_tickets
SELECT f.* FROM (
  SELECT array_agg(hall_id) AS h, array_agg(ticket_id) AS t FROM (
    SELECT DISTINCT hall_id, payload->>'ticketId' AS ticket_id FROM events
    WHERE type IN ('ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show')
      AND payload->>'ticketId' IS NOT NULL
  ) x
) a, report_ticket_facts(a.h, a.t) f;
INSERT INTO report_daily
SELECT f.* FROM (
  SELECT array_agg(hall_id) AS h, array_agg(service_day) AS d, array_agg(matter_id) AS m FROM (
    SELECT DISTINCT hall_id, service_day, matter_id FROM report_tickets WHERE service_day IS NOT NULL AND matter_id IS NOT NULL
  ) x
) a, report_daily_facts(a.h, a.d, a.m) f;

-- 差评 reason tags (evalDetail of the national body, docs/rating-upload.md): the indicator codes
-- the visitor chose after a bad rating, forwarded to the province with the rating. Empty: none
-- given (or a rating received before this migration).
ALTER TABLE ratings_received ADD COLUMN eval_detail text[] NOT NULL DEFAULT '{}';
