// Read models: the DTOs terminals see, built from the engine state and the
// configuration. Contract: nothing here changes state, and nothing here
// returns identity data.
import { createHmac } from 'node:crypto';
import {
  longestWaitMinutes,
  peopleAhead,
  previewCalls,
  queueEstimate,
  ticketEstimate,
  waitingCounts,
  type RatingRequest,
  type Ticket,
} from '../domain/index.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import { ratingFromRow } from '../store/hall-store.js';
import { serviceRatingView } from '../ratings/service-rating.js';
import { eventFromRow, isEventOf, type EventRow, type EventType, type StoredEvent, type StoredEventOf } from '../store/event-log.js';
import type { RealNameTickets } from '../identity/real-name.js';
import { CallNotes } from './call-notes.js';
import { ticketProgressUrl } from './phone-url.js';
import { MatterPopularity, searchFields } from './matter-search.js';
import { counterRules, ruleActions } from './counter-rules-view.js';
import { reachableZoneFor } from '../config/kiosk-layout-schema.js';
import type {
  ActionAvailabilityDTO,
  CallDTO,
  CounterAction,
  CounterDisplayDTO,
  CounterSummaryDTO,
  CounterViewDTO,
  DeviceDTO,
  HallEventDTO,
  HallInfoDTO,
  MatterDTO,
  QueueDTO,
  RatingDTO,
  TicketDTO,
  TicketProgressDTO,
  TerminalRole,
} from './dto.js';

/** The free-text staff note of each event type that has one. */
/** The events that put a ticket on the displays' recent-call list. */
const CALL_EVENTS = ['ticket_called', 'ticket_recalled', 'ticket_resumed'] as const;
const STAFF_NOTES: Partial<Record<EventType, string>> = {
  ticket_called: 'specialReason',
  ticket_suspended: 'reason',
  ticket_withdrawn: 'suspendReason',
  unresolved_case_recorded: 'summary',
  unresolved_case_answered: 'answer',
};

export class HallViews {
  private readonly matters: MatterDTO[];
  private readonly names;
  private recentCalls: CallDTO[] = [];
  /** How each counter's current ticket was called (counter page: "why this ticket"). */
  private readonly callNotes = new CallNotes();
  /** Tickets per matter over the last 30 days: ranks the kiosk's search (matter-search.ts). */
  private readonly popularity: MatterPopularity;

  constructor(
    private readonly config: HallConfig,
    private readonly runtime: HallRuntime,
    private readonly progressSecret: string,
    /** Whether a kiosk (or, without one, any kiosk) can print now. */
    private readonly printing: (kioskId?: string) => { available: boolean; reason: string | null },
    private readonly realName: RealNameTickets,
    private readonly devices: () => DeviceDTO[],
  ) {
    this.matters = config.matters.map((m) => ({
      id: m.id,
      code: m.code,
      name: m.name,
      ...(m.names ? { names: m.names } : {}),
      departmentId: m.departmentId,
      queueId: m.queueId,
      ...searchFields(m, config),
    }));
    this.popularity = new MatterPopularity(runtime.db);
    this.popularity.rebuild(runtime.state.serviceDay);
    this.names = {
      queue: new Map(config.queues.map((q) => [q.id, q])),
      matter: new Map(config.matters.map((m) => [m.id, m])),
      counter: new Map(config.counters.map((c) => [c.id, c])),
      staff: new Map(config.staff.map((s) => [s.id, s])),
      green: new Map(config.greenChannel.categories.map((g) => [g.id, g.label])),
    };
    this.rebuildRecentCalls();
    this.callNotes.rebuild(this.runtime.db, this.runtime.state.serviceDay);
  }

  /** Keeps the display's recent-call list current; called with every committed batch. */
  observe(events: StoredEvent[]): void {
    for (const e of events) {
      this.callNotes.observe(e);
      this.popularity.observe(e);
      // A resumed (挂起) ticket is called to its counter like any call: displays announce it.
      if (e.type === 'ticket_called' || e.type === 'ticket_recalled' || e.type === 'ticket_resumed') {
        this.recentCalls.unshift(this.callFrom(e));
        this.recentCalls.length = Math.min(this.recentCalls.length, 20);
      }
      if (e.type === 'service_day_closed') this.recentCalls = [];
    }
  }

  private rebuildRecentCalls(): void {
    const rows = this.runtime.db
      .prepare(`SELECT seq, id, type, service_day, at, payload FROM events WHERE type IN ('ticket_called','ticket_recalled','ticket_resumed') AND service_day = ? ORDER BY seq DESC LIMIT 20`)
      .all(this.runtime.state.serviceDay) as EventRow[];
    this.recentCalls = rows.map(eventFromRow).filter((e) => isEventOf(e, CALL_EVENTS)).map((e) => this.callFrom(e));
  }

  private callFrom(e: StoredEventOf<(typeof CALL_EVENTS)[number]>): CallDTO {
    return {
      seq: e.seq,
      ticketNumber: e.payload.number,
      counterId: e.payload.counterId,
      counterNumber: e.payload.counterNumber,
      at: e.at,
      recall: e.type === 'ticket_recalled',
    };
  }

