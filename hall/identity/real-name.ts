// Real-name tickets (实名取号): the identity bound to a ticket, kept only as
// long as it is needed. Contract:
//   - the ID number is stored encrypted, found again only through a keyed hash,
//     and shown only masked (150602********1234);
//   - bind() runs inside the transaction that issues the ticket;
//   - purge() deletes every row whose retention has passed.
import type { Db } from '../store/db.js';
import type { IdentitySealer } from './sealer.js';
import { maskIdNumber } from '../../drivers/idcard/index.js';

export interface VisitorIdentity {
  idNumber: string;
  cardType: string;
  source: 'card' | 'manual';
}

/** 张三丰 → 张*丰, 李四 → 李*: the hall display's masked-name form. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
}

export class RealNameTickets {
  private readonly insert;
  private readonly count;
  private readonly maskedOf;
  private readonly purgeStmt;

  constructor(
    db: Db,
    private readonly sealer: IdentitySealer,
  ) {
    this.insert = db.prepare(
      `INSERT INTO ticket_identities (ticket_id, service_day, matter_id, id_hash, id_cipher, masked, card_type, source, created_at, purge_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.count = db.prepare('SELECT COUNT(*) FROM ticket_identities WHERE service_day = ? AND id_hash = ? AND matter_id = ?').pluck();
    this.maskedOf = db.prepare('SELECT masked FROM ticket_identities WHERE ticket_id = ?').pluck();
    this.purgeStmt = db.prepare('DELETE FROM ticket_identities WHERE purge_after <= ?');
  }

  ticketsToday(serviceDay: string, identity: VisitorIdentity, matterId: string): number {
    return this.count.get(serviceDay, this.sealer.blindIndex(identity.idNumber), matterId) as number;
  }

  bind(ticketId: string, serviceDay: string, matterId: string, identity: VisitorIdentity, now: number, retentionDays: number): void {
    this.insert.run(
      ticketId,
      serviceDay,
      matterId,
      this.sealer.blindIndex(identity.idNumber),
      this.sealer.seal(identity.idNumber),
      maskIdNumber(identity.idNumber),
      identity.cardType,
      identity.source,
      now,
      now + retentionDays * 86_400_000,
    );
  }

  masked(ticketId: string): string | null {
    return (this.maskedOf.get(ticketId) as string | undefined) ?? null;
  }

  /** Deletes identities past their retention; returns how many. */
  purge(now: number): number {
    return this.purgeStmt.run(now).changes;
  }
}
