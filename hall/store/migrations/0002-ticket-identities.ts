// 0002: real-name tickets. The ID number is stored encrypted (AES-256-GCM),
// with a keyed hash to count tickets per identity without decrypting, and a
// masked form for screens. Rows are deleted after their retention period.
// Never a photo: the reader driver drops it before anything reaches the hall.
import type { Migration } from './types.js';

export const migration0002: Migration = {
  version: 2,
  name: 'ticket-identities',
  up: `
    CREATE TABLE ticket_identities (
      ticket_id    TEXT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      service_day  TEXT NOT NULL,
      matter_id    TEXT NOT NULL,
      id_hash      TEXT NOT NULL,
      id_cipher    BLOB NOT NULL,
      masked       TEXT NOT NULL,
      card_type    TEXT NOT NULL,
      source       TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      purge_after  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX ticket_identities_limit ON ticket_identities (service_day, id_hash, matter_id);
    CREATE INDEX ticket_identities_purge ON ticket_identities (purge_after);
  `,
};
