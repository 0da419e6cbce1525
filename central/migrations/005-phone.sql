-- 005: the visitor's phone through central (issue 16, docs/phone.md, protocol/central/phone.ts).
-- phone_boards: the latest public board each hall pushed (one row per hall): its version, the
--   hall's header and queues. phone_board_tickets: that board's tickets, one row per ticket,
--   keyed (hall, ticket); key_hash is sha256 of the key in the ticket's QR address — central
--   never stores the key itself. A full push replaces the hall's tickets; a delta upserts.
-- phone_inbox: what phones asked of a hall (a QR rating, a remote ticket …), numbered per hall
--   (seq from phone_inbox_seqs, no gaps under concurrency: the counter row is locked by the
--   UPDATE), with the hall's result once it answers (outcome NULL = pending). ticket_id names the
--   ticket a message is about, when it is about one, so the phone's view finds its own message.
-- Personal data: none on the board. An inbox body may hold what a kind needs (its own file says).
CREATE TABLE phone_boards (
  hall_id       text PRIMARY KEY REFERENCES halls (hall_id),
  version       bigint NOT NULL,
  service_day   text NOT NULL,
  generated_at  bigint NOT NULL,
  received_at   bigint NOT NULL,
  hall          jsonb NOT NULL,
  queues        jsonb NOT NULL
);

CREATE TABLE phone_board_tickets (
  hall_id     text NOT NULL REFERENCES halls (hall_id),
  ticket_id   text NOT NULL,
  key_hash    text NOT NULL,
  version     bigint NOT NULL,
  ticket      jsonb NOT NULL,
  PRIMARY KEY (hall_id, ticket_id)
);

CREATE TABLE phone_inbox_seqs (
  hall_id   text PRIMARY KEY REFERENCES halls (hall_id),
  last_seq  bigint NOT NULL
);

CREATE TABLE phone_inbox (
  hall_id     text NOT NULL REFERENCES halls (hall_id),
  seq         bigint NOT NULL,
  id          text NOT NULL UNIQUE,
  kind        text NOT NULL,
  ticket_id   text,
  body        jsonb NOT NULL,
  created_at  bigint NOT NULL,
  outcome     text CHECK (outcome IN ('applied', 'refused', 'unsupported')),
  reason      text,
  detail      jsonb,
  answered_at bigint,
  PRIMARY KEY (hall_id, seq)
);
CREATE INDEX phone_inbox_ticket ON phone_inbox (hall_id, ticket_id, kind) WHERE ticket_id IS NOT NULL;
