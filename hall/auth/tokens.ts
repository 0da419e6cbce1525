// Terminal tokens and staff sessions. Only SHA-256 hashes of tokens are kept in
// SQLite; a token is 32 random bytes, so a plain hash is enough (no brute force).
// The plain terminal tokens of configured terminals also live in
// <data>/terminals.json (mode 0600, data folder 0700): a terminal that enrols
// (hall/auth/enrolment.ts) receives its token from there, and the in-process
// master (Electron, tests) opens its pages with it. Deleting that file
// re-registers every terminal (each must enrol again).
// Contract: terminals.json is written atomically and durably, and only when a
// token or the set of terminals changed — a power cut at any moment leaves the
// old file or the new one, never a half-written one that re-issues every token.
// Danger: tokens are long-lived secrets; they are never printed or logged
// (main.ts prints one-time enrolment codes instead).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TerminalConfig, TerminalRole } from '../config/schema.js';
import type { Db } from '../store/db.js';
import { writeFileDurably } from '../../drivers/durable-file.js';

export interface TerminalIdentity {
  id: string;
  role: TerminalRole;
  counterId: string | null;
}

export interface StaffSession {
  staffId: string;
  counterId: string | null;
  terminalId: string;
  expiresAt: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export class TerminalRegistry {
  private readonly byHash = new Map<string, TerminalIdentity>();
  private plain = new Map<string, string>();

  constructor(private readonly db: Db) {}

  /**
   * Makes sure every configured terminal has a token. Returns terminal id → plain token.
   * Terminals no longer in the configuration lose their registration.
   */
  registerConfigured(terminals: TerminalConfig[], dataDir: string, now: number): Map<string, string> {
    const file = path.join(dataDir, 'terminals.json');
    let saved: Record<string, string> = {};
    try {
      saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      saved = {}; // missing or unreadable: every terminal gets a fresh token (and must enrol again)
    }
    const tokens = new Map<string, string>();
    const existing = this.db.prepare('SELECT token_hash FROM terminals WHERE id = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO terminals (id, role, counter_id, token_hash, registered_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET role = excluded.role, counter_id = excluded.counter_id, token_hash = excluded.token_hash`,
    );
    this.db.transaction(() => {
      const ids = terminals.map((t) => t.id);
      this.db.prepare(`DELETE FROM terminals WHERE id NOT IN (${ids.map(() => '?').join(',')})`).run(...ids);
      for (const t of terminals) {
        const known = saved[t.id];
        const token = known && existing.get(t.id) === hash(known) ? known : newToken();
        upsert.run(t.id, t.role, t.counterId ?? null, hash(token), now);
        tokens.set(t.id, token);
      }
    })();
    const unchanged = Object.keys(saved).length === tokens.size && [...tokens].every(([id, token]) => saved[id] === token);
    if (!unchanged) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileDurably(file, JSON.stringify(Object.fromEntries(tokens), null, 2));
    }
    this.plain = tokens;
    this.reload();
    return tokens;
  }

  /** A configured terminal's long-lived token (for enrolment and the in-process master); null when unknown. */
  tokenOf(terminalId: string): string | null {
    return this.plain.get(terminalId) ?? null;
  }

  private reload(): void {
    this.byHash.clear();
    for (const r of this.db.prepare('SELECT id, role, counter_id, token_hash FROM terminals').all() as { id: string; role: TerminalRole; counter_id: string | null; token_hash: string }[]) {
      this.byHash.set(r.token_hash, { id: r.id, role: r.role, counterId: r.counter_id });
    }
  }

  identityOf(terminalId: string): TerminalIdentity | null {
    for (const t of this.byHash.values()) if (t.id === terminalId) return t;
    return null;
  }

  authenticate(token: string | undefined | null): TerminalIdentity | null {
    if (!token) return null;
    return this.byHash.get(hash(token)) ?? null;
  }
}

export class StaffSessions {
  private readonly insert;
  private readonly find;
  private readonly remove;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, counter_id, terminal_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.find = db.prepare('SELECT staff_id, counter_id, terminal_id, expires_at FROM staff_sessions WHERE token_hash = ?');
    this.remove = db.prepare('DELETE FROM staff_sessions WHERE token_hash = ? OR expires_at < ?');
  }

  create(session: StaffSession, now: number): string {
    const token = newToken();
    this.insert.run(hash(token), session.staffId, session.counterId, session.terminalId, now, session.expiresAt);
    return token;
  }

  resolve(token: string | undefined | null, now: number): StaffSession | null {
    if (!token) return null;
    const r = this.find.get(hash(token)) as { staff_id: string; counter_id: string | null; terminal_id: string; expires_at: number } | undefined;
    if (!r || r.expires_at <= now) return null;
    return { staffId: r.staff_id, counterId: r.counter_id, terminalId: r.terminal_id, expiresAt: r.expires_at };
  }

  end(token: string, now: number): void {
    this.remove.run(hash(token), now);
  }
}

export interface LockoutPolicy {
  staffMaxFailures: number;
  terminalMaxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { staffMaxFailures: 5, terminalMaxFailures: 10, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };

/**
 * Wrong-PIN limits, in memory (a restart forgives). Counters are kept per key; a key reaching
 * its limit within the window is locked for lockMs. access.ts decides the keys of a check:
 * - "terminal:<id>": every wrong PIN at that terminal, whatever the staff number (stops
 *   guesses spread across all staff numbers);
 * - "staff:<no>@<terminal id>" at one of the staff member's own terminals, "staff:<no>@*"
 *   at every other terminal: a flood from a kiosk locks that staff number at kiosks and
 *   other terminals, never at their own counter or admin terminal (docs/security.md).
 * Danger: keys for unknown staff numbers are created too (they must look like known ones);
 * prune() bounds the map.
 */
export class PinLockout {
  private readonly entries = new Map<string, { count: number; windowStart: number; lockedUntil: number }>();
  private readonly policy: LockoutPolicy;

  constructor(policy: Partial<LockoutPolicy> = {}) {
    this.policy = { ...defaultLockoutPolicy, ...policy };
  }

  /** The latest time until which any of `keys` is locked; 0 when none is. */
  lockedUntil(keys: string[], now: number): number {
    return Math.max(0, ...keys.map((k) => this.entries.get(k)?.lockedUntil ?? 0).filter((t) => t > now));
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) {
      const limit = key.startsWith('terminal:') ? this.policy.terminalMaxFailures : this.policy.staffMaxFailures;
      let e = this.entries.get(key);
      if (!e || now - e.windowStart > this.policy.windowMs) e = { count: 0, windowStart: now, lockedUntil: e?.lockedUntil ?? 0 };
      e.count += 1;
      if (e.count >= limit) {
        e.lockedUntil = now + this.policy.lockMs;
        e.count = 0;
        e.windowStart = now;
      }
      this.entries.set(key, e);
    }
    if (this.entries.size > 10_000) this.prune(now);
  }

  /** A right PIN clears the staff member's counter for that place; terminal counters only decay. */
  succeed(keys: string[]): void {
    for (const key of keys) if (!key.startsWith('terminal:')) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (e.lockedUntil <= now && now - e.windowStart > this.policy.windowMs) this.entries.delete(k);
  }
}
