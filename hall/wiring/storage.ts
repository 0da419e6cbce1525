// Storage: the data-folder lock, then the SQLite database and the engine runtime on it.
// Opened first, closed last: everything else reads or writes through them.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { HallConfig } from '../config/schema.js';
import { hallSetupFrom } from '../config/setup.js';
import { secureHallFiles } from '../auth/hall-security.js';
import { openDatabase, type Db } from '../store/db.js';
import type { HallStore } from '../store/hall-store.js';
import { HallRuntime } from '../runtime/hall-runtime.js';
import { lockDataFolder } from '../runtime/data-lock.js';
import type { Timers } from '../runtime/timers.js';

export interface LockedDataFolder {
  /** Problems found at start to show the technician (loose file permissions). */
  warnings: string[];
  close(): void;
}

/** Takes the data folder (one hall per folder) and tightens its files' permissions. */
export function lockStorage(dataDir: string, configPath: string): LockedDataFolder {
  const unlock = lockDataFolder(dataDir);
  try {
    return { warnings: secureHallFiles(dataDir, configPath), close: unlock };
  } catch (err) {
    unlock();
    throw err;
  }
}

export interface OpenStorage {
  db: Db;
  runtime: HallRuntime;
  store: HallStore;
  /** Secret of the visitors' progress links (created once per data folder). */
  progressSecret: string;
  close(): void;
}

/**
 * Opens <data>/hall.sqlite and the runtime on it, and starts the runtime (its timers).
 * close() stops the timers and closes the database. Call only with the folder locked.
 */
export function openStorage(dataDir: string, config: HallConfig, timers: Timers): OpenStorage {
  const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
  let runtime: HallRuntime | null = null;
  const close = () => {
    runtime?.stop();
    db.close();
  };
  try {
    runtime = new HallRuntime(db, hallSetupFrom(config), timers);
    const store = runtime.store;
    if (!store.meta('progress_secret')) store.putMeta('progress_secret', randomBytes(32).toString('hex'));
    if (!store.meta('hall_id')) store.putMeta('hall_id', config.hall.id);
    runtime.start();
    return { db, runtime, store, progressSecret: store.meta('progress_secret')!, close };
  } catch (err) {
    close();
    throw err;
  }
}
