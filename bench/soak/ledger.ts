// What the hall acknowledged, and whether its data folder still holds it.
// Contract checked after every restart (the soak's whole point):
//   - every ticket acknowledged to a kiosk (a 2xx with a number) is stored, with the same
//     service day and number ("lost" otherwise);
//   - no number is handed out twice within a service day ("duplicated");
//   - no ticket is called twice by call-next ("called twice"), and every acknowledged
//     call is stored ("lost calls").
// Requests that got no answer (the hall was killed) prove nothing either way: a ticket may
// or may not exist for them, and that is allowed.
import Database from 'better-sqlite3';

export interface AckedTicket {
  id: string;
  serviceDay: string;
  number: string;
}

export interface LedgerCounts {
  acknowledged: number;
  callsAcknowledged: number;
  lost: number;
  lostCalls: number;
  duplicated: number;
  calledTwice: number;
}

export class Ledger {
  private readonly idOfNumber = new Map<string, string>();
  private readonly tickets = new Map<string, AckedTicket>();
  private readonly called = new Set<string>();
  private unverifiedTickets: AckedTicket[] = [];
  private unverifiedCalls: string[] = [];
  private readonly lostTickets = new Set<string>();
  private readonly lostCalls = new Set<string>();
  readonly counts: LedgerCounts = { acknowledged: 0, callsAcknowledged: 0, lost: 0, lostCalls: 0, duplicated: 0, calledTwice: 0 };
  /** A few concrete cases, for the report. */
  readonly examples: string[] = [];

  ticketAcknowledged(t: AckedTicket): void {
    this.counts.acknowledged++;
    const key = `${t.serviceDay}/${t.number}`;
    const earlier = this.idOfNumber.get(key);
    if (earlier !== undefined && earlier !== t.id) {
      this.counts.duplicated++;
      this.example(`duplicated: ${key} acknowledged for tickets ${earlier} and ${t.id}`);
    } else this.idOfNumber.set(key, t.id);
    this.tickets.set(t.id, t);
    this.unverifiedTickets.push(t);
  }

  callAcknowledged(ticketId: string, number: string): void {
    this.counts.callsAcknowledged++;
    if (this.called.has(ticketId)) {
      this.counts.calledTwice++;
      this.example(`called twice: ticket ${number} (${ticketId})`);
    } else this.called.add(ticketId);
    this.unverifiedCalls.push(ticketId);
  }

  /**
   * Checks what was acknowledged since the last check (or everything, with `all`) against
   * the SQLite file. Opens it read-only: safe while a hall process writes (WAL).
   * A ticket found missing once stays counted as lost (a set: checking again never counts
   * it twice). Returns how many new losses were found.
   */
  verify(dbFile: string, all = false): number {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const before = this.counts.lost + this.counts.lostCalls;
      const ticket = db.prepare('SELECT service_day AS serviceDay, number, called_at AS calledAt FROM tickets WHERE id = ?');
      const tickets = all ? [...this.tickets.values()] : this.unverifiedTickets;
      for (const t of tickets) {
        const row = ticket.get(t.id) as { serviceDay: string; number: string } | undefined;
        if ((!row || row.serviceDay !== t.serviceDay || row.number !== t.number) && !this.lostTickets.has(t.id)) {
          this.lostTickets.add(t.id);
          this.counts.lost = this.lostTickets.size;
          this.example(`lost: ${t.serviceDay}/${t.number} (${t.id}) ${row ? `stored as ${row.serviceDay}/${row.number}` : 'not stored'}`);
        }
      }
      const calls = all ? [...this.called] : this.unverifiedCalls;
      for (const id of calls) {
        const row = ticket.get(id) as { calledAt: number | null } | undefined;
        if ((!row || row.calledAt === null) && !this.lostCalls.has(id)) {
          this.lostCalls.add(id);
          this.counts.lostCalls = this.lostCalls.size;
          this.example(`lost call: ticket ${id} was acknowledged as called but is ${row ? 'not called' : 'not stored'}`);
        }
      }
      this.unverifiedTickets = [];
      this.unverifiedCalls = [];
      return this.counts.lost + this.counts.lostCalls - before;
    } finally {
      db.close();
    }
  }

  /**
   * Whole-database checks that do not depend on what this run saw: a number stored twice in
   * a day, a ticket with more than one ticket_called event (the soak never transfers,
   * rejoins or resumes, the only ways a ticket is legitimately called again).
   */
  static storedDuplicates(dbFile: string): { numbers: number; calls: number } {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const numbers = db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM tickets GROUP BY service_day, number HAVING COUNT(*) > 1)').pluck().get() as number;
      const calls = db
        .prepare("SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE type = 'ticket_called' GROUP BY json_extract(payload, '$.ticketId') HAVING COUNT(*) > 1)")
        .pluck()
        .get() as number;
      return { numbers, calls };
    } finally {
      db.close();
    }
  }

  private example(text: string): void {
    if (this.examples.length < 20) this.examples.push(text);
  }
}
