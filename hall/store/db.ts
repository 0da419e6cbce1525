// Opens the hall's SQLite file: WAL, synchronous=FULL (a committed ticket
// survives power loss), foreign keys, a busy timeout; then migrates.
// One writer: the hall service process. Danger: opening the same file from a
// second hall service would break numbering. Nothing here prevents it: the
// caller must hold the data folder's lock first (hall/runtime/data-lock.ts,
// taken by hall/wiring/storage.ts before the database is opened).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export class DatabaseNewerError extends Error {
  constructor(found: number, known: number) {
    super(`the hall database is at schema version ${found}, newer than this software (${known}); refusing to open it (upgrade ServiceHall)`);
    this.name = 'DatabaseNewerError';
  }
}

export function openDatabase(file: string, list: readonly Migration[] = migrations): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  return db;
}

/** Applies the migrations above the database's user_version, each in its own transaction. */
export function migrate(db: Db, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseNewerError(current, latest);
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
