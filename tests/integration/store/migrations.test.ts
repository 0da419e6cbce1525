// Migrations on real database files: numbering without gaps, a newer file refused, idempotent
// reopening, a version-2 file opened all the way. The upgrade test of each migration, from
// the previous version with representative rows, is in migration-upgrades.test.ts.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseNewerError, migrate, openDatabase } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const file = () => {
  const d = tempDataDir();
  dirs.push(d);
  return path.join(d, 'hall.sqlite');
};

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('0001 creates the initial schema on an empty file', () => {
    const db = new Database(file());
    migrate(db, migrations.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['counters', 'day_numbers', 'events', 'hall_meta', 'ratings', 'staff_sessions', 'terminals', 'tickets']);
    db.close();
  });

  it('0003 keeps a version-2 day of tickets: line keys from issue times, streaks carried over', () => {
    const db = new Database(file());
    migrate(db, migrations.slice(0, 2));
    db.prepare(
      `INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq, called_at)
       VALUES ('t1', '2026-11-23', 'A001', 'A', 'm', 'walk_in', 'called', 1000, 7, 2000)`,
    ).run();
    db.prepare("INSERT INTO counters (id, status, green_streak) VALUES ('c1', 'idle', 2)").run();
    migrate(db, migrations.slice(0, 3));
    expect(db.prepare('SELECT line_key, line_seq, last_called_at, rejoin_count, target_counter_id FROM tickets').get()).toEqual({
      line_key: 1000,
      line_seq: 7,
      last_called_at: 2000,
      rejoin_count: 0,
      target_counter_id: null,
    });
    expect(db.prepare('SELECT priority_streak, walk_in_streak FROM counters').get()).toEqual({ priority_streak: 2, walk_in_streak: 0 });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'appointments'").pluck().get()).toBe(1);
    db.close();
  });

  it('upgrades a version-2 file with events all the way, and the hall reads it back', () => {
    const f = file();
    const old = new Database(f);
    migrate(old, migrations.slice(0, 2));
    old.prepare("INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES ('e1', 'tick', '2026-11-23', 5, 1, '{}')").run();
    old.close();
    const db = openDatabase(f);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect((db.prepare('SELECT hlc FROM events').pluck().get() as string).length).toBeGreaterThan(0);
    db.close();
  });

  it('is idempotent: opening a migrated database again changes nothing', () => {
    const f = file();
    openDatabase(f).close();
    const db = openDatabase(f);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('refuses a database from newer software instead of damaging it', () => {
    const f = file();
    const db = new Database(f);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(f)).toThrow(DatabaseNewerError);
  });
});
