// 0008: idempotency keys of POST /api/v1/tickets (hall/api/issue-keys.ts). A kiosk sends an
// Idempotency-Key per visitor action; the key → ticket row commits in the same transaction
// as the ticket, so a retry after a lost reply finds the ticket instead of issuing another.
// Rows are kept for their service day only (pruned when a later day's key is recorded).
// Personal data: none — request_hash covers the request with a manual ID number replaced by
// its blind index (keyed by identity.key) and without the green-channel PIN.
import type { Migration } from './types.js';

export const migration0008: Migration = {
  version: 8,
  name: 'ticket-issue-keys',
  up: `
    CREATE TABLE ticket_issue_keys (
      kiosk_id        TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      service_day     TEXT NOT NULL,
      request_hash    TEXT NOT NULL,
      ticket_id       TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      created_at      INTEGER NOT NULL,
      PRIMARY KEY (kiosk_id, idempotency_key)
    ) STRICT;
    CREATE INDEX ticket_issue_keys_day ON ticket_issue_keys (service_day);
  `,
};
