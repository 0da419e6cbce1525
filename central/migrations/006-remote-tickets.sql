-- 006: remote tickets (线上取号, issue 16, docs/remote-tickets.md).
-- remote_ticket_settings: what each hall tells central about its remote tickets (enabled, the
--   check-in window, limits, per-queue quotas and the matters offered), one row per hall, replaced
--   by the hall (POST /v1/halls/{hallId}/remote-tickets/settings).
-- remote_tickets: every remote ticket central issued: its code (unique per hall and day), matter,
--   queue, window and state: issued → checked_in | expired | refused (the hall refused the relay).
--   identity_hash is HMAC-SHA256 of the visitor's ID number under central's key (remote_ticket_keys)
--   for the limits; the ID number itself is never stored. hall_identity_hash is the hash under the
--   key shared with the hall (for check-in by ID card), sent in the inbox message and cleared once the
--   ticket leaves `issued`. access_hash is sha256 of the phone's access key (the page's address).
-- remote_ticket_keys: central's secret for identity_hash (one row, created at first use).
CREATE TABLE remote_ticket_settings (
  hall_id     text PRIMARY KEY REFERENCES halls (hall_id),
  settings    jsonb NOT NULL,
  updated_at  bigint NOT NULL
);

CREATE TABLE remote_tickets (
  remote_ticket_id    text PRIMARY KEY,
  hall_id             text NOT NULL REFERENCES halls (hall_id),
  service_day         text NOT NULL,
  code                text NOT NULL,
  matter_id           text NOT NULL,
  queue_id            text NOT NULL,
  identity_hash       text NOT NULL,
  hall_identity_hash  text,
  access_hash         text NOT NULL,
  issued_at           bigint NOT NULL,
  check_in_until      bigint NOT NULL,
  state               text NOT NULL CHECK (state IN ('issued', 'checked_in', 'expired', 'refused')),
  reason              text,
  ticket_id           text,
  ticket_number       text,
  state_at            bigint NOT NULL,
  inbox_message_id    text NOT NULL UNIQUE,
  UNIQUE (hall_id, service_day, code)
);
CREATE INDEX remote_tickets_identity ON remote_tickets (identity_hash, hall_id, service_day);
CREATE INDEX remote_tickets_hall_day ON remote_tickets (hall_id, service_day, queue_id);

CREATE TABLE remote_ticket_keys (
  id          integer PRIMARY KEY CHECK (id = 1),
  key         bytea NOT NULL,
  created_at  bigint NOT NULL
);
