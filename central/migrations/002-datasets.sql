-- 002: versioned reference datasets sent down to halls (docs/downlink.md).
-- Per hall and dataset a head version; every published version with its
-- checksum and item count; items as rows valid over a version range
-- [valid_from, valid_to) — the snapshot at version v is the rows with
-- valid_from <= v < valid_to (valid_to NULL = still current), and the rows
-- whose valid_from or valid_to fall in (since, to] are the delta. Compaction
-- deletes rows that ended at or before compacted_to; deltas from an older
-- `since` and snapshots of an older version then answer 410 must_refetch.
-- Values are canonical JSON text (exact bytes the checksum covers), not jsonb.

CREATE TABLE dataset_heads (
  hall_id      text NOT NULL REFERENCES halls (hall_id),
  dataset      text NOT NULL,
  version      bigint NOT NULL DEFAULT 0,
  compacted_to bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, dataset)
);

CREATE TABLE dataset_versions (
  hall_id      text NOT NULL,
  dataset      text NOT NULL,
  version      bigint NOT NULL,
  checksum     text NOT NULL,
  item_count   integer NOT NULL,
  upserts      integer NOT NULL,
  deletes      integer NOT NULL,
  published_at bigint NOT NULL,
  PRIMARY KEY (hall_id, dataset, version),
  FOREIGN KEY (hall_id, dataset) REFERENCES dataset_heads (hall_id, dataset)
);

CREATE TABLE dataset_items (
  hall_id    text NOT NULL,
  dataset    text NOT NULL,
  key        text COLLATE "C" NOT NULL,
  value      text NOT NULL,
  valid_from bigint NOT NULL,
  valid_to   bigint,
  PRIMARY KEY (hall_id, dataset, key, valid_from),
  FOREIGN KEY (hall_id, dataset) REFERENCES dataset_heads (hall_id, dataset),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
-- Current rows of a dataset, by key (publishing, deltas).
CREATE UNIQUE INDEX dataset_items_current ON dataset_items (hall_id, dataset, key) WHERE valid_to IS NULL;
-- Rows that ended, by the version they ended at (deletes in a delta, compaction).
CREATE INDEX dataset_items_ended ON dataset_items (hall_id, dataset, valid_to) WHERE valid_to IS NOT NULL;
-- Rows by the version they started at (upserts in a delta).
CREATE INDEX dataset_items_started ON dataset_items (hall_id, dataset, valid_from);
