// Each migration upgrades a real database file from the previous version.
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
