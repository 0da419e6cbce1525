// One-time enrolment codes: how a terminal gets its long-lived token without
// anyone printing or copying that token. The manager (admin page) or the
// hall's start (hall/main.ts) makes a code for one terminal; the terminal sends
// {terminalId, code} to POST /api/v1/enrol and receives its token.
// Contract:
// - a code is 8 Crockford base32 characters (40 bits), shown as "ABCD-EFGH";
//   typing is forgiving (case, spaces, dashes, O→0, I/L→1);
// - it works once, for the one terminal it was made for, until it expires
//   (security.enrolment.codeMinutes, 30 by default);
// - only a SHA-256 hash of terminal id + code is kept, in memory: a restart
//   voids every unused code (the start prints fresh ones);
// - a used or expired code is remembered (by hash) for one more lifetime so the
//   terminal can say which it was; then it reads as a wrong code.
// Danger: failures are limited per client address by the caller (routes).
import { createHash, randomInt } from 'node:crypto';
import type { TerminalIdentity, TerminalRegistry } from './tokens.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type RedeemResult =
  | { ok: true; token: string; terminal: TerminalIdentity }
  | { ok: false; reason: 'used' | 'expired' | 'wrong' };

export interface EnrolmentCode {
  terminalId: string;
  /** Shown once: "ABCD-EFGH". */
  code: string;
  expiresAt: number;
}

/** Upper case, separators removed, look-alikes mapped (O→0, I/L→1); null when it cannot be a code. */
export function normalizeEnrolmentCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 8 || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

const keyOf = (terminalId: string, normalized: string) => createHash('sha256').update(`${terminalId}\n${normalized}`).digest('hex');

export class EnrolmentCodes {
  private readonly codes = new Map<string, { terminalId: string; expiresAt: number; usedAt: number | null }>();

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  /** A fresh code for a configured terminal. Earlier codes stay valid until used or expired. */
  create(terminalId: string): EnrolmentCode {
    if (!this.registry.identityOf(terminalId)) throw new Error(`no terminal "${terminalId}" in the hall configuration`);
    this.prune();
    let normalized = '';
    for (let i = 0; i < 8; i++) normalized += ALPHABET[randomInt(ALPHABET.length)];
    const expiresAt = this.now() + this.lifetimeMs;
    this.codes.set(keyOf(terminalId, normalized), { terminalId, expiresAt, usedAt: null });
    return { terminalId, code: `${normalized.slice(0, 4)}-${normalized.slice(4)}`, expiresAt };
  }

  /** Exchanges a code for the terminal's token; marks the code used. */
  redeem(terminalId: string, code: string): RedeemResult {
    const normalized = normalizeEnrolmentCode(code);
    if (!normalized) return { ok: false, reason: 'wrong' };
    const entry = this.codes.get(keyOf(terminalId, normalized));
    if (!entry || entry.terminalId !== terminalId) return { ok: false, reason: 'wrong' };
    if (entry.usedAt !== null) return { ok: false, reason: 'used' };
    const now = this.now();
    if (entry.expiresAt <= now) return { ok: false, reason: 'expired' };
    const terminal = this.registry.identityOf(terminalId);
    const token = this.registry.tokenOf(terminalId);
    if (!terminal || !token) return { ok: false, reason: 'wrong' }; // the terminal left the configuration
    entry.usedAt = now;
    return { ok: true, token, terminal };
  }

  private prune(): void {
    const now = this.now();
    for (const [k, e] of this.codes) if (e.expiresAt + this.lifetimeMs <= now) this.codes.delete(k);
  }
}
