// Real-name tickets (实名取号): the identity bound to a ticket, kept only as
// long as it is needed. Contract:
//   - the ID number is stored encrypted, found again only through a keyed hash,
//     and shown only masked (150602********1234);
//   - bind() runs inside the transaction that issues the ticket;
//   - retention (docs/privacy.md): a row is kept through its ticket's service day plus
//     `retentionDays` whole service days, and deleted by the first purge() after that — at
//     the next day close or start-up. Counted in service days (the hall's day rule), never
//     from the issue time, with the retention configured now;
//   - purge() deletes securely: SQLite `secure_delete` (on for the hall's connection)
//     overwrites freed cells and pages with zeros, and a TRUNCATE checkpoint moves the pages into the database file and empties
//     the WAL, which still held the rows' old page images.
import type { Db } from '../store/db.js';
import type { IdentitySealer } from './sealer.js';
import { maskIdNumber } from '../../drivers/idcard/index.js';
import { serviceDayOf, type DayRule } from '../domain/index.js';
import { addDays } from '../domain/calendar/index.js';

export interface RetentionRule {
  dayRule: DayRule;
  /** realName.retentionDays: whole service days kept after the ticket's own. */
  retentionDays: number;
}

/** Epoch ms at which service day `date` begins under `rule`. */
export function serviceDayStart(date: string, rule: DayRule): number {
  return Date.parse(`${date}T00:00:00Z`) + (rule.dayStartsAtHour * 60 - rule.utcOffsetMinutes) * 60_000;
}

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
    private readonly db: Db,
    private readonly sealer: IdentitySealer,
    private readonly retention: RetentionRule,
  ) {
    this.insert = db.prepare(
      `INSERT INTO ticket_identities (ticket_id, service_day, matter_id, id_hash, id_cipher, masked, card_type, source, created_at, purge_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.count = db.prepare('SELECT COUNT(*) FROM ticket_identities WHERE service_day = ? AND id_hash = ? AND matter_id = ?').pluck();
    this.maskedOf = db.prepare('SELECT masked FROM ticket_identities WHERE ticket_id = ?').pluck();
    this.purgeStmt = db.prepare('DELETE FROM ticket_identities WHERE service_day < ?');
    // For the whole connection, not only around purge(): cells that move when a b-tree page
    // splits or merges would otherwise leave stale copies of identity rows in free space.
    db.pragma('secure_delete = ON');
  }

  ticketsToday(serviceDay: string, identity: VisitorIdentity, matterId: string): number {
    return this.count.get(serviceDay, this.sealer.blindIndex(identity.idNumber), matterId) as number;
  }

  /** purge_after records the deadline under today's retention (the start of the day after the last kept one). */
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
      serviceDayStart(addDays(serviceDay, retentionDays + 1), this.retention.dayRule),
    );
  }

  masked(ticketId: string): string | null {
    return (this.maskedOf.get(ticketId) as string | undefined) ?? null;
  }

  /** A keyed hash of an ID number (the blind index), for comparing requests without storing the number. */
  fingerprint(idNumber: string): string {
    return this.sealer.blindIndex(idNumber);
  }

  /** Deletes identities past their retention, securely (see the file's contract); returns how many. */
  purge(now: number): number {
    const keepFrom = addDays(serviceDayOf(now, this.retention.dayRule), -this.retention.retentionDays);
    const deleted = this.purgeStmt.run(keepFrom).changes;
    // Only when something was deleted: a checkpoint costs a write of the changed pages.
    if (deleted > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }
}
