// The hall's remote tickets (线上取号, docs/remote-tickets.md; hall migration 0012): what central relayed
// (inbox kind remote_ticket), found at the kiosk by code, QR or ID card, checked in, expired, and
// reported back to central.
// Contract: every write that goes with a hall event (a check-in) runs inside that event's
// transaction (the caller's runtime.execute callback); receive() is idempotent by id. A row's
// identity_hash is cleared when it leaves `pending`. reported_status trails status until central
// acknowledges (unreported() / markReported()).
// Dangers: identity_hash is a keyed hash of an ID number — never log or answer it.
import type { RemoteTicketMessage } from '../../protocol/central/remote-tickets.js';
import type { RemoteTicketSnapshot } from '../domain/commands.js';
import type { Db } from '../store/db.js';

export type RemoteStatus = RemoteTicketSnapshot['status'];

export interface RemoteTicketRow {
  id: string;
  code: string;
  matter_id: string;
  service_day: string;
  issued_at: number;
  check_in_until: number;
  identity_hash: string | null;
  status: RemoteStatus;
  ticket_id: string | null;
  ticket_number: string | null;
  status_at: number;
  reported_status: RemoteStatus | null;
  received_at: number;
}

export class RemoteTicketStore {
  constructor(private readonly db: Db) {}

  static snapshot(r: RemoteTicketRow): RemoteTicketSnapshot {
    return { id: r.id, matterId: r.matter_id, issuedAt: r.issued_at, checkInUntil: r.check_in_until, status: r.status };
  }

  /** Stores a relayed remote ticket; false when it was already stored (a repeated relay). */
  receive(m: RemoteTicketMessage, now: number): boolean {
    const r = this.db
      .prepare(
        `INSERT INTO remote_tickets (id, code, matter_id, service_day, issued_at, check_in_until, identity_hash, status, status_at, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(m.remoteTicketId, m.code, m.matterId, m.serviceDay, m.issuedAt, m.checkInUntil, m.hallIdentityHash, now, now);
    return r.changes === 1;
  }

  byId(id: string): RemoteTicketRow | null {
    return (this.db.prepare('SELECT * FROM remote_tickets WHERE id = ?').get(id) as RemoteTicketRow | undefined) ?? null;
  }

  byCode(code: string): RemoteTicketRow | null {
    return (this.db.prepare('SELECT * FROM remote_tickets WHERE code = ?').get(code) as RemoteTicketRow | undefined) ?? null;
  }

  /** Today's pending remote ticket of an identity (the card just read): the one whose window closes first. */
  pendingByIdentity(identityHash: string, serviceDay: string): RemoteTicketRow | null {
    return (
      (this.db
        .prepare("SELECT * FROM remote_tickets WHERE identity_hash = ? AND service_day = ? AND status = 'pending' ORDER BY check_in_until LIMIT 1")
        .get(identityHash, serviceDay) as RemoteTicketRow | undefined) ?? null
    );
  }

  /** Inside the check-in's transaction. */
  markCheckedIn(id: string, ticketId: string, ticketNumber: string, now: number): void {
    this.db
      .prepare("UPDATE remote_tickets SET status = 'checked_in', ticket_id = ?, ticket_number = ?, status_at = ?, identity_hash = NULL WHERE id = ? AND status = 'pending'")
      .run(ticketId, ticketNumber, now, id);
  }

  /** Expires every pending remote ticket whose window closed before `now`; returns their ids. */
  expireDue(now: number): string[] {
    return this.db.transaction(() => {
      const ids = this.db.prepare("SELECT id FROM remote_tickets WHERE status = 'pending' AND check_in_until < ?").pluck().all(now) as string[];
      this.db.prepare("UPDATE remote_tickets SET status = 'expired', status_at = ?, identity_hash = NULL WHERE status = 'pending' AND check_in_until < ?").run(now, now);
      return ids;
    })();
  }

  /** The earliest window still open, if any. */
  nextDue(): number | null {
    return (this.db.prepare("SELECT min(check_in_until) FROM remote_tickets WHERE status = 'pending'").pluck().get() as number | null) ?? null;
  }

  /** Check-ins committed with their ticket but not marked here (a stop between the two): marked now. */
  reconcile(now: number): number {
    return this.db
      .prepare(
        `UPDATE remote_tickets SET status = 'checked_in', status_at = ?, identity_hash = NULL,
           ticket_id = (SELECT t.id FROM tickets t WHERE t.remote_ticket_id = remote_tickets.id),
           ticket_number = (SELECT t.number FROM tickets t WHERE t.remote_ticket_id = remote_tickets.id)
         WHERE status = 'pending' AND EXISTS (SELECT 1 FROM tickets t WHERE t.remote_ticket_id = remote_tickets.id)`,
      )
      .run(now).changes;
  }

  unreported(limit: number): RemoteTicketRow[] {
    return this.db.prepare("SELECT * FROM remote_tickets WHERE reported_status IS NOT status AND status != 'pending' ORDER BY status_at LIMIT ?").all(limit) as RemoteTicketRow[];
  }

  markReported(id: string, status: RemoteStatus): void {
    this.db.prepare('UPDATE remote_tickets SET reported_status = ? WHERE id = ? AND status = ?').run(status, id, status);
  }
}
