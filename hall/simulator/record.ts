// Plays a SimDay through the real hall runtime into a SQLite file: the same
// code path as the hall service (decide → one transaction {append events,
// evolve, persist}), with a manual clock so a day takes well under a second.
// Used to make recorded days for tests and demos, and to check that a replay
// of such a file gives back the day that was played.
// Contract: writes only `file` (created and migrated if new); refuses a file
// that already holds events of the day, so a real hall's data is never mixed
// with simulated visitors.
import fs from 'node:fs';
import type { CallingPolicy, HallSetup } from '../domain/index.js';
import { HallRuntime } from '../runtime/hall-runtime.js';
import { ManualTimers } from '../runtime/timers.js';
import { openDatabase } from '../store/db.js';
import { loggedEvent } from '../store/event-log.js';
import type { SimDay } from './day.js';
import { setupWithPolicy } from './policies.js';
import { runDay, type Engine, type SimRun } from './run.js';

export function recordDay(day: SimDay, setup: HallSetup, policy: CallingPolicy, file: string): SimRun {
  const start = Math.min(day.arrivals[0]?.at ?? day.openAt, day.openAt, ...day.shifts.map((s) => s.from));
  if (fs.existsSync(file)) {
    const db = openDatabase(file);
    try {
      const n = db.prepare('SELECT COUNT(*) FROM events WHERE service_day = ?').pluck().get(day.serviceDay) as number;
      if (n > 0) throw new Error(`${file} already holds ${n} events of ${day.serviceDay}: record into a new file`);
    } finally {
      db.close();
    }
  }
  const db = openDatabase(file);
  const timers = new ManualTimers(start);
  const runtime = new HallRuntime(db, setupWithPolicy(setup, policy), timers);
  try {
    runtime.start();
    const engine: Engine = {
      get state() {
        return runtime.state;
      },
      execute(cmd, now) {
        if (now > timers.now()) timers.advance(now - timers.now());
        return runtime.execute(cmd).map(loggedEvent);
      },
    };
    return runDay(day, setup, policy, { engine });
  } finally {
    runtime.stop();
    db.close();
  }
}
