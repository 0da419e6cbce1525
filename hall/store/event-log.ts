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
import type { BadRatingCaseEvent, DeviceEvent, HallEvent, ServiceDeskEvent, ServiceRecordEvent } from '../domain/index.js';

export const EVENT_SCHEMA_VERSION = 1;

/** Everything the log holds: the engine's events, the device events and the service records' events, each told apart by `type`. */
export type LoggedEvent = HallEvent | DeviceEvent | ServiceRecordEvent | ServiceDeskEvent | BadRatingCaseEvent;
export type EventType = LoggedEvent['type'];
/** The payload of one event type: the event without its `type`. */
export type EventPayload<T extends EventType> = Omit<Extract<LoggedEvent, { type: T }>, 'type'>;

interface StoredHead {
  seq: number;
  id: string;
  serviceDay: string;
  at: number;
  /** Hybrid-logical-clock reading; absent on databases before migration 0004. */
  hlc?: string;
}

type StoredOf<E extends LoggedEvent> = E extends LoggedEvent ? StoredHead & { type: E['type']; payload: Omit<E, 'type'> } : never;

/**
 * One stored event, a union told apart by `type`: after `e.type === 'ticket_called'`,
 * `e.payload` is that event's payload. Contract: the hall writes the log only through
 * record()/append() below with typed payloads, so a row read back is trusted to match its
 * type (rows are not re-validated on read; the central side checks what it receives).
 * Danger: a row appended unchecked (a type unknown to this build, see append) reads back
 * under this type too; consumers switch on `type` and must ignore types they do not know.
 */
export type StoredEvent = StoredOf<LoggedEvent>;
export type StoredEventOf<T extends EventType> = Extract<StoredEvent, { type: T }>;

/** An event appended with a type outside the known ones (tools and tests of the uplink only). */
export interface UncheckedStoredEvent extends StoredHead {
  type: string;
  payload: Record<string, unknown>;
}

/** Narrows a stored event to some types (e.g. rows selected by type in SQL). */
export function isEventOf<T extends EventType>(e: StoredEvent, types: readonly T[]): e is StoredEventOf<T> {
  return (types as readonly string[]).includes(e.type);
}

/** The event back as the engine wrote it (`{ type, ...payload }`). */
export function loggedEvent<E extends StoredEvent>(e: E): Extract<LoggedEvent, { type: E['type'] }> {
  return { type: e.type, ...e.payload } as Extract<LoggedEvent, { type: E['type'] }>;
}

/** A row of the `events` table as SQL returns it. */
export type EventRow = { seq: number; id: string; type: string; service_day: string; at: number; payload: string; hlc?: string | null };

/** Reads one `events` row: the read side's one place where a stored payload is given its type (see StoredEvent's contract). */
export function eventFromRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    id: r.id,
    type: r.type,
    serviceDay: r.service_day,
    at: r.at,
    payload: JSON.parse(r.payload) as unknown,
    ...(r.hlc ? { hlc: r.hlc } : {}),
  } as StoredEvent;
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

  /** Appends one event (inside the caller's transaction). */
  record<E extends LoggedEvent>(event: E, serviceDay: string, at: number): StoredEventOf<E['type']> {
    const { type, ...payload } = event;
    return this.write(type, serviceDay, at, payload) as StoredEventOf<E['type']>;
  }

  /**
   * Appends one event given as type and payload. A known type takes exactly its payload;
   * a type only known at run time (a `string`: the uplink's tools and tests that append
   * events outside the schema) is stored unchecked.
   */
  append<T extends EventType>(type: T, serviceDay: string, at: number, payload: EventPayload<T>): StoredEventOf<T>;
  append<S extends string>(type: S & (S extends EventType ? never : S), serviceDay: string, at: number, payload: Record<string, unknown>): UncheckedStoredEvent;
  append(type: string, serviceDay: string, at: number, payload: object): StoredHead & { type: string; payload: object } {
    return this.write(type, serviceDay, at, payload);
  }

  private write(type: string, serviceDay: string, at: number, payload: object): StoredHead & { type: string; payload: object } {
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
    return (this.since.all(seq, limit) as EventRow[]).map(eventFromRow);
  }

  lastSeq(): number {
    return this.last.get() as number;
  }
}
