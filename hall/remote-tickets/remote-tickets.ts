// Remote tickets at the hall (线上取号, docs/remote-tickets.md): check-in at the kiosk and expiry.
// Contract:
//   - checkIn() finds the remote ticket by code, by the QR text `servicehall:remote:<CODE>` or by the
//     ID card just read (its keyed hash under the key shared with central, protocol/central/
//     remote-tickets.ts hallIdentityKey), then runs the engine's check_in_remote with the hall's
//     placement and maxSharePercent; the row is marked checked in inside the event's transaction.
//     A code the hall does not hold (not relayed yet: offline) is 404 unknown_remote_ticket, whose
//     message says so and that a normal ticket can be taken at once.
//   - The expiry sweep runs at start, at the earliest open window's end and at least every minute
//     (injected timers): a remote ticket not checked in by its checkInUntil becomes `expired` — a
//     no-show central counts against the visitor (reported by central-link.ts).
//   - onChange() is called after each check-in or expiry (the central link posts the outcome).
// Dangers: never log the card's ID number or a hash of it.
import { ApiError } from '../api/http.js';
import type { HallConfig } from '../config/schema.js';
import { DomainError } from '../domain/errors.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { Timers } from '../runtime/timers.js';
import type { Db } from '../store/db.js';
import { hallIdentityKey, identityHash, normalizeIdNumber, REMOTE_QR_PREFIX, tokenHashOf } from '../../protocol/central/remote-tickets.js';
import { RemoteTicketStore, type RemoteTicketRow } from './store.js';

const SWEEP_EVERY_MS = 60_000;

export type RemoteLookup = { method: 'code'; code: string } | { method: 'qr'; text: string } | { method: 'card'; idNumber: string };

/** A typed code or a QR text as a remote-ticket code (upper case, no spaces or dashes); null when it is not one. */
export function remoteCodeOf(lookup: { method: 'code'; code: string } | { method: 'qr'; text: string }): string | null {
  const raw = lookup.method === 'code' ? lookup.code : lookup.text.trim().toLowerCase().startsWith(REMOTE_QR_PREFIX) ? lookup.text.trim().slice(REMOTE_QR_PREFIX.length) : lookup.text;
  const code = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{4,16}$/.test(code) ? code : null;
}

export interface RemoteTicketsDeps {
  db: Db;
  runtime: HallRuntime;
  config: HallConfig;
  timers: Timers;
  /** The hall token (read at each use), for card check-in; null: no central, card check-in finds nothing. */
  token: () => string | null;
  log: (line: string) => void;
}

export class RemoteTickets {
  readonly store: RemoteTicketStore;
  private timer: { cancel(): void } | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: RemoteTicketsDeps) {
    this.store = new RemoteTicketStore(deps.db);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  start(): void {
    if (this.store.reconcile(this.deps.timers.now()) > 0) this.changed();
    this.sweep();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Expires what is due, then re-arms. */
  sweep(): string[] {
    if (this.stopped) return [];
    const now = this.deps.timers.now();
    const expired = this.store.expireDue(now);
    if (expired.length > 0) {
      this.deps.log(`remote tickets expired (not checked in within their window): ${expired.length}`);
      this.changed();
    }
    this.timer?.cancel();
    const due = this.store.nextDue();
    this.timer = this.deps.timers.at(Math.min(now + SWEEP_EVERY_MS, due === null ? Infinity : due + 1), () => void this.sweep());
    return expired;
  }

  private find(lookup: RemoteLookup): RemoteTicketRow {
    if (lookup.method === 'card') {
      const token = this.deps.token();
      const id = normalizeIdNumber(lookup.idNumber);
      const row = token && id ? this.store.pendingByIdentity(identityHash(hallIdentityKey(tokenHashOf(token)), id), this.deps.runtime.state.serviceDay) : null;
      if (!row) throw new ApiError(404, 'unknown_remote_ticket', 'no remote ticket of today for the ID card just read has reached this hall (if it was just taken, it may not have arrived yet): a normal ticket can be taken now');
      return row;
    }
    const code = remoteCodeOf(lookup);
    if (!code) throw new ApiError(400, 'invalid_code', 'a remote-ticket code is 8 letters or digits');
    const row = this.store.byCode(code);
    if (!row) throw new ApiError(404, 'unknown_remote_ticket', `remote ticket ${code} has not reached this hall (if it was just taken, it may not have arrived yet): a normal ticket can be taken now`);
    return row;
  }

  /** Checks a remote ticket in; returns the new ticket's id. Refusals are ApiError / DomainError with facts. */
  checkIn(lookup: RemoteLookup, kioskId: string, greenCategory: string | null): { ticketId: string; remote: RemoteTicketRow } {
    const row = this.find(lookup);
    if (row.status === 'checked_in') throw new DomainError('already_checked_in', `remote ticket ${row.code} is already checked in`, row.ticket_number ? { number: row.ticket_number } : {});
    if (row.status !== 'pending') throw new DomainError('remote_not_pending', `remote ticket ${row.code} is ${row.status}`, { status: row.status, checkInUntil: row.check_in_until });
    const { placement, maxSharePercent } = this.deps.config.remoteTickets;
    const ticketId = this.deps.runtime.newId();
    const now = this.deps.timers.now();
    this.deps.runtime.execute({ type: 'check_in_remote', ticketId, kioskId, remote: RemoteTicketStore.snapshot(row), greenCategory, placement, maxSharePercent }, (stored) => {
      const issued = stored.find((e) => e.type === 'ticket_issued');
      if (issued?.type === 'ticket_issued') this.store.markCheckedIn(row.id, ticketId, issued.payload.number, now);
    });
    this.changed();
    return { ticketId, remote: this.store.byId(row.id)! };
  }
}
