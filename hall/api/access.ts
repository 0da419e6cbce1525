// Who is asking: the terminal (bearer token) and, for staff actions, the
// staff session. Contract: every write route calls one of these first, so
// there are no anonymous writes from the LAN.
import type { TerminalRole } from '../config/schema.js';
import type { StaffConfig } from '../config/schema.js';
import { PinVerifier } from '../auth/pin.js';
import type { PinLockout, StaffSession, StaffSessions, TerminalIdentity, TerminalRegistry } from '../auth/tokens.js';
import { ApiError, type RequestContext } from './http.js';

export interface AccessDeps {
  terminals: TerminalRegistry;
  sessions: StaffSessions;
  lockout: PinLockout;
  staffByNo: Map<string, StaffConfig>;
  /** PIN checks with the hall's policy (security section); absent: cost 14, 4-digit minimum. */
  pins?: PinVerifier;
  now(): number;
}

let defaultVerifier: PinVerifier | null = null;

export function bearerOf(ctx: RequestContext): string | null {
  const h = ctx.req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

export function terminalOf(deps: AccessDeps, ctx: RequestContext, ...roles: TerminalRole[]): TerminalIdentity {
  const t = deps.terminals.authenticate(bearerOf(ctx));
  if (!t) throw new ApiError(401, 'unauthenticated', 'a registered terminal token is required (Authorization: Bearer …)');
  if (roles.length && !roles.includes(t.role)) throw new ApiError(403, 'forbidden', `a ${t.role} terminal may not do this`);
  return t;
}

/** The terminal must belong to `counterId` (admins may look at any counter). */
export function ownCounter(t: TerminalIdentity, counterId: string, allowAdmin = false): void {
  if (allowAdmin && t.role === 'admin') return;
  if (t.counterId !== counterId) throw new ApiError(403, 'forbidden', `terminal ${t.id} does not belong to counter ${counterId}`);
}

/** The staff session sent with the request; it must have been opened on this same terminal. */
export function staffSessionOf(deps: AccessDeps, ctx: RequestContext, terminal: TerminalIdentity): StaffSession {
  const header = ctx.req.headers['x-staff-session'];
  const session = deps.sessions.resolve(Array.isArray(header) ? header[0] : header, deps.now());
  if (!session || session.terminalId !== terminal.id) {
    throw new ApiError(401, 'unauthenticated', 'staff sign-in required (X-Staff-Session), or the session expired');
  }
  return session;
}

/**
 * Whether `terminal` is one of the staff member's own: a counter terminal for counter staff,
 * an admin terminal for managers and admins. Wrong PINs there are counted apart from the
 * rest of the hall, so a flood from a kiosk cannot lock them out of their own desk.
 */
export function isOwnTerminal(staff: StaffConfig | undefined, terminal: TerminalIdentity): boolean {
  if (!staff) return false;
  if (terminal.role === 'counter') return staff.roles.includes('counter');
  if (terminal.role === 'admin') return staff.roles.some((r) => r === 'admin' || r === 'manager');
  return false;
}

/**
 * Checks a staff number and PIN entered at `terminal`, with the limits of PinLockout.
 * Contract: a known and an unknown staff number take the same path — one scrypt each
 * (unknown ones against a dummy hash), the same counters, the same answer.
 */
export function checkCredentials(deps: AccessDeps, terminal: TerminalIdentity, staffNo: string, pin: string): StaffConfig {
  const now = deps.now();
  const pins = deps.pins ?? (defaultVerifier ??= new PinVerifier());
  if (!/^\d+$/.test(pin) || pin.length < pins.minLength || pin.length > 12) {
    throw new ApiError(400, 'pin_policy', `PINs in this hall have ${pins.minLength} to 12 digits`);
  }
  const staff = deps.staffByNo.get(staffNo);
  const keys = [`terminal:${terminal.id}`, `staff:${staffNo}@${isOwnTerminal(staff, terminal) ? terminal.id : '*'}`];
  const until = deps.lockout.lockedUntil(keys, now);
  if (until > now) {
    // Tries against a lock still count for the terminal: a kiosk that keeps guessing locks itself.
    deps.lockout.fail(keys.slice(0, 1), now);
    const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
    throw new ApiError(429, 'locked', `too many wrong PINs: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
  }
  if (!pins.verify(pin, staff?.pinHash ?? null) || !staff) {
    deps.lockout.fail(keys, now);
    throw new ApiError(401, 'bad_credentials', 'staff number or PIN is wrong');
  }
  deps.lockout.succeed(keys);
  return staff;
}
