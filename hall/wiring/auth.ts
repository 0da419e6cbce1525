// Auth: terminals and their tokens, staff sessions, enrolment codes and the PIN policy.
// Nothing here holds an OS resource: close() is a no-op kept for the composition's shape.
import type { HallConfig } from '../config/schema.js';
import type { AccessDeps } from '../api/access.js';
import type { Db } from '../store/db.js';
import type { Timers } from '../runtime/timers.js';
import { StaffSessions, TerminalRegistry } from '../auth/tokens.js';
import { EnrolmentCodes } from '../auth/enrolment.js';
import { pinLockoutOf, pinVerifierOf } from '../auth/hall-security.js';

export interface HallAuth {
  terminals: TerminalRegistry;
  /** Terminal id → token of each configured terminal (never printed). */
  tokens: ReadonlyMap<string, string>;
  sessions: StaffSessions;
  enrolment: EnrolmentCodes;
  lockout: AccessDeps['lockout'];
  pins: NonNullable<AccessDeps['pins']>;
  staffByNo: AccessDeps['staffByNo'];
  close(): void;
}

export function openAuth(dataDir: string, db: Db, config: HallConfig, timers: Timers): HallAuth {
  const terminals = new TerminalRegistry(db);
  const tokens = terminals.registerConfigured(config.terminals, dataDir, timers.now());
  return {
    terminals,
    tokens,
    sessions: new StaffSessions(db),
    enrolment: new EnrolmentCodes(terminals, config.security.enrolment.codeMinutes * 60_000, () => timers.now()),
    lockout: pinLockoutOf(config),
    pins: pinVerifierOf(config),
    staffByNo: new Map(config.staff.map((s) => [s.staffNo, s])),
    close: () => undefined,
  };
}
