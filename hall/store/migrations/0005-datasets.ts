// 0005: reference datasets from the central platform (docs/downlink.md).
// dataset_state: per dataset the version the hall serves, its checksum, the
// last error (shown to the manager) and the progress of a snapshot being
// loaded. dataset_items: the data served, values as received (canonical
// JSON text, the checksum's bytes). dataset_shadow_items: snapshot pages
// until the last page and a matching checksum; then swapped in, in one
// transaction. Personal data: appointments carry only masked names and keyed
// hashes (refused otherwise, protocol/central/downlink/schemas.ts).
import type { Migration } from './types.js';

export const migration0005: Migration = {
  version: 5,
  name: 'datasets',
  up: `
    CREATE TABLE dataset_state (
      dataset            TEXT PRIMARY KEY,
      version            INTEGER NOT NULL DEFAULT 0,
      checksum           TEXT NOT NULL,
      item_count         INTEGER NOT NULL DEFAULT 0,
      synced_at          INTEGER,
      checked_at         INTEGER,
      last_error         TEXT,
      last_error_code    TEXT,
      last_error_at      INTEGER,
      must_snapshot      INTEGER NOT NULL DEFAULT 0,
      snapshot_version   INTEGER,
      snapshot_after     TEXT,
      snapshot_total     INTEGER,
      snapshot_checksum  TEXT,
      snapshot_loaded    INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE dataset_items (
      dataset TEXT NOT NULL,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (dataset, key)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX dataset_items_appointment_code ON dataset_items (json_extract(value, '$.appointmentCode')) WHERE dataset = 'appointments';
    CREATE INDEX dataset_items_appointment_slot ON dataset_items (json_extract(value, '$.slotStart')) WHERE dataset = 'appointments';

    CREATE TABLE dataset_shadow_items (
      dataset TEXT NOT NULL,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (dataset, key)
    ) STRICT, WITHOUT ROWID;
  `,
};
