// 帮办代办 (004 第二十四条; 000 第十二、二十八条; 001 第二十五条; 002 第二十六条): a guide (蓝马甲)
// takes a ticket for a visitor — or holds the one the visitor has — and accompanies them; and
// 代为认证 / 代为办理 for elderly visitors (004 第十一条), marked by the guide or the counter
// serving the ticket. Each mark is recorded once per ticket and kind, shown with the ticket
// and counted per service day for the manager.
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { AssistKind, Ticket } from '../domain/index.js';
import type { AssistDTO, AssistSummaryDTO } from '../api/service-records-dto.js';

interface AssistRow {
  ticket_id: string;
  ticket_number: string;
  service_day: string;
  staff_id: string;
  kind: AssistKind;
  at: number;
}

export class AssistBook {
  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly staffName: (staffId: string) => string | null,
  ) {}

  /** Records the marks not yet on the ticket (a mark twice is one mark); returns the ticket's help. */
  mark(ticket: Pick<Ticket, 'id' | 'number' | 'serviceDay'>, staffId: string, kinds: AssistKind[]): AssistDTO {
    const have = new Set(this.kindsOf(ticket.id));
    const fresh = [...new Set(kinds)].filter((k) => !have.has(k));
    if (fresh.length) {
      const now = this.runtime.timers.now();
      this.runtime.recordWith(
        fresh.map((kind) => ({ type: 'ticket_assisted', ticketId: ticket.id, number: ticket.number, staffId, kind }) as const),
        () => {
          const insert = this.db.prepare('INSERT INTO ticket_assists (id, ticket_id, ticket_number, service_day, staff_id, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
          for (const kind of fresh) insert.run(this.runtime.newId(), ticket.id, ticket.number, ticket.serviceDay, staffId, kind, now);
        },
      );
    }
    return this.of(ticket.id)!;
  }

  private kindsOf(ticketId: string): AssistKind[] {
    return this.db.prepare('SELECT kind FROM ticket_assists WHERE ticket_id = ? ORDER BY at').pluck().all(ticketId) as AssistKind[];
  }

  /** The help a ticket got, or null. */
  of(ticketId: string): AssistDTO | null {
    const rows = this.db.prepare('SELECT * FROM ticket_assists WHERE ticket_id = ? ORDER BY at').all(ticketId) as AssistRow[];
    return rows.length ? this.toDto(rows) : null;
  }

  /** One service day's help, per ticket, and the count of each kind. */
  day(serviceDay: string): AssistSummaryDTO {
    const rows = this.db.prepare('SELECT * FROM ticket_assists WHERE service_day = ? ORDER BY at').all(serviceDay) as AssistRow[];
    const counts: Record<AssistKind, number> = { accompany: 0, proxy_auth: 0, proxy_handle: 0 };
    const byTicket = new Map<string, AssistRow[]>();
    for (const r of rows) {
      counts[r.kind] += 1;
      byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);
    }
    return { serviceDay, counts, assists: [...byTicket.values()].map((rs) => this.toDto(rs)) };
  }

  private toDto(rows: AssistRow[]): AssistDTO {
    const first = rows[0]!;
    return {
      ticketId: first.ticket_id,
      number: first.ticket_number,
      serviceDay: first.service_day,
      staffId: first.staff_id,
      staffName: this.staffName(first.staff_id) ?? first.staff_id,
      kinds: rows.map((r) => r.kind),
      at: first.at,
    };
  }
}
