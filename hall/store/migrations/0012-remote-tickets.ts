// 0012: remote tickets (线上取号, issue 16, docs/remote-tickets.md). remote_tickets holds every
// remote ticket central relayed to this hall (inbox kind `remote_ticket`), by central's id, with
// its check-in window and state: pending → checked_in (ticket_id: the real ticket issued at the
// kiosk) | expired (not checked in within its window: a no-show for the visitor's limit) |
// cancelled. reported_status is the last state central acknowledged (the hall posts each change
// back until then; docs/remote-tickets.md). tickets.remote_ticket_id marks a ticket checked in
// from one (the engine's share bound reads it; hall/domain/remote-placement.ts).
// Personal data: identity_hash is central's keyed hash of the visitor's ID number under the key
// it shares with this hall (never the number); it is cleared when the remote ticket leaves pending.
import type { Migration } from './types.js';

export const migration0012: Migration = {
  version: 12,
  name: 'remote-tickets',
  up: `
    CREATE TABLE remote_tickets (
      id               TEXT PRIMARY KEY,
      code             TEXT NOT NULL UNIQUE,
      matter_id        TEXT NOT NULL,
      service_day      TEXT NOT NULL,
      issued_at        INTEGER NOT NULL,
      check_in_until   INTEGER NOT NULL,
      identity_hash    TEXT,
      status           TEXT NOT NULL CHECK (status IN ('pending', 'checked_in', 'expired', 'cancelled')),
      ticket_id        TEXT,
      ticket_number    TEXT,
      status_at        INTEGER NOT NULL,
      reported_status  TEXT,
      received_at      INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX remote_tickets_pending ON remote_tickets (check_in_until) WHERE status = 'pending';
    CREATE INDEX remote_tickets_identity ON remote_tickets (identity_hash) WHERE identity_hash IS NOT NULL;
    CREATE INDEX remote_tickets_unreported ON remote_tickets (status_at) WHERE reported_status IS NOT status;
    ALTER TABLE tickets ADD COLUMN remote_ticket_id TEXT;
  `,
};
