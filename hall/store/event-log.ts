// The outbox: append events and read them back in sequence order.
// Contract: append runs inside the caller's transaction; seq comes from
// SQLite's INTEGER PRIMARY KEY, so it is gapless as long as nothing is
// deleted (nothing ever is before the sync agent acknowledges it).
// Each event also gets a hybrid-logical-clock reading (hall/sync/hlc.ts) that
// grows with seq even when the wall clock goes back; the clock restarts from
// the newest stored reading. On a database without the `hlc` column (before
// migration 0004) events are stored without one.
// Danger: only one EventLog per database may append (one writer: the hall
// service), or two clocks could hand out readings out of seq order.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { Hlc, hlcNodeId, parseHlc } from '../sync/hlc.js';

export const EVENT_SCHEMA_VERSION = 1;

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  serviceDay: string;
  at: number;
  payload: Record<string, unknown>;
  /** Hybrid-logical-clock reading; absent on databases before migration 0004. */
  hlc?: string;
}

/** UUIDv7: time-ordered, so event ids sort like their sequence. */
export function uuidv7(now: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface EventLogOptions {
  /** HLC node id; defaults to hall_meta "hall_id" (read at the first append), else "hall". */
  node?: string;
  /** Drift guard for remote readings merged into this log's clock (default 5 min). */
  maxDriftMs?: number;
}

type EventRow = { seq: number; id: string; type: string; service_day: string; at: number; payload: string; hlc?: string };

export class EventLog {
  private readonly insert;
  private readonly since;
  private readonly last;
  private readonly withHlc: boolean;
  private clockRef: Hlc | null = null;
  private lastAt = 0;

  constructor(
    private readonly db: Db,
    private readonly options: EventLogOptions = {},
  ) {
    this.withHlc = (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).some((c) => c.name === 'hlc');
    this.insert = this.withHlc
      ? db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)')
      : db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES (?, ?, ?, ?, ?, ?)');
    this.since = db.prepare(`SELECT seq, id, type, service_day, at, payload${this.withHlc ? ', hlc' : ''} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').pluck();
  }

  /**
   * The log's hybrid logical clock (created on first use from the newest stored reading).
   * The uplink merges the central server's time into it.
   */
  get clock(): Hlc {
    if (!this.clockRef) {
      let node = this.options.node;
      if (!node) {
        const hasMeta = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hall_meta'").get();
        const stored = hasMeta ? (this.db.prepare("SELECT value FROM hall_meta WHERE key = 'hall_id'").pluck().get() as string | undefined) : undefined;
        node = stored ?? 'hall';
      }
      const newest = this.withHlc ? (this.db.prepare("SELECT hlc FROM events WHERE hlc != '' ORDER BY seq DESC LIMIT 1").pluck().get() as string | undefined) : undefined;
      let last: ReturnType<typeof parseHlc> | null;
      try {
        last = newest ? parseHlc(newest) : null;
      } catch {
        last = null; // an unreadable stored reading: start from the wall clock
      }
      this.clockRef = new Hlc(hlcNodeId(node), { wall: () => this.lastAt, maxDriftMs: this.options.maxDriftMs, last });
    }
    return this.clockRef;
  }

  append(type: string, serviceDay: string, at: number, payload: Record<string, unknown>): StoredEvent {
    const id = uuidv7(at);
    if (!this.withHlc) {
      const info = this.insert.run(id, type, serviceDay, at, EVENT_SCHEMA_VERSION, JSON.stringify(payload));
      return { seq: Number(info.lastInsertRowid), id, type, serviceDay, at, payload };
    }
    this.lastAt = at;
    const hlc = this.clock.now(at);
    const info = this.insert.run(id, type, serviceDay, at, EVENT_SCHEMA_VERSION, JSON.stringify(payload), hlc);
    // A rolled-back transaction leaves the clock ahead of what is stored: harmless, readings only need to grow.
    return { seq: Number(info.lastInsertRowid), id, type, serviceDay, at, payload, hlc };
  }

  readSince(seq: number, limit: number): StoredEvent[] {
    return (this.since.all(seq, limit) as EventRow[]).map((r) => ({
      seq: r.seq,
      id: r.id,
      type: r.type,
      serviceDay: r.service_day,
      at: r.at,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      ...(r.hlc ? { hlc: r.hlc } : {}),
    }));
  }

  lastSeq(): number {
    return this.last.get() as number;
  }
}
