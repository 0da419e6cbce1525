// 0001: the hall's first schema — outbox of events, tickets, counters, ratings,
// terminals and staff sessions. Personal data: none here (real-name tickets
// add an encrypted identity table in a later migration).
import type { Migration } from './types.js';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE hall_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- The transactional outbox: one row per state change, written in the same
    -- transaction as the change. seq is gapless and never reused.
    CREATE TABLE events (
      seq            INTEGER PRIMARY KEY,
      id             TEXT NOT NULL UNIQUE,
      type           TEXT NOT NULL,
      service_day    TEXT NOT NULL,
      at             INTEGER NOT NULL,
      schema_version INTEGER NOT NULL,
      payload        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX events_by_day ON events (service_day, type);

    CREATE TABLE tickets (
      id             TEXT PRIMARY KEY,
      service_day    TEXT NOT NULL,
      number         TEXT NOT NULL,
      queue_id       TEXT NOT NULL,
      matter_id      TEXT NOT NULL,
      ticket_class   TEXT NOT NULL,
      green_category TEXT,
      status         TEXT NOT NULL,
      issued_at      INTEGER NOT NULL,
      issue_seq      INTEGER NOT NULL,
      kiosk_id       TEXT,
      counter_id     TEXT,
      staff_id       TEXT,
      called_at      INTEGER,
      started_at     INTEGER,
      ended_at       INTEGER,
      recall_count   INTEGER NOT NULL DEFAULT 0,
      transfer_count INTEGER NOT NULL DEFAULT 0,
      UNIQUE (service_day, number)
    ) STRICT;
    CREATE INDEX tickets_by_day_status ON tickets (service_day, status);

    -- Last number issued per queue and service day: numbering survives restarts.
    CREATE TABLE day_numbers (
      service_day TEXT NOT NULL,
      queue_id    TEXT NOT NULL,
      last_number INTEGER NOT NULL,
      PRIMARY KEY (service_day, queue_id)
    ) STRICT;

    CREATE TABLE counters (
      id                TEXT PRIMARY KEY,
      staff_id          TEXT,
      status            TEXT NOT NULL,
      current_ticket_id TEXT,
      green_streak      INTEGER NOT NULL DEFAULT 0,
      paused_at         INTEGER,
      last_call_reason  TEXT
    ) STRICT;

    CREATE TABLE ratings (
      id           TEXT PRIMARY KEY,
      ticket_id    TEXT NOT NULL,
      counter_id   TEXT NOT NULL,
      staff_id     TEXT,
      matter_id    TEXT NOT NULL,
      service_day  TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      expires_at   INTEGER NOT NULL,
      outcome      TEXT,
      source       TEXT,
      rated_at     INTEGER
    ) STRICT;
    CREATE INDEX ratings_open ON ratings (outcome) WHERE outcome IS NULL;
    CREATE INDEX ratings_by_day ON ratings (service_day);

    CREATE TABLE terminals (
      id            TEXT PRIMARY KEY,
      role          TEXT NOT NULL,
      counter_id    TEXT,
      token_hash    TEXT NOT NULL UNIQUE,
      registered_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE staff_sessions (
      token_hash  TEXT PRIMARY KEY,
      staff_id    TEXT NOT NULL,
      counter_id  TEXT,
      terminal_id TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL
    ) STRICT;
  `,
};
