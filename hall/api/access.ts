// Who is asking: the terminal (bearer token) and, for staff actions, the
// staff session. Contract: every write route calls one of these first, so
// there are no anonymous writes from the LAN.
import type { TerminalRole } from '../config/schema.js';
import type { StaffConfig } from '../config/schema.js';
import { verifyPin } from '../auth/pin.js';
import type { PinLockout, StaffSession, StaffSessions, TerminalIdentity, TerminalRegistry } from '../auth/tokens.js';
import { ApiError, type RequestContext } from './http.js';

export interface AccessDeps {
  terminals: TerminalRegistry;
  sessions: StaffSessions;
  lockout: PinLockout;
  staffByNo: Map<string, StaffConfig>;
  now(): number;
}

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

/** Checks a staff number and PIN, with lockout after repeated failures. */
export function checkCredentials(deps: AccessDeps, staffNo: string, pin: string): StaffConfig {
  const now = deps.now();
  if (deps.lockout.isLocked(staffNo, now)) throw new ApiError(429, 'locked', 'too many wrong PINs: try again in 5 minutes');
  const staff = deps.staffByNo.get(staffNo);
  if (!staff || !verifyPin(pin, staff.pinHash)) {
    deps.lockout.fail(staffNo, now);
    throw new ApiError(401, 'bad_credentials', 'staff number or PIN is wrong');
  }
  deps.lockout.succeed(staffNo);
  return staff;
}
