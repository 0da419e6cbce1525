-- 004: 整改反馈 — a 差评 case closed at the hall (event bad_rating_case_closed), queued
-- for the provincial 好差评 system as the rating's rectification feedback, with the
-- same per-row state machine as rating_forwards (pending → sent → acked |
-- rejected(reason) | unknown). One row per (rating, destination): a re-ingested or
-- repeated closure queues nothing more. Sent only once the rating's own forward is
-- acked (central/ratings/pg-feedback-outbox.ts). Personal data: none (no free text).

CREATE TABLE rectification_feedbacks (
  rating_id        text NOT NULL,
  destination      text NOT NULL,
  hall_id          text NOT NULL,
  case_id          text NOT NULL,
  result           text NOT NULL CHECK (result IN ('rectified', 'explained', 'appeal_upheld')),
  closed_at        bigint NOT NULL,
  on_time          boolean NOT NULL,
  assess_number    smallint NOT NULL DEFAULT 1,
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
CREATE INDEX rectification_feedbacks_due ON rectification_feedbacks (destination, next_attempt_at) WHERE state IN ('pending', 'unknown');
