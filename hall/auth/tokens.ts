// Terminal tokens and staff sessions. Only SHA-256 hashes of tokens are kept in
// SQLite; a token is 32 random bytes, so a plain hash is enough (no brute force).
// The plain terminal tokens of configured terminals also live in
// <data>/terminals.json (mode 0600) so the hall can print page addresses again
// after a restart; deleting that file re-registers every terminal.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TerminalConfig, TerminalRole } from '../config/schema.js';
import type { Db } from '../store/db.js';

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
      saved = {}; // missing or unreadable: every terminal gets a fresh token
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
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(Object.fromEntries(tokens), null, 2), { mode: 0o600 });
    this.reload();
    return tokens;
  }

  private reload(): void {
    this.byHash.clear();
    for (const r of this.db.prepare('SELECT id, role, counter_id, token_hash FROM terminals').all() as { id: string; role: TerminalRole; counter_id: string | null; token_hash: string }[]) {
      this.byHash.set(r.token_hash, { id: r.id, role: r.role, counterId: r.counter_id });
    }
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

/** Five wrong PINs for one staff number lock it for five minutes. In memory: a restart forgives. */
export class PinLockout {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly lockMs = 5 * 60_000,
  ) {}

  isLocked(staffNo: string, now: number): boolean {
    return (this.failures.get(staffNo)?.lockedUntil ?? 0) > now;
  }

  fail(staffNo: string, now: number): void {
    const f = this.failures.get(staffNo) ?? { count: 0, lockedUntil: 0 };
    f.count += 1;
    if (f.count >= this.maxFailures) {
      f.lockedUntil = now + this.lockMs;
      f.count = 0;
    }
    this.failures.set(staffNo, f);
  }

  succeed(staffNo: string): void {
    this.failures.delete(staffNo);
  }
}
