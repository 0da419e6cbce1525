// 0010: 差评 follow-up cases (issue 15, docs/bad-rating-cases.md): one case per bad rating
// (the two lowest levels), from opening through 回访, 整改 or 解释说明 and the manager's review to
// closure, or 申诉复核 by the counter. Deadlines are stored as instants when the case opens (the
// hall's settings then); warnings and escalations are stamped once each.
// Personal data: the visitor's contact for the 回访 is sealed with identity.key (contact_sealed,
// AES-GCM as ticket identities) and deleted with the ticket's identity (contact_purge_after);
// the visitor's words at the 回访 and staff notes stay in this table, never in events.
import type { Migration } from './types.js';

export const migration0010: Migration = {
  version: 10,
  name: 'bad-rating-cases',
  up: `
    CREATE TABLE bad_rating_cases (
      id                   TEXT PRIMARY KEY,
      code                 TEXT NOT NULL UNIQUE,
      rating_id            TEXT NOT NULL UNIQUE,
      ticket_id            TEXT NOT NULL,
      ticket_number        TEXT,
      service_day          TEXT NOT NULL,
      matter_id            TEXT NOT NULL,
      counter_id           TEXT NOT NULL,
      staff_id             TEXT,
      level                TEXT NOT NULL CHECK (level IN ('dissatisfied', 'very_dissatisfied')),
      source               TEXT NOT NULL,
      rated_at             INTEGER NOT NULL,
      real_name            INTEGER NOT NULL CHECK (real_name IN (0, 1)),
      reason_tags          TEXT NOT NULL DEFAULT '[]',
      status               TEXT NOT NULL CHECK (status IN ('opened', 'revisited', 'rectified', 'explained', 'appealed', 'closed')),
      revisit_due_at       INTEGER NOT NULL,
      rectify_due_at       INTEGER NOT NULL,
      assignee_staff_id    TEXT,
      contact_sealed       BLOB,
      contact_purge_after  INTEGER,
      revisit_staff_id     TEXT,
      revisit_method       TEXT,
      revisit_note         TEXT,
      revisited_at         INTEGER,
      resolution           TEXT CHECK (resolution IN ('rectified', 'explained')),
      resolution_note      TEXT,
      resolved_by          TEXT,
      resolved_at          INTEGER,
      appeal_from          TEXT,
      appeal_reason        TEXT,
      appeal_evidence      TEXT,
      appealed_by          TEXT,
      appealed_at          INTEGER,
      appeal_decision_note TEXT,
      outcome              TEXT CHECK (outcome IN ('resolved', 'appeal_upheld')),
      review_note          TEXT,
      closed_by            TEXT,
      closed_at            INTEGER,
      revisit_warned_at    INTEGER,
      revisit_escalated_at INTEGER,
      rectify_warned_at    INTEGER,
      rectify_escalated_at INTEGER,
      created_at           INTEGER NOT NULL,
      updated_at           INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX bad_rating_cases_status ON bad_rating_cases (status);
    CREATE INDEX bad_rating_cases_day ON bad_rating_cases (service_day);
  `,
};
