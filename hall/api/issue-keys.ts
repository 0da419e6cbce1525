// Idempotent ticket issuing (issue 10, defect 7): POST /api/v1/tickets may carry an
// `Idempotency-Key` header, one per visitor action. Contract:
//   - the key → ticket row is written by record() INSIDE the transaction that issues the
//     ticket (HallRuntime.execute's withinTransaction): either both exist or neither;
//   - a request whose key this kiosk already used today gets that same ticket back (and it is
//     delivered again) instead of a new one; the same key with a different request is 422;
//   - keys are per kiosk terminal and per service day: a key of an earlier day is forgotten;
//   - the fingerprint never holds a PIN or an ID number: a manual ID number enters as its blind
//     index (keyed by identity.key), a green-channel confirmation as category and staff number.
//     The PIN was checked when the ticket was issued; a replay returns that ticket and nothing more.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Db } from '../store/db.js';
import type { IssueTicketRequest } from './dto.js';
import { ApiError } from './http.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

/** The request's Idempotency-Key, or null without one; a malformed key is a 400. */
export function idempotencyKeyOf(req: IncomingMessage): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0]! : raw;
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–100 letters, digits or . _ : - (a UUID per visitor action)');
  }
  return key;
}

/** What the request asks for, hashed; `blindIndex` turns a manual ID number into its keyed hash. */
export function requestFingerprint(body: IssueTicketRequest, blindIndex: (idNumber: string) => string): string {
  const identity = body.identity
    ? body.identity.source === 'manual'
      ? { source: 'manual', id: blindIndex(body.identity.idNumber.trim().toUpperCase()) }
      : { source: 'card' }
    : null;
  const green = body.greenChannel ? { categoryId: body.greenChannel.categoryId, staffNo: body.greenChannel.staffNo } : null;
  return createHash('sha256').update(JSON.stringify({ matterId: body.matterId, green, identity })).digest('hex');
}

export class IssueKeys {
  private readonly findStmt;
  private readonly insertStmt;
  private readonly pruneStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare('SELECT ticket_id AS ticketId, request_hash AS requestHash FROM ticket_issue_keys WHERE kiosk_id = ? AND idempotency_key = ? AND service_day = ?');
    this.insertStmt = db.prepare(
      'INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.pruneStmt = db.prepare('DELETE FROM ticket_issue_keys WHERE service_day < ?');
  }

  find(kioskId: string, key: string, serviceDay: string): { ticketId: string; requestHash: string } | null {
    return (this.findStmt.get(kioskId, key, serviceDay) as { ticketId: string; requestHash: string } | undefined) ?? null;
  }

  /** Call inside the ticket's transaction. Forgets keys of earlier service days. */
  record(kioskId: string, key: string, serviceDay: string, requestHash: string, ticketId: string, now: number): void {
    this.pruneStmt.run(serviceDay);
    // A key of an earlier day with the same name was pruned just above; today's cannot exist (find() ran first).
    this.insertStmt.run(kioskId, key, serviceDay, requestHash, ticketId, now);
  }
}
