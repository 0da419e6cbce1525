// The uplink's SQLite side (tables from migration 0004): the current stream,
// its acknowledged cursor, the batch in flight, quarantined events, and the
// worker's last success/error/drift for the status page; plus reading the
// outbox in bounded batches.
// Contract: a batch is consecutive seqs after the cursor, at most maxEvents
// events and maxBytes bytes of request body (a single event larger than that
// goes alone), read with LIMIT — never the whole backlog. Writes that must
// agree (cursor + quarantine + clearing the in-flight batch; a new stream +
// its cursor) run in one IMMEDIATE transaction, so two workers on one file
// never interleave half-updates.
// Staff free text never leaves the hall: the fields in REDACTED_FIELDS are
// replaced by "(redacted)" when an event is serialised for upload — a pure
// function of the stored row, so a re-sent batch is byte-identical.
// Dangers: the cursor only moves to what the central platform acknowledged;
// `moveCursorBack` exists for the case where central says it holds less.
import type { Db } from '../../store/db.js';

export interface InflightBatch {
  batchId: string;
  stream: string;
  fromSeq: number;
  toSeq: number;
}

export interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  schema_version: number;
  service_day: string;
  at: number;
  hlc: string;
  payload: string;
}

export interface BuiltBatch {
  fromSeq: number;
  toSeq: number;
  count: number;
  /** The serialised `events` array members, each one JSON object text. */
  items: string[];
  bytes: number;
  /** A seq missing from the local outbox right after this batch (or at its start), if any. */
  localGapAt: number | null;
}

export interface QuarantineItem {
  seq: number;
  reason: string;
}

const READ_CHUNK = 100;

export class SyncStore {
  private readonly getMetaStmt;
  private readonly putMetaStmt;
  private readonly delMetaStmt;
  private readonly cursorStmt;
  private readonly upsertCursorStmt;
  private readonly lastSeqStmt;
  private readonly rangeStmt;
  private readonly eventStmt;
  private readonly quarantineStmt;

