// 0011: the phone link's inbox at the hall (issue 16, docs/phone.md). phone_inbox_cursor holds the
// last central inbox seq the hall has consumed (one row). phone_inbox_applied records every inbox
// message the hall applied, by central's message id, written in the same SQLite transaction as the
// message's effect, so a restart between apply and result post never applies it twice; the result
// stays here (acked_at NULL) until central acknowledges it, and is re-posted until then.
import type { Migration } from './types.js';

export const migration0011: Migration = {
  version: 11,
  name: 'phone-inbox',
  up: `
    CREATE TABLE phone_inbox_cursor (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      after_seq   INTEGER NOT NULL CHECK (after_seq >= 0),
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE phone_inbox_applied (
      message_id  TEXT PRIMARY KEY,
      seq         INTEGER NOT NULL,
      kind        TEXT NOT NULL,
      outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'refused', 'unsupported')),
      reason      TEXT,
      detail      TEXT,
      applied_at  INTEGER NOT NULL,
      acked_at    INTEGER
    ) STRICT;
    CREATE INDEX phone_inbox_applied_unacked ON phone_inbox_applied (seq) WHERE acked_at IS NULL;
  `,
};