  progressKey(ticketId: string): string {
    return createHmac('sha256', this.progressSecret).update(ticketId).digest('base64url').slice(0, 16);
  }

  queue(id: string): QueueDTO {
    const q = this.names.queue.get(id)!;
    const { state, setup } = this.runtime;
    const counts = waitingCounts(state, id);
    return {
      id,
      prefix: q.prefix,
      name: q.name,
      ...(q.names ? { names: q.names } : {}),
      waiting: counts.total,
      waitingGreen: counts.green,
      estimate: queueEstimate(state, setup, id),
      waitTargetMinutes: q.waitTargetMinutes,
      longestWaitMinutes: longestWaitMinutes(state, id, this.runtime.timers.now()),
    };
  }

  counterSummary(id: string): CounterSummaryDTO {
    const c = this.names.counter.get(id)!;
    const s = this.runtime.state.counters.get(id)!;
    const staff = s.staffId ? this.names.staff.get(s.staffId) : undefined;
    const current = s.currentTicketId ? this.runtime.state.tickets.get(s.currentTicketId) : undefined;
    return {
      id,
      number: c.number,
      name: c.name,
      kind: c.kind,
      area: c.area,
      status: s.status,
      staff: staff ? { id: staff.id, staffNo: staff.staffNo, name: staff.name, post: staff.post } : null,
      currentTicketNumber: current?.number ?? null,
      queueIds: this.runtime.setup.counters.get(id)!.queueIds,
    };
  }

  /** `kioskId`: the kiosk asking, so `printing` speaks of its own printer. */
  hallInfo(kioskId?: string): HallInfoDTO {
    const { config } = this;
    const queues = config.queues.map((q) => this.queue(q.id));
    const waitingByQueue = new Map(queues.map((q) => [q.id, q.waiting]));
    return {
      hall: { id: config.hall.id, name: config.hall.name, utcOffsetMinutes: config.hall.utcOffsetMinutes },
      serviceDay: this.runtime.state.serviceDay,
      now: this.runtime.timers.now(),
      lastSeq: this.runtime.log.lastSeq(),
      departments: config.departments.map((d) => ({
        ...d,
        waiting: [...new Set(config.matters.filter((m) => m.departmentId === d.id).map((m) => m.queueId))].reduce((n, q) => n + (waitingByQueue.get(q) ?? 0), 0),
      })),
      matters: this.popularity.apply(this.matters),
      queues,
      counters: config.counters.map((c) => this.counterSummary(c.id)),
      greenCategories: config.greenChannel.categories,
      recentCalls: this.recentCalls.slice(0, config.display.recentCalls),
      settings: {
        kioskIdleSeconds: config.timeouts.kioskIdleSeconds,
        ticketScreenSeconds: config.timeouts.ticketScreenSeconds,
        ratingSeconds: config.timeouts.ratingSeconds,
        announceTimes: config.display.announceTimes,
        recentCalls: config.display.recentCalls,
        notices: config.display.notices,
        languages: config.languages,
        reachableZone: reachableZoneFor(config.kioskLayout, kioskId),
      },
      printing: this.printing(kioskId),
      devices: this.devices(),
    };
  }

  ticket(t: Ticket): TicketDTO {
    const { state, setup } = this.runtime;
    const ahead = peopleAhead(state, t);
    const q = this.names.queue.get(t.queueId);
    const counter = t.counterId ? this.names.counter.get(t.counterId) : undefined;
    return {
      id: t.id,
      number: t.number,
      serviceDay: t.serviceDay,
      queueId: t.queueId,
      queueName: q?.name ?? t.queueId,
      matterId: t.matterId,
      matterName: this.names.matter.get(t.matterId)?.name ?? t.matterId,
      ticketClass: t.ticketClass,
      greenCategory: t.greenCategory,
      greenCategoryLabel: t.greenCategory ? (this.names.green.get(t.greenCategory) ?? t.greenCategory) : null,
      status: t.status,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt,
      startedAt: t.startedAt,
      counterId: t.counterId,
      counterNumber: counter?.number ?? null,
      recallCount: t.recallCount,
      transferCount: t.transferCount,
      peopleAhead: ahead,
      estimate: t.status === 'waiting' ? ticketEstimate(state, setup, t) : { minMinutes: 0, maxMinutes: 0, basis: 'typical' },
      progressUrl: ticketProgressUrl(this.config, t.id, this.progressKey(t.id)),
      maskedIdentity: this.realName.masked(t.id),
    };
  }

  progress(t: Ticket): TicketProgressDTO {
    const dto = this.ticket(t);
    return {
      number: dto.number,
      status: dto.status,
      matterName: dto.matterName,
      peopleAhead: dto.peopleAhead,
      estimate: dto.estimate,
      counterNumber: dto.counterNumber,
      hallName: this.config.hall.name,
      rating: serviceRatingView(this.runtime, t.id),
    };
  }