  constructor(readonly db: Db) {
    this.getMetaStmt = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck();
    this.putMetaStmt = db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.delMetaStmt = db.prepare('DELETE FROM sync_meta WHERE key = ?');
    this.cursorStmt = db.prepare('SELECT ack_seq FROM sync_cursor WHERE stream = ?').pluck();
    this.upsertCursorStmt = db.prepare('INSERT INTO sync_cursor (stream, ack_seq, updated_at) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET ack_seq = excluded.ack_seq, updated_at = excluded.updated_at');
    this.lastSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
    this.rangeStmt = db.prepare('SELECT seq, id, type, schema_version, service_day, at, hlc, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.eventStmt = db.prepare('SELECT seq, id, type FROM events WHERE seq = ?');
    this.quarantineStmt = db.prepare('INSERT INTO sync_quarantine (seq, stream, event_id, type, reason, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stream, seq) DO UPDATE SET reason = excluded.reason');
  }

  meta(key: string): string | null {
    return (this.getMetaStmt.get(key) as string | undefined) ?? null;
  }

  metaJson<T>(key: string): T | null {
    const raw = this.meta(key);
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }

  putMeta(key: string, value: string | object | number): void {
    this.putMetaStmt.run(key, typeof value === 'string' ? value : JSON.stringify(value));
  }

  deleteMeta(key: string): void {
    this.delMetaStmt.run(key);
  }

  currentStream(): string | null {
    return this.meta('stream');
  }

  cursor(stream: string): number {
    return (this.cursorStmt.get(stream) as number | undefined) ?? 0;
  }

  lastSeq(): number {
    return this.lastSeqStmt.get() as number;
  }

  event(seq: number): { seq: number; id: string; type: string } | null {
    return (this.eventStmt.get(seq) as { seq: number; id: string; type: string } | undefined) ?? null;
  }

  /** Starts (or switches to) a stream with its acknowledged seq; the batch in flight belonged to the old one. */
  switchStream(stream: string, ackSeq: number, now: number): void {
    this.db
      .transaction(() => {
        this.putMeta('stream', stream);
        this.upsertCursorStmt.run(stream, ackSeq, now);
        this.deleteMeta('inflight');
      })
      .immediate();
  }

  /**
   * Records central's answer in one transaction: the cursor moves to `ackSeq` (only forward,
   * unless `regress` — central reported a gap below our cursor), quarantined events are kept,
   * and the in-flight batch is cleared. Returns the cursor now stored.
   */
  acknowledge(stream: string, ackSeq: number, quarantined: readonly QuarantineItem[], now: number, regress = false): number {
    return this.db
      .transaction(() => {
        const before = this.cursor(stream);
        const next = regress ? ackSeq : Math.max(before, ackSeq);
        this.upsertCursorStmt.run(stream, next, now);
        for (const q of quarantined) {
          const e = this.event(q.seq);
          this.quarantineStmt.run(q.seq, stream, e?.id ?? '', e?.type ?? '', q.reason.slice(0, 2000), now);
        }
        this.deleteMeta('inflight');
        return next;
      })
      .immediate();
  }

  inflight(): InflightBatch | null {
    return this.metaJson<InflightBatch>('inflight');
  }

  setInflight(batch: InflightBatch): void {
    this.putMeta('inflight', batch);
  }

  /**
   * Reads the batch after `afterSeq` (or exactly [fromSeq, toSeq] when `exact` is given, to re-send
   * an in-flight batch) in chunks, stopping at the count and byte limits. `envelopeBytes` is the
   * size of the request body around the events.
   */
  readBatch(afterSeq: number, maxEvents: number, maxBytes: number, envelopeBytes: number, exact?: { toSeq: number }): BuiltBatch {
    const items: string[] = [];
    let bytes = envelopeBytes;
    let expected = afterSeq + 1;
    let localGapAt: number | null = null;
    const limit = exact ? exact.toSeq - afterSeq : maxEvents;
    outer: while (items.length < limit) {
      const rows = this.rangeStmt.all(expected - 1, Math.min(READ_CHUNK, limit - items.length)) as OutboxRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.seq !== expected) {
          localGapAt = expected;
          break outer;
        }
        const item = serialiseEvent(row);
        const size = Buffer.byteLength(item, 'utf8') + (items.length > 0 ? 1 : 0);
        if (!exact && items.length > 0 && bytes + size > maxBytes) break outer;
        items.push(item);
        bytes += size;
        expected += 1;
        if (exact && row.seq >= exact.toSeq) break outer;
      }
    }
    return { fromSeq: afterSeq + 1, toSeq: afterSeq + items.length, count: items.length, items, bytes, localGapAt };
  }
}

/** What replaces staff free text in an uploaded event. */
export const REDACTED = '(redacted)';

/**
 * Staff free-text fields per event type: they may hold anything staff typed (names, phone
 * numbers, ID numbers), so central gets REDACTED instead. A null stays null (no text given).
 */
export const REDACTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ticket_suspended: ['reason'],
  ticket_called: ['specialReason'],
  ticket_withdrawn: ['suspendReason'],
  unresolved_case_recorded: ['summary'],
  unresolved_case_answered: ['answer'],
};

/** The payload text with staff free text replaced; the stored text itself when nothing needs it. */
function redactPayload(type: string, payload: Record<string, unknown>, text: string): string {
  const fields = REDACTED_FIELDS[type];
  if (!fields || !fields.some((f) => typeof payload[f] === 'string' && payload[f] !== REDACTED)) return text;
  const copy: Record<string, unknown> = { ...payload };
  for (const f of fields) if (typeof copy[f] === 'string') copy[f] = REDACTED;
  return JSON.stringify(copy);
}

/**
 * One event as the protocol sends it: the stored payload text (checked to be JSON), with staff
 * free text redacted. Deterministic: the same row always gives the same bytes.
 */
export function serialiseEvent(row: OutboxRow): string {
  const head = JSON.stringify({
    seq: row.seq,
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    serviceDay: row.service_day,
    at: row.at,
    ...(row.hlc ? { hlc: row.hlc } : {}),
  });
  let payload = row.payload;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    payload = redactPayload(row.type, parsed as Record<string, unknown>, payload);
  } catch {
    // A damaged payload must not break the whole batch's JSON: send it as a poison value
    // central will quarantine (and the manager will see), so the events after it still go.
    payload = JSON.stringify({ unreadablePayload: row.payload.slice(0, 1000) });
  }
  return `${head.slice(0, -1)},"payload":${payload}}`;
}
