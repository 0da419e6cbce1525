// 0004: the uplink to the central platform. Adds a hybrid-logical-clock reading
// to every event (hall/sync/hlc.ts format) and the uplink's own tables:
//   sync_cursor     per stream, the highest seq the central platform acknowledged
//   sync_quarantine events the central platform refused as poison, with its reason
//   sync_meta       the current stream, the batch in flight (id + range, so a crash
//                   mid-send re-sends the very same batch), last success/error, drift
// Existing events get a derived reading: the running maximum of `at` in seq
// order, with a counter for events sharing a millisecond, so readings grow with
// seq even where the wall clock went back. Danger: more than 65,536 old events
// sharing one derived millisecond would wrap the counter into the next ms and
// could then tie a later one — not reachable with the hall's event rates.
import type { Migration } from './types.js';

export const migration0004: Migration = {
  version: 4,
  name: 'sync-uplink',
  up: `
    ALTER TABLE events ADD COLUMN hlc TEXT NOT NULL DEFAULT '';

    UPDATE events SET hlc = printf('%016d:%04x:%s', d.phys + d.k / 65536, d.k % 65536, d.node)
    FROM (
      SELECT seq, phys, row_number() OVER (PARTITION BY phys ORDER BY seq) - 1 AS k,
             COALESCE((SELECT replace(replace(value, ':', '_'), ' ', '_') FROM hall_meta WHERE key = 'hall_id'), 'hall') AS node
      FROM (SELECT seq, max(at) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS phys FROM events)
    ) AS d
    WHERE d.seq = events.seq;

    CREATE TABLE sync_cursor (
      stream     TEXT PRIMARY KEY,
      ack_seq    INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE sync_quarantine (
      seq      INTEGER NOT NULL,
      stream   TEXT NOT NULL,
      event_id TEXT NOT NULL,
      type     TEXT NOT NULL,
      reason   TEXT NOT NULL,
      at       INTEGER NOT NULL,
      PRIMARY KEY (stream, seq)
    ) STRICT;

    CREATE TABLE sync_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
