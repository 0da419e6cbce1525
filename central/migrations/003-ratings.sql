-- 003: 好差评 ratings received from halls (POST /v1/ratings, national profile)
-- and central's forwarding outbox to the provincial system, with the same
-- per-rating state machine as the hall (hall/sync/ratings/state-machine.ts):
-- pending → sent → acked | rejected(reason) | unknown.
-- A rating is held once per ratingId, and once per (hall, case, assessNumber):
-- 一次一评, plus one follow-up (assessNumber 2). Levels and channels are stored
-- neutral (very_satisfied …, hall_pad …); codes are applied when forwarding.
-- Personal data: none (no applicant ID is received).

CREATE TABLE ratings_received (
  rating_id      text PRIMARY KEY,
  hall_id        text NOT NULL REFERENCES halls (hall_id),
  case_number    text NOT NULL,
  assess_number  smallint NOT NULL CHECK (assess_number IN (1, 2)),
  level          text NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied')),
  channel        text NOT NULL,
  rated_at       bigint NOT NULL,
  matter_code    text NOT NULL,
  matter_name    text,
  area_code      text NOT NULL,
  dept_code      text,
  comment        text,
  received_at    bigint NOT NULL,
  CONSTRAINT ratings_received_case UNIQUE (hall_id, case_number, assess_number)
);
CREATE INDEX ratings_received_by_time ON ratings_received (hall_id, rated_at);

CREATE TABLE rating_forwards (
  rating_id        text NOT NULL REFERENCES ratings_received (rating_id),
  destination      text NOT NULL,
  assess_number    smallint NOT NULL CHECK (assess_number IN (1, 2)),
  state            text NOT NULL CHECK (state IN ('pending', 'sent', 'acked', 'rejected', 'unknown', 'skipped')),
  attempts         integer NOT NULL DEFAULT 0,
  checks           integer NOT NULL DEFAULT 0,
  next_attempt_at  bigint NOT NULL,
  last_error       text,
  reject_reason    text,
  duplicate        boolean NOT NULL DEFAULT false,
  created_at       bigint NOT NULL,
  updated_at       bigint NOT NULL,
  sent_at          bigint,
  acked_at         bigint,
  PRIMARY KEY (rating_id, destination)
);
CREATE INDEX rating_forwards_due ON rating_forwards (destination, next_attempt_at) WHERE state IN ('pending', 'unknown');
CREATE INDEX rating_forwards_state ON rating_forwards (destination, state);
