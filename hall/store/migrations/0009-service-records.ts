// 0009: the hall's service records that outlive a service day (issue 13, docs/service-records.md):
//   - cases (办件): 首问负责 owner and hand-overs, 容缺受理 over several days (what is missing,
//     by when), 限时办结 (the promised time limit from acceptance);
//   - complaints (现场投诉) with a reply deadline and the reply;
//   - home visits (上门服务) from request to completion;
//   - ticket assists (帮办代办): a guide holding a ticket for a visitor, 代为认证 / 代为办理.
// Personal data: contact details (name, phone, address) are sealed with identity.key
// (contact_sealed, AES-GCM as ticket identities); nothing else here identifies a person.
import type { Migration } from './types.js';

export const migration0009: Migration = {
  version: 9,
  name: 'service-records',
  up: `
    CREATE TABLE cases (
      id               TEXT PRIMARY KEY,
      code             TEXT NOT NULL UNIQUE,
      service_day      TEXT NOT NULL,
      ticket_id        TEXT,
      ticket_number    TEXT,
      matter_id        TEXT NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('open', 'pending_materials', 'accepted', 'completed', 'withdrawn')),
      first_counter_id TEXT NOT NULL,
      owner_counter_id TEXT NOT NULL,
      owner_staff_id   TEXT,
      question         TEXT NOT NULL DEFAULT '',
      missing          TEXT NOT NULL DEFAULT '[]',
      materials_due_at INTEGER,
      promised_value   INTEGER,
      promised_unit    TEXT,
      accepted_at      INTEGER,
      due_at           INTEGER,
      completed_at     INTEGER,
      created_at       INTEGER NOT NULL,
      updated_at       INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX cases_ticket_number ON cases (ticket_number, service_day);
    CREATE INDEX cases_status ON cases (status);

    CREATE TABLE case_handovers (
      seq             INTEGER PRIMARY KEY,
      case_id         TEXT NOT NULL REFERENCES cases (id),
      from_counter_id TEXT NOT NULL,
      to_counter_id   TEXT NOT NULL,
      staff_id        TEXT,
      note            TEXT NOT NULL DEFAULT '',
      at              INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX case_handovers_case ON case_handovers (case_id);

    CREATE TABLE complaints (
      id             TEXT PRIMARY KEY,
      code           TEXT NOT NULL UNIQUE,
      channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter')),
      terminal_id    TEXT NOT NULL,
      counter_id     TEXT,
      category       TEXT NOT NULL,
      content        TEXT NOT NULL,
      contact_sealed BLOB,
      received_at    INTEGER NOT NULL,
      reply_due_at   INTEGER NOT NULL,
      status         TEXT NOT NULL CHECK (status IN ('open', 'replied')),
      reply          TEXT,
      replied_at     INTEGER,
      replied_by     TEXT
    ) STRICT;

    CREATE TABLE home_visits (
      id                TEXT PRIMARY KEY,
      code              TEXT NOT NULL UNIQUE,
      channel           TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter_phone', 'central')),
      external_id       TEXT UNIQUE,
      matter_id         TEXT NOT NULL,
      reason            TEXT NOT NULL,
      contact_sealed    BLOB NOT NULL,
      requested_at      INTEGER NOT NULL,
      status            TEXT NOT NULL CHECK (status IN ('requested', 'scheduled', 'completed', 'cancelled')),
      scheduled_at      INTEGER,
      assigned_staff_id TEXT,
      completed_at      INTEGER,
      outcome           TEXT
    ) STRICT;

    CREATE TABLE ticket_assists (
      id             TEXT PRIMARY KEY,
      ticket_id      TEXT NOT NULL,
      ticket_number  TEXT NOT NULL,
      service_day    TEXT NOT NULL,
      staff_id       TEXT NOT NULL,
      kind           TEXT NOT NULL CHECK (kind IN ('accompany', 'proxy_auth', 'proxy_handle')),
      at             INTEGER NOT NULL,
      UNIQUE (ticket_id, kind)
    ) STRICT;
    CREATE INDEX ticket_assists_day ON ticket_assists (service_day);
  `,
};
