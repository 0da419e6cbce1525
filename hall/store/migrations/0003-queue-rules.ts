// 0003: queue rules (issue 4) — ticket fields for line position, transfers
// to a counter, appointments, recalls, rejoining and suspending; ratio
// streaks per counter; the appointments a hall checks visitors in for.
// Personal data: appointments hold a masked name and an HMAC blind index of
// the ID number (never the number itself), deleted after the retention period.
import type { Migration } from './types.js';

export const migration0003: Migration = {
  version: 3,
  name: 'queue-rules',
  up: `
    ALTER TABLE tickets ADD COLUMN line_key REAL;
    UPDATE tickets SET line_key = issued_at;
    ALTER TABLE tickets ADD COLUMN line_seq REAL;
    UPDATE tickets SET line_seq = issue_seq;
    ALTER TABLE tickets ADD COLUMN target_counter_id TEXT;
    ALTER TABLE tickets ADD COLUMN appointment_id TEXT;
    ALTER TABLE tickets ADD COLUMN last_called_at INTEGER;
    UPDATE tickets SET last_called_at = called_at;
    ALTER TABLE tickets ADD COLUMN rejoin_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE tickets ADD COLUMN suspend_reason TEXT;
    ALTER TABLE tickets ADD COLUMN suspended_until INTEGER;

    ALTER TABLE counters RENAME COLUMN green_streak TO priority_streak;
    ALTER TABLE counters ADD COLUMN walk_in_streak INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE appointments (
      id           TEXT PRIMARY KEY,
      -- Short code the visitor types or shows as a QR code at check-in.
      code         TEXT NOT NULL UNIQUE,
      matter_id    TEXT NOT NULL,
      service_day  TEXT NOT NULL,
      slot_start   INTEGER NOT NULL,
      slot_end     INTEGER NOT NULL,
      -- HMAC-SHA256 blind index of the ID number (hall/identity/sealer.ts); null when booked without one.
      id_hash      TEXT,
      masked_name  TEXT,
      status       TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled')),
      ticket_id    TEXT,
      source       TEXT NOT NULL CHECK (source IN ('local', 'import', 'central')),
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX appointments_by_day ON appointments (service_day, slot_start);
    CREATE INDEX appointments_by_id_hash ON appointments (id_hash, service_day);
  `,
};
