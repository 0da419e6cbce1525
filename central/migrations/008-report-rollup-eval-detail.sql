-- 008: the cross-hall report's daily rollup (docs/reports.md "Central"), and the 差评 reason tags of
-- received ratings (at the end). GET /v1/reports read every raw ticket event of the period
-- (6.7 s for 100 halls × 30 days); it now reads report_daily.
--
-- Two levels, both kept by central/reports/rollup.ts in the ingest's own transaction:
--   report_tickets — one row per (hall, ticket): the figures the report needs from its events;
--   report_daily   — one row per (hall, service day, matter): the report's row.
-- Contract: a row of either table is always RECOMPUTED from its source (the ticket's events, the
-- day's report_tickets), never incremented, so a duplicate batch, a re-sent event or a replay
-- cannot count twice, and an event arriving late for a past day (late upload, re-interpreted
-- quarantine) just recomputes that ticket and that day.
-- The definitions live in the two views below, one place for the backfill here and the
-- incremental refresh; they are the hall report's definitions (central/reports/cross-hall.ts).
-- Dangers: changing a definition needs a new migration that replaces the view AND rebuilds
-- both tables (as the backfill at the end of this file does).

-- Finds a ticket's events without scanning the day (the refresh reads one ticket at a time).
CREATE INDEX events_by_ticket ON events (hall_id, (payload->>'ticketId'))
  WHERE type IN ('ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show');

-- Per ticket: its issue day and matter (a transfer keeps the matter), issue time, last call or
-- resume, last transfer/suspension/rejoin (after which it waits again), last rejoin, finished,
-- last no-show, transfer and suspension counts.
CREATE VIEW report_ticket_facts AS
SELECT hall_id, payload->>'ticketId' AS ticket_id,
  min(service_day) FILTER (WHERE type = 'ticket_issued') AS service_day,
  min(payload->>'matterId') FILTER (WHERE type = 'ticket_issued') AS matter_id,
  min((payload->>'issuedAt')::bigint) FILTER (WHERE type = 'ticket_issued') AS issued_at,
  max(at) FILTER (WHERE type IN ('ticket_called', 'ticket_resumed')) AS last_call,
  max(at) FILTER (WHERE type IN ('ticket_transferred', 'ticket_suspended', 'ticket_rejoined')) AS last_reset,
  max(at) FILTER (WHERE type = 'ticket_rejoined') AS last_rejoin,
  bool_or(type = 'service_finished') AS finished,
  max(at) FILTER (WHERE type = 'ticket_no_show') AS last_no_show,
  count(*) FILTER (WHERE type = 'ticket_transferred')::integer AS transfers,
  count(*) FILTER (WHERE type = 'ticket_suspended')::integer AS suspensions
FROM events
WHERE type IN ('ticket_issued', 'ticket_called', 'ticket_resumed', 'ticket_transferred', 'ticket_suspended', 'ticket_rejoined', 'service_finished', 'ticket_no_show')
GROUP BY hall_id, payload->>'ticketId';

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

-- Per hall × service day × matter, over tickets whose issue is held: served = finished;
-- no-show = not finished and its last no-show after its last rejoin; wait = last call minus
-- issue, when nothing after that call made it wait again.
CREATE VIEW report_daily_facts AS
SELECT hall_id, service_day, matter_id,
  count(*)::integer AS tickets,
  (count(*) FILTER (WHERE finished))::integer AS served,
  (count(*) FILTER (WHERE NOT finished AND last_no_show IS NOT NULL AND (last_rejoin IS NULL OR last_no_show > last_rejoin)))::integer AS no_shows,
  sum(transfers)::integer AS transfers,
  sum(suspensions)::integer AS suspensions,
  count(wait_ms)::integer AS called,
  sum(wait_ms)::bigint AS wait_sum_ms,
  max(wait_ms) AS max_wait_ms
FROM (
  SELECT *, CASE WHEN last_call IS NOT NULL AND (last_reset IS NULL OR last_call > last_reset) THEN last_call - issued_at END AS wait_ms
  FROM report_tickets WHERE issued_at IS NOT NULL
) t
GROUP BY hall_id, service_day, matter_id;

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

-- Backfill: the days ingested before this migration (one transaction with the DDL above).
INSERT INTO report_tickets SELECT * FROM report_ticket_facts;
INSERT INTO report_daily SELECT * FROM report_daily_facts WHERE matter_id IS NOT NULL;

-- 差评 reason tags (evalDetail of the national body, docs/rating-upload.md): the indicator codes
-- the visitor chose after a bad rating, forwarded to the province with the rating. Empty: none
-- given (or a rating received before this migration).
ALTER TABLE ratings_received ADD COLUMN eval_detail text[] NOT NULL DEFAULT '{}';
