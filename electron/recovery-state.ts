// What the crash recovery must remember across runs of the terminal, in
// <userData>/recovery-state.json:
//   softwareRendering  true after repeated GPU crashes: the next runs start with
//                      hardware acceleration off (delete the file to try the GPU again)
//   mainCrashes        instants (ms) of recent main-process crashes, for the hourly cap
// A missing, empty or damaged file reads as the defaults (a power cut must never
// stop a terminal from starting); writes go to a temporary file, fsync, rename.
import fs from 'node:fs';
import path from 'node:path';
import { withinHour } from './recovery.js';

export const RECOVERY_STATE_FILE = 'recovery-state.json';

export interface RecoveryState {
  softwareRendering: boolean;
  mainCrashes: number[];
}

export const emptyRecoveryState: Readonly<RecoveryState> = { softwareRendering: false, mainCrashes: [] };

/** Parses the file's text; anything unusable becomes the defaults, field by field. */
export function parseRecoveryState(text: string | null): RecoveryState {
  if (text === null) return { ...emptyRecoveryState, mainCrashes: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...emptyRecoveryState, mainCrashes: [] };
  }
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const crashes = Array.isArray(record.mainCrashes) ? record.mainCrashes.filter((t): t is number => Number.isFinite(t)) : [];
  return { softwareRendering: record.softwareRendering === true, mainCrashes: crashes };
}

/** Records a main-process crash at `now`, keeping only the last hour. */
export function withMainCrash(state: RecoveryState, now: number): RecoveryState {
  return { ...state, mainCrashes: [...withinHour(state.mainCrashes, now), now] };
}

export function recoveryStatePath(userDataDir: string): string {
  return path.join(userDataDir, RECOVERY_STATE_FILE);
}

/** Atomic and durable: a power cut leaves the old file or the new one, never half of one. */
export function writeRecoveryState(filePath: string, state: RecoveryState): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(state)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, filePath);
}
