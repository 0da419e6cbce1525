// 0007: print jobs the hall has handed to a terminal's device agent
// (hall/devices/print-jobs.ts). A job is idempotent by its id on the agent; this
// table lets the hall ask again after a lost link or a restart, and know that a
// ticket was printed exactly once or report that it was not.
// state: sent → printed | unconfirmed | failed | unknown. `bytes` are kept only
// while the job may still be re-sent (cleared once the outcome is known).
// Personal data: a real-name ticket's bytes hold only the masked identity.
import type { Migration } from './types.js';

export const migration0007: Migration = {
  version: 7,
  name: 'print-jobs',
  up: `
    CREATE TABLE print_jobs (
      id           TEXT PRIMARY KEY,
      terminal_id  TEXT NOT NULL,
      device_id    TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('ticket', 'notice')),
      ticket_id    TEXT,
      state        TEXT NOT NULL CHECK (state IN ('sent', 'printed', 'unconfirmed', 'failed', 'unknown')),
      code         TEXT,
      message      TEXT,
      bytes        BLOB,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX print_jobs_open ON print_jobs (terminal_id, created_at) WHERE state = 'sent';
    CREATE INDEX print_jobs_ticket ON print_jobs (ticket_id);
  `,
};
