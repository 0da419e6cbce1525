// Call notes: for each counter, how its current ticket was called — the reason,
// the staff's special-call reason, and the counter's ratio streaks before and
// after the call — so the counter page can say "why this ticket" precisely
// (e.g. "比例 2:1 中第 1 个"); and which counter set each ticket aside (挂起).
// The engine keeps only the reason code; the rest is in the committed events,
// which this read model follows.
// Contract: observe() is fed every committed event in sequence order; rebuild()
// replays the current service day's events from the outbox after a restart.
// Danger: the streaks before a call are the streaks after the previous event
// that set them (a call, a sign-in, the day's close); if an event type that
// changes streaks is added to the engine, it must be followed here too.
import type { Db } from '../store/db.js';
import { eventFromRow, type EventRow, type StoredEvent } from '../store/event-log.js';

export interface Streaks {
  priority: number;
  walkIn: number;
}

export interface CallNote {
  ticketId: string;
  reason: string;
  specialReason: string | null;
  before: Streaks;
  after: Streaks;
}

const ZERO: Streaks = { priority: 0, walkIn: 0 };
const FOLLOWED = ['ticket_called', 'ticket_resumed', 'ticket_suspended', 'counter_signed_in', 'service_day_closed'] as const;

export class CallNotes {
  private readonly streaks = new Map<string, Streaks>();
  private readonly notes = new Map<string, CallNote>();
  /** ticket id → the counter that set it aside. */
  private readonly suspendedAt = new Map<string, string>();

  observe(e: StoredEvent): void {
    switch (e.type) {
      case 'ticket_called': {
        const p = e.payload;
        const before = this.streaks.get(p.counterId) ?? ZERO;
        // Events stored before the streaks and reasons were recorded lack them (read as 0 and in order).
        const after = { priority: p.priorityStreak ?? 0, walkIn: p.walkInStreak ?? 0 };
        this.notes.set(p.counterId, { ticketId: p.ticketId, reason: p.reason ?? 'in_order', specialReason: p.specialReason ?? null, before, after });
        this.streaks.set(p.counterId, after);
        break;
      }
      case 'ticket_resumed': {
        const s = this.streaks.get(e.payload.counterId) ?? ZERO;
        this.notes.set(e.payload.counterId, { ticketId: e.payload.ticketId, reason: 'resumed', specialReason: null, before: s, after: s });
        break;
      }
      case 'ticket_suspended':
        this.suspendedAt.set(e.payload.ticketId, e.payload.counterId);
        break;
      case 'counter_signed_in':
        this.streaks.set(e.payload.counterId, ZERO);
        break;
      case 'service_day_closed':
        this.streaks.clear();
        this.notes.clear();
        this.suspendedAt.clear();
        break;
    }
  }

  /** Replays the service day's calls, resumes and sign-ins (one indexed scan at start-up). */
  rebuild(db: Db, serviceDay: string): void {
    this.streaks.clear();
    this.notes.clear();
    this.suspendedAt.clear();
    const rows = db
      .prepare(`SELECT seq, id, type, service_day, at, payload FROM events WHERE service_day = ? AND type IN (${FOLLOWED.map(() => '?').join(',')}) ORDER BY seq`)
      .all(serviceDay, ...FOLLOWED) as EventRow[];
    for (const r of rows) this.observe(eventFromRow(r));
  }

  /** The counter that set `ticketId` aside most recently; null when unknown. */
  suspendedBy(ticketId: string): string | null {
    return this.suspendedAt.get(ticketId) ?? null;
  }

  /** How `ticketId` was called to `counterId`; null when the note is about another ticket (or lost). */
  of(counterId: string, ticketId: string): CallNote | null {
    const note = this.notes.get(counterId);
    return note && note.ticketId === ticketId ? note : null;
  }
}
