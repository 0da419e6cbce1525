// One hall service per data folder: a second one would issue the same
// numbers twice.
//
// The lock is an OS lock, not a pid in a file: <data>/hall.lock is a small
// SQLite file held with `PRAGMA locking_mode = EXCLUSIVE` and an open
// `BEGIN EXCLUSIVE` transaction. SQLite takes POSIX advisory (fcntl) locks on
// it, and the kernel drops those when the holding process dies in any way
// (kill -9, crash, power loss: after a reboot no lock exists). So a stale file
// — empty, garbage, an old pid-style lock, a pid reused by another process —
// never stops a start; only a live holder does.
//
// Dangers (POSIX lock semantics):
// - Closing ANY file descriptor of this process on hall.lock releases the
//   process's locks on it. Nothing else may open hall.lock: not the hall, not a
//   backup job in the same process. That is why it is a dedicated file and why
//   the same process refuses a second lock itself (heldHere) instead of trying.
// - Advisory locks do not work across network file systems reliably: keep the
//   data folder on a local disk.
// <data>/hall.pid holds the owner's pid for the error message only; it is
// never used to decide anything.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../../drivers/durable-file.js';

export class DataFolderLockedError extends Error {
  constructor(dir: string, pid: number | null) {
    const who = pid ? ` (pid ${pid} according to hall.pid)` : '';
    super(`the data folder ${dir} is in use by another hall service${who}; stop it first or use another --data folder`);
    this.name = 'DataFolderLockedError';
  }
}

/** Folders this process holds: a second hall service in the same process is refused too. */
const heldHere = new Set<string>();

function readPid(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'hall.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const sqliteCode = (err: unknown) => (err as { code?: string }).code ?? '';

/** Opens hall.lock and takes the exclusive lock; throws SQLITE_BUSY when a live process holds it. */
function take(file: string): Database.Database {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Never leave a journal file behind: the lock transaction writes nothing.
    db.pragma('journal_mode = OFF');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function lockDataFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'hall.lock');
  if (heldHere.has(file)) throw new DataFolderLockedError(dir, process.pid);
  // Create it 0600 before SQLite opens it; this descriptor is closed before any lock exists.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  let db: Database.Database;
  try {
    db = take(file);
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DataFolderLockedError(dir, readPid(dir));
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw err;
    // Not an SQLite file (an old "<pid>" lock, garbage after a crash). SQLite got its shared
    // lock before reading the header, so nobody held the file. Empty it in place — the same
    // inode, never unlink + recreate, so a racing starter still meets the lock of whoever
    // wins — and take it.
    fs.truncateSync(file, 0);
    try {
      db = take(file);
    } catch (again) {
      const c = sqliteCode(again);
      if (c === 'SQLITE_BUSY' || c === 'SQLITE_LOCKED') throw new DataFolderLockedError(dir, readPid(dir));
      throw again;
    }
  }
  heldHere.add(file);
  try {
    writeFileDurably(path.join(dir, 'hall.pid'), `${process.pid}\n`);
  } catch {
    // informational only
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    fs.rmSync(path.join(dir, 'hall.pid'), { force: true });
    db.close(); // rolls back the empty transaction and drops the OS lock
  };
}
