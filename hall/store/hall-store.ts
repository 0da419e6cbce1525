// Persists what the engine changed, and rebuilds the engine's state at start.
// Contract: persist() is called inside the transaction that appends the
// events; loadState() returns exactly the state those commits describe.
import { emptyState, recordServiceTime, restoreTicket, type Changes, type CounterState, type HallEvent, type HallSetup, type HallState, type RatingRequest, type Ticket } from '../domain/index.js';
import type { Db } from './db.js';

interface TicketRow {
  id: string;
  service_day: string;
  number: string;
  queue_id: string;
  matter_id: string;
  ticket_class: Ticket['ticketClass'];
  green_category: string | null;
  status: Ticket['status'];
  issued_at: number;
  issue_seq: number;
  kiosk_id: string | null;
  counter_id: string | null;
  staff_id: string | null;
  called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  recall_count: number;
  transfer_count: number;
  line_key: number;
  line_seq: number;
  target_counter_id: string | null;
  appointment_id: string | null;
  last_called_at: number | null;
  rejoin_count: number;
  suspend_reason: string | null;
  suspended_until: number | null;
  remote_ticket_id?: string | null;
}

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: r.number,
    serviceDay: r.service_day,
    queueId: r.queue_id,
    matterId: r.matter_id,
    ticketClass: r.ticket_class,
    greenCategory: r.green_category,
    status: r.status,
    issuedAt: r.issued_at,
    issueSeq: r.issue_seq,
    kioskId: r.kiosk_id,
    counterId: r.counter_id,
    staffId: r.staff_id,
    calledAt: r.called_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    recallCount: r.recall_count,
    transferCount: r.transfer_count,
    lineKey: r.line_key,
    lineSeq: r.line_seq,
    targetCounterId: r.target_counter_id,
    appointmentId: r.appointment_id,
    lastCalledAt: r.last_called_at,
    rejoinCount: r.rejoin_count,
    suspendReason: r.suspend_reason,
    suspendedUntil: r.suspended_until,
    remoteTicketId: r.remote_ticket_id ?? null,
  };
}

interface RatingRow {
  id: string;
  ticket_id: string;
  counter_id: string;
  staff_id: string | null;
  matter_id: string;
  requested_at: number;
  expires_at: number;
  outcome: RatingRequest['outcome'];
  source: RatingRequest['source'];
  rated_at: number | null;
}

export function ratingFromRow(r: RatingRow): RatingRequest {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    counterId: r.counter_id,
    staffId: r.staff_id,
    matterId: r.matter_id,
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    outcome: r.outcome,
    source: r.source,
    ratedAt: r.rated_at,
  };
}

export class HallStore {
  private readonly upsertTicket;
  private readonly upsertCounter;
  private readonly upsertRating;
  private readonly setMeta;
  private readonly getMeta;
  private readonly setDayNumber;
  private readonly markCheckedIn;

