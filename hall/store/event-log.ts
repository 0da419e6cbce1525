// The outbox: append events and read them back in sequence order.
// Contract: append runs inside the caller's transaction; seq comes from
// SQLite's INTEGER PRIMARY KEY, so it is gapless as long as nothing is
// deleted (nothing ever is before the sync agent acknowledges it).
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

export const EVENT_SCHEMA_VERSION = 1;

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  serviceDay: string;
  at: number;
  payload: Record<string, unknown>;
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

export class EventLog {
  private readonly insert;
  private readonly since;
  private readonly last;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES (?, ?, ?, ?, ?, ?)');
    this.since = db.prepare('SELECT seq, id, type, service_day, at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').pluck();
  }

  append(type: string, serviceDay: string, at: number, payload: Record<string, unknown>): StoredEvent {
    const id = uuidv7(at);
    const info = this.insert.run(id, type, serviceDay, at, EVENT_SCHEMA_VERSION, JSON.stringify(payload));
    return { seq: Number(info.lastInsertRowid), id, type, serviceDay, at, payload };
  }

  readSince(seq: number, limit: number): StoredEvent[] {
    return (this.since.all(seq, limit) as { seq: number; id: string; type: string; service_day: string; at: number; payload: string }[]).map((r) => ({
      seq: r.seq,
      id: r.id,
      type: r.type,
      serviceDay: r.service_day,
      at: r.at,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
  }

  lastSeq(): number {
    return this.last.get() as number;
  }
}