  rating(r: RatingRequest): RatingDTO {
    const ticket = this.runtime.state.tickets.get(r.ticketId);
    const number = ticket?.number ?? (this.runtime.db.prepare('SELECT number FROM tickets WHERE id = ?').pluck().get(r.ticketId) as string | undefined) ?? '';
    return {
      id: r.id,
      ticketNumber: number,
      counterId: r.counterId,
      counterNumber: this.names.counter.get(r.counterId)?.number ?? 0,
      staffName: r.staffId ? (this.names.staff.get(r.staffId)?.name ?? null) : null,
      matterName: this.names.matter.get(r.matterId)?.name ?? r.matterId,
      requestedAt: r.requestedAt,
      expiresAt: r.expiresAt,
      outcome: r.outcome,
      source: r.source,
      ratedAt: r.ratedAt,
    };
  }

  ratingsOfDay(day: string): RatingDTO[] {
    const rows = this.runtime.db.prepare('SELECT * FROM ratings WHERE service_day = ? ORDER BY requested_at DESC').all(day) as Parameters<typeof ratingFromRow>[0][];
    return rows.map((r) => this.rating(ratingFromRow(r)));
  }

  private lastRatingOf(counterId: string): RatingDTO | null {
    const row = this.runtime.db
      .prepare('SELECT * FROM ratings WHERE counter_id = ? AND outcome IS NOT NULL ORDER BY rated_at DESC LIMIT 1')
      .get(counterId) as Parameters<typeof ratingFromRow>[0] | undefined;
    return row ? this.rating(ratingFromRow(row)) : null;
  }

  private pendingRatingOf(counterId: string): RatingDTO | null {
    const open = [...this.runtime.state.openRatings.values()].find((r) => r.counterId === counterId);
    return open ? this.rating(open) : null;
  }

  counterView(counterId: string): CounterViewDTO {
    const { state, setup } = this.runtime;
    const now = this.runtime.timers.now();
    const counter = this.counterSummary(counterId);
    const s = state.counters.get(counterId)!;
    const current = s.currentTicketId ? state.tickets.get(s.currentTicketId) : undefined;
    const preview = previewCalls(state, setup, counterId, now, 5);
    const next = preview.map((c) => this.ticket(state.tickets.get(c.ticketId)!));
    const rulesInput = {
      state,
      setup,
      counterId,
      now,
      notes: this.callNotes,
      preview,
      ticket: (t: Ticket) => this.ticket(t),
      matterName: (id: string) => this.names.matter.get(id)?.name ?? id,
      greenLabel: (g: string | null) => (g ? (this.names.green.get(g) ?? g) : null),
      counters: this.config.counters,
    };
    const rules = counterRules(rulesInput);
    const act = (enabled: boolean, reason: string | null): ActionAvailabilityDTO => ({ enabled, reason: enabled ? null : reason });
    const holding = current !== undefined;
    const called = current?.status === 'called';
    const actions: Record<CounterAction, ActionAvailabilityDTO> = {
      // Tickets transferred to this counter count too: the preview sees everything call_next would.
      call_next: act(s.status === 'idle' && preview.length > 0, s.status === 'paused' ? 'paused' : holding ? 'counter_busy' : 'no_waiting'),
      start: act(called, holding ? 'already_serving' : 'no_current_ticket'),
      finish: act(holding, 'no_current_ticket'),
      ...ruleActions(rulesInput, rules),
      transfer: act(holding, 'no_current_ticket'),
      pause: act(s.status === 'idle', holding ? 'counter_busy' : 'paused'),
      resume: act(s.status === 'paused', 'not_paused'),
    };
    return {
      counter,
      current: current ? this.ticket(current) : null,
      queues: counter.queueIds.map((q) => this.queue(q)),
      next,
      lastRating: this.lastRatingOf(counterId),
      pendingRating: this.pendingRatingOf(counterId),
      transferTargets: this.config.queues.filter((q) => q.id !== current?.queueId).map((q) => ({ id: q.id, name: q.name, prefix: q.prefix })),
      actions,
      lastCallReason: state.lastCallReason.get(counterId) ?? null,
      ...rules,
    };
  }

  counterDisplay(counterId: string): CounterDisplayDTO {
    const staffId = this.runtime.state.counters.get(counterId)!.staffId;
    const own = staffId ? this.names.staff.get(staffId)?.contact : undefined;
    const hall = this.config.serviceDesk.contact;
    const contact = own ? { label: null, value: own } : hall ? { label: hall.label, value: hall.value } : null;
    return { counter: this.counterSummary(counterId), pendingRating: this.pendingRatingOf(counterId), lastRating: this.lastRatingOf(counterId), contact };
  }

  /** What LAN terminals may see of an event: payloads never carry identity data. */
  /**
   * An event as terminals see it. Staff notes (特呼 and 挂起 reasons) are free text that may
   * name a visitor: only counter and admin terminals get them; kiosks and displays do not.
   */
  event(e: StoredEvent, role: TerminalRole): HallEventDTO {
    const note = STAFF_NOTES[e.type];
    const payload = note && role !== 'counter' && role !== 'admin' && note in e.payload ? { ...e.payload, [note]: null } : e.payload;
    return { seq: e.seq, id: e.id, type: e.type, at: e.at, serviceDay: e.serviceDay, payload };
  }
}
