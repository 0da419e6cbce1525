-- 001: the central platform's core — hall registry, uplink streams, received
-- events (interpreted, quarantined, parked) and batch answers.
-- Every (stream, seq) is held once across events, quarantine and parked;
-- ingest (central/ingest/ingest-batch.ts) keeps that true under the stream's
-- row lock. An event id is held once per hall across all its streams, so a
-- hall that re-sends its events in a new stream never counts them twice.

CREATE TABLE halls (
  hall_id     text PRIMARY KEY,
  name        text NOT NULL,
  area_code   text,
  -- sha256 of the hall token; the token itself is shown once and never stored.
  token_hash  bytea NOT NULL,
  created_at  bigint NOT NULL
);

-- One uplink stream per hall life: a hall restored from an old backup
-- registers again and continues in a new stream.
CREATE TABLE streams (
  stream_id      text PRIMARY KEY,
  hall_id        text NOT NULL REFERENCES halls (hall_id),
  -- Highest contiguous seq held (or skipped as already held elsewhere).
  ack_seq        bigint NOT NULL DEFAULT 0,
  -- Where the stream started: seqs at or below it were held by an earlier stream.
  base_seq       bigint NOT NULL DEFAULT 0,
  reason         text NOT NULL,
  hall_last_seq  bigint,
  -- First seq pushed with a different event id than the one held (409 sequence_conflict).
  conflict_seq   bigint,
  replaced_by    text,
  created_at     bigint NOT NULL
);
CREATE INDEX streams_by_hall ON streams (hall_id, created_at);

-- Interpreted events: validated against their type and schema version.
CREATE TABLE events (
  stream_id       text NOT NULL REFERENCES streams (stream_id),
  seq             bigint NOT NULL,
  event_id        uuid NOT NULL,
  hall_id         text NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  service_day     date NOT NULL,
  at              bigint NOT NULL,
  hlc             text,
  payload         jsonb NOT NULL,
  received_at     bigint NOT NULL,
  CONSTRAINT events_stream_seq UNIQUE (stream_id, seq),
  CONSTRAINT events_hall_event UNIQUE (hall_id, event_id)
);
CREATE INDEX events_by_day ON events (service_day, type, hall_id);

-- Poison events: failed validation for their type and schema version. Kept
-- whole with the reason, acknowledged, shown to operators. raw is the event's
-- JSON text (text, not jsonb: poison may hold what jsonb refuses, e.g. \u0000).
CREATE TABLE quarantine (
  stream_id       text NOT NULL REFERENCES streams (stream_id),
  seq             bigint NOT NULL,
  event_id        uuid NOT NULL,
  hall_id         text NOT NULL,
  type            text,
  schema_version  integer,
  reason          text NOT NULL,
  raw             text NOT NULL,
  received_at     bigint NOT NULL,
  CONSTRAINT quarantine_stream_seq UNIQUE (stream_id, seq),
  CONSTRAINT quarantine_hall_event UNIQUE (hall_id, event_id)
);

-- Events of a schema version newer than this server knows: stored, not
-- interpreted; moved into events (or quarantine) once the server upgrades.
CREATE TABLE parked (
  stream_id       text NOT NULL REFERENCES streams (stream_id),
  seq             bigint NOT NULL,
  event_id        uuid NOT NULL,
  hall_id         text NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  raw             text NOT NULL,
  received_at     bigint NOT NULL,
  CONSTRAINT parked_stream_seq UNIQUE (stream_id, seq),
  CONSTRAINT parked_hall_event UNIQUE (hall_id, event_id)
);

-- The answer given to each batch, so a replayed batch gets the same answer.
CREATE TABLE batches (
  hall_id     text NOT NULL,
  batch_id    text NOT NULL,
  stream_id   text NOT NULL,
  digest      text NOT NULL,
  answer      jsonb NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (hall_id, batch_id)
);
CREATE INDEX batches_by_age ON batches (received_at);
