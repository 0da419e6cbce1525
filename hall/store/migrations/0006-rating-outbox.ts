// 0006: the 好差评 rating upload outbox (hall/sync/ratings/). One row per
// (rating, destination, assessNumber) with its own state:
// pending → sent → acked | rejected(reason) | unknown; `skipped` records a
// not_rated outcome the upload policy does not send. Rows are never deleted
// by the uploader: rejected ones stay with their reason for the manager.
// Personal data: none (no ID number; the case number is the ticket id).
import type { Migration } from './types.js';

export const migration0006: Migration = {
  version: 6,
  name: 'rating-outbox',
  up: `
    CREATE TABLE rating_uploads (
      rating_id       TEXT NOT NULL,
      destination     TEXT NOT NULL,
      assess_number   INTEGER NOT NULL DEFAULT 1 CHECK (assess_number IN (1, 2)),
      state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'acked', 'rejected', 'unknown', 'skipped')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      checks          INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error      TEXT,
      reject_reason   TEXT,
      duplicate       INTEGER NOT NULL DEFAULT 0,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      sent_at         INTEGER,
      acked_at        INTEGER,
      PRIMARY KEY (rating_id, destination, assess_number)
    ) STRICT;
    CREATE INDEX rating_uploads_due ON rating_uploads (destination, next_attempt_at) WHERE state IN ('pending', 'unknown');
    CREATE INDEX rating_uploads_state ON rating_uploads (destination, state);
    -- Queuing looks at recent recorded ratings only.
    CREATE INDEX ratings_recorded_at ON ratings (rated_at) WHERE outcome IS NOT NULL;
  `,
};