  constructor(private readonly db: Db) {
    this.upsertTicket = db.prepare(`
      INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, green_category, status, issued_at, issue_seq,
                           kiosk_id, counter_id, staff_id, called_at, started_at, ended_at, recall_count, transfer_count,
                           line_key, line_seq, target_counter_id, appointment_id, last_called_at, rejoin_count, suspend_reason, suspended_until, remote_ticket_id)
      VALUES (@id, @serviceDay, @number, @queueId, @matterId, @ticketClass, @greenCategory, @status, @issuedAt, @issueSeq,
              @kioskId, @counterId, @staffId, @calledAt, @startedAt, @endedAt, @recallCount, @transferCount,
              @lineKey, @lineSeq, @targetCounterId, @appointmentId, @lastCalledAt, @rejoinCount, @suspendReason, @suspendedUntil, @remoteTicketId)
      ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, status = excluded.status, counter_id = excluded.counter_id,
        staff_id = excluded.staff_id, called_at = excluded.called_at, started_at = excluded.started_at, ended_at = excluded.ended_at,
        recall_count = excluded.recall_count, transfer_count = excluded.transfer_count, line_key = excluded.line_key, line_seq = excluded.line_seq,
        target_counter_id = excluded.target_counter_id, last_called_at = excluded.last_called_at, rejoin_count = excluded.rejoin_count,
        suspend_reason = excluded.suspend_reason, suspended_until = excluded.suspended_until`);
    this.upsertCounter = db.prepare(`
      INSERT INTO counters (id, staff_id, status, current_ticket_id, priority_streak, walk_in_streak, paused_at, last_call_reason)
      VALUES (@id, @staffId, @status, @currentTicketId, @priorityStreak, @walkInStreak, @pausedAt, @lastCallReason)
      ON CONFLICT (id) DO UPDATE SET staff_id = excluded.staff_id, status = excluded.status, current_ticket_id = excluded.current_ticket_id,
        priority_streak = excluded.priority_streak, walk_in_streak = excluded.walk_in_streak, paused_at = excluded.paused_at,
        last_call_reason = excluded.last_call_reason`);
    this.upsertRating = db.prepare(`
      INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at)
      VALUES (@id, @ticketId, @counterId, @staffId, @matterId, @serviceDay, @requestedAt, @expiresAt, @outcome, @source, @ratedAt)
      ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, source = excluded.source, rated_at = excluded.rated_at`);
    this.setMeta = db.prepare('INSERT INTO hall_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.getMeta = db.prepare('SELECT value FROM hall_meta WHERE key = ?').pluck();
    this.setDayNumber = db.prepare(
      'INSERT INTO day_numbers (service_day, queue_id, last_number) VALUES (?, ?, ?) ON CONFLICT (service_day, queue_id) DO UPDATE SET last_number = excluded.last_number',
    );
    this.markCheckedIn = db.prepare("UPDATE appointments SET status = 'checked_in', ticket_id = ?, updated_at = ? WHERE id = ?");
  }

  meta(key: string): string | undefined {
    return this.getMeta.get(key) as string | undefined;
  }

  /** Any stored ticket by id, of any service day (the state holds today's only); null if none. */
  ticket(id: string): Ticket | null {
    const row = this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    return row ? ticketFromRow(row) : null;
  }

  putMeta(key: string, value: string): void {
    this.setMeta.run(key, value);
  }

  /** Writes what one event changed. `serviceDay` is the day the event belongs to. */
  persist(event: HallEvent, changes: Changes, state: HallState, serviceDay: string): void {
    for (const t of changes.tickets) this.upsertTicket.run({ ...t, remoteTicketId: t.remoteTicketId ?? null });
    for (const c of changes.counters) this.upsertCounter.run({ ...c, lastCallReason: state.lastCallReason.get(c.id) ?? null });
    for (const r of changes.ratings) this.upsertRating.run({ ...r, serviceDay });
    if (event.type === 'ticket_issued') {
      this.setDayNumber.run(serviceDay, event.queueId, event.queueNumber);
      this.setMeta.run('next_issue_seq', String(state.nextIssueSeq));
    }
    if (event.type === 'service_day_closed') this.setMeta.run('service_day', event.nextServiceDay);
    if (event.type === 'ticket_issued' && event.appointmentId) this.markCheckedIn.run(event.ticketId, event.issuedAt, event.appointmentId);
  }

  /** Rebuilds the engine state from the tables: the current service day's tickets, counters, open ratings. */
  loadState(setup: HallSetup, fallbackDay: string): HallState {
    // The day the stored state belongs to. Without the meta (a hall that never ran across a
    // day boundary), the latest day with tickets: decide() then closes it properly.
    const latestTicketDay = this.db.prepare('SELECT max(service_day) FROM tickets').pluck().get() as string | null;
    const serviceDay = this.meta('service_day') ?? latestTicketDay ?? fallbackDay;
    const state = emptyState(setup, serviceDay);
    state.nextIssueSeq = Number(this.meta('next_issue_seq') ?? '1');
    // The appointment's slot comes back with its ticket: an on-time check-in keeps its slot promise (hall/domain/call-deadlines.ts).
    const tickets = this.db
      .prepare('SELECT t.*, a.slot_start AS appointment_slot_start FROM tickets t LEFT JOIN appointments a ON a.id = t.appointment_id WHERE t.service_day = ? ORDER BY t.issue_seq')
      .all(serviceDay) as (TicketRow & { appointment_slot_start: number | null })[];
    for (const row of tickets) {
      const t = ticketFromRow(row);
      const slot = row.appointment_slot_start;
      t.slotStart = t.ticketClass === 'appointment' && slot !== null && t.issuedAt <= slot + setup.rules.appointmentLateMinutes * 60_000 ? slot : null;
      // Transferred to a counter that left the configuration: back to its queue, keeping its place.
      if (t.targetCounterId !== null && !setup.counters.has(t.targetCounterId)) t.targetCounterId = null;
      if (setup.queues.has(t.queueId)) restoreTicket(state, t);
      else {
        // Its queue left the configuration: kept (and its deadline kept), but nobody can call it.
        state.tickets.set(t.id, t);
        if (t.status === 'suspended') state.suspended.add(t.id);
      }
      if (t.appointmentId === null) state.walkInIssued.set(t.queueId, (state.walkInIssued.get(t.queueId) ?? 0) + 1);
    }
    // Today's finished services feed the wait estimate again, oldest first.
    for (const t of [...state.tickets.values()].filter((x) => x.status === 'finished' && x.endedAt !== null).sort((a, b) => a.endedAt! - b.endedAt!)) {
      recordServiceTime(state, t.queueId, t.endedAt! - (t.startedAt ?? t.calledAt ?? t.endedAt!));
    }
    for (const r of this.db.prepare('SELECT queue_id, last_number FROM day_numbers WHERE service_day = ?').all(serviceDay) as { queue_id: string; last_number: number }[]) {
      state.lastQueueNumber.set(r.queue_id, r.last_number);
    }
    const counters = this.db.prepare('SELECT * FROM counters').all() as {
      id: string; staff_id: string | null; status: CounterState['status']; current_ticket_id: string | null; priority_streak: number; walk_in_streak: number; paused_at: number | null; last_call_reason: string | null;
    }[];
    for (const r of counters) {
      if (!state.counters.has(r.id)) continue; // counter removed from the configuration
      const c: CounterState = { id: r.id, staffId: r.staff_id, status: r.status, currentTicketId: r.current_ticket_id, priorityStreak: r.priority_streak, walkInStreak: r.walk_in_streak, pausedAt: r.paused_at };
      // Never hold a ticket that is not in today's state: the counter would be stuck as "busy".
      if (c.currentTicketId !== null && !state.tickets.has(c.currentTicketId)) Object.assign(c, { currentTicketId: null, status: c.staffId ? 'idle' : 'signed_out' });
      state.counters.set(r.id, c);
      if (r.last_call_reason) state.lastCallReason.set(r.id, r.last_call_reason);
    }
    for (const r of this.db.prepare('SELECT * FROM ratings WHERE outcome IS NULL').all() as RatingRow[]) state.openRatings.set(r.id, ratingFromRow(r));
    return state;
  }
}
