// A generated year of one busy hall, written straight into a real hall database in bulk, for
// the reports' agreement test and bench/report-month.ts.
// Each day's events are made by a small greedy simulation (tickets arrive through the day, the
// queue's counter that is free first calls them; some are no-shows, some transferred to another
// queue, some suspended and resumed; every served ticket is rated, some not answered) and
// applied with the engine's real `evolve`; the tables are written from the evolved state by the
// real HallStore.persist at the end of each day, the events with one prepared INSERT (bulk: no
// HLC, as a restored backup would be). The report reads the tables; the test counts the events.
import type { Db } from '../../hall/store/db.js';
import { HallStore } from '../../hall/store/hall-store.js';
import { EVENT_SCHEMA_VERSION, uuidv7 } from '../../hall/store/event-log.js';
import { emptyState, evolve, RATING_LEVELS, type HallEvent, type HallSetup, type RatingRequest } from '../../hall/domain/index.js';
import type { HallConfig } from '../../hall/config/schema.js';
import { addDays, weekdayOf } from '../../hall/domain/calendar/index.js';
import { Rng } from '../../hall/simulator/random.js';

export interface YearOptions {
  firstDay: string;
  days: number;
  ticketsPerDay: number;
  seed: number;
  /**
   * Share of served tickets asked for a rating (default 1, as a hall with a rating device at every
   * counter). The agreement test asks fewer, and starts fewer services explicitly (a finish straight
   * from the call is valid), to keep a year's log of 1.5 million tickets to a sane size and time.
   */
  ratedShare?: number;
  startedShare?: number;
}

/** The demo hall with four counters per queue (32) and a staff member signed in at each. */
export function busyHallConfig(demo: HallConfig): HallConfig {
  const counters = demo.queues.flatMap((q, qi) =>
    [0, 1, 2, 3].map((k) => ({ ...demo.counters[0]!, id: `c${qi}${k}`, number: qi * 4 + k + 1, name: `${q.name}${k + 1}号窗口`, kind: 'domain' as const, queueIds: [q.id] })),
  );
  const staff = counters.map((c, i) => ({ ...demo.staff[0]!, id: `s${c.id}`, staffNo: String(3000 + i), name: `工作人员${i + 1}` }));
  return { ...demo, counters, staff };
}

interface Timed {
  at: number;
  order: number;
  event: HallEvent;
}

/** Writes the year; returns the number of tickets issued. */
export function generateYear(db: Db, config: HallConfig, setup: HallSetup, options: YearOptions): number {
  const rng = new Rng(options.seed);
  const { ratedShare = 1, startedShare = 1 } = options;
  const store = new HallStore(db);
  const insert = db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES (?, ?, ?, ?, ?, ?)');
  const queues = config.queues.map((q) => q.id);
  const mattersOf = new Map(queues.map((q) => [q, config.matters.filter((m) => m.queueId === q).map((m) => m.id)]));
  const countersOf = new Map(queues.map((q) => [q, config.counters.filter((c) => c.queueIds?.includes(q))]));
  let issued = 0;
  let day = options.firstDay;
  for (let d = 0; d < options.days; d++, day = addDays(day, 1)) {
    if (weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun') continue;
    const open = Date.parse(`${day}T01:00:00Z`); // 09:00 at UTC+8
    const events: Timed[] = [];
    let order = 0;
    const push = (at: number, event: HallEvent) => events.push({ at, order: order++, event });
    const freeAt = new Map(config.counters.map((c) => [c.id, open]));
    const n = options.ticketsPerDay;
    const numbers = new Map<string, number>();
    // Second visits to a counter (transfers, resumed suspensions) are served after the first round.
    const later: { at: number; ticketId: string; number: string; queueId: string; matterId: string; resume: boolean }[] = [];
    const serve = (ticketId: string, number: string, queueId: string, matterId: string, arrive: number, allowDetour: boolean, resume: boolean) => {
      const cs = countersOf.get(queueId)!;
      let c = cs[0]!;
      for (const x of cs) if (freeAt.get(x.id)! < freeAt.get(c.id)!) c = x;
      const staffId = `s${c.id}`;
      const call = Math.max(arrive, freeAt.get(c.id)!) + 1;
      const roll = rng.next();
      if (resume) push(call, { type: 'ticket_resumed', ticketId, number, counterId: c.id, counterNumber: c.number, staffId });
      else push(call, { type: 'ticket_called', ticketId, number, counterId: c.id, counterNumber: c.number, staffId, ticketClass: 'walk_in', reason: 'in_order', specialReason: null, priorityStreak: 0, walkInStreak: 1 });
      if (!resume && roll < 0.05) {
        const end = call + 180_000;
        push(end, { type: 'ticket_no_show', ticketId, number, counterId: c.id, automatic: roll < 0.02 });
        freeAt.set(c.id, end);
        return;
      }
      const start = resume ? call : call + 20_000 + Math.floor(rng.next() * 40_000);
      if (!resume && rng.next() < startedShare) push(start, { type: 'service_started', ticketId, number, counterId: c.id });
      if (allowDetour && roll < 0.07) {
        const at = start + 60_000;
        const toQueueId = queues[(queues.indexOf(queueId) + 1) % queues.length]!;
        push(at, { type: 'ticket_transferred', ticketId, number, counterId: c.id, fromQueueId: queueId, toQueueId, toCounterId: null });
        later.push({ at, ticketId, number, queueId: toQueueId, matterId, resume: false });
        freeAt.set(c.id, at);
        return;
      }
      if (allowDetour && roll < 0.08) {
        const at = start + 90_000;
        push(at, { type: 'ticket_suspended', ticketId, number, counterId: c.id, staffId, reason: '缺少材料', until: at + 3_600_000 });
        later.push({ at: at + 1_800_000, ticketId, number, queueId, matterId, resume: true });
        freeAt.set(c.id, at);
        return;
      }
      const end = start + 60_000 + Math.floor(rng.next() * 240_000);
      push(end, { type: 'service_finished', ticketId, number, counterId: c.id, staffId, matterId });
      freeAt.set(c.id, end);
      if (rng.next() >= ratedShare) return;
      const ratingId = `r-${ticketId}`;
      push(end, { type: 'rating_requested', ratingId, ticketId, number, counterId: c.id, staffId, matterId, expiresAt: end + 60_000 });
      const r = rng.next();
      const outcome = r < 0.1 ? 'not_rated' : RATING_LEVELS[r < 0.8 ? 0 : r < 0.92 ? 1 : r < 0.97 ? 2 : r < 0.99 ? 3 : 4]!;
      push(end + (outcome === 'not_rated' ? 60_000 : 15_000), { type: 'rating_recorded', ratingId, ticketId, counterId: c.id, outcome, source: outcome === 'not_rated' ? 'timeout' : 'pad' });
    };
    for (let i = 0; i < n; i++) {
      const at = open + Math.floor((i / n) * 8 * 3_600_000);
      const queueId = queues[Math.floor(rng.next() * queues.length)]!;
      const matters = mattersOf.get(queueId)!;
      const matterId = matters[Math.floor(rng.next() * matters.length)]!;
      const queueNumber = (numbers.get(queueId) ?? 0) + 1;
      numbers.set(queueId, queueNumber);
      const number = `${setup.queues.get(queueId)!.prefix}${String(queueNumber).padStart(4, '0')}`;
      const ticketId = `${day}-${i}`;
      push(at, { type: 'ticket_issued', ticketId, number, queueId, matterId, ticketClass: 'walk_in', greenCategory: null, kioskId: 'kiosk-1', issuedAt: at, issueSeq: i + 1, queueNumber, appointmentId: null, checkIn: null });
      serve(ticketId, number, queueId, matterId, at, true, false);
    }
    for (const v of later.sort((a, b) => a.at - b.at)) serve(v.ticketId, v.number, v.queueId, v.matterId, v.at, false, v.resume);
    issued += n;
    events.sort((a, b) => a.at - b.at || a.order - b.order);
    const state = emptyState(setup, day);
    for (const c of state.counters.values()) Object.assign(c, { staffId: `s${c.id}`, status: 'idle' });
    db.transaction(() => {
      const ratings = new Map<string, RatingRequest>();
      for (const { at, event } of events) {
        for (const r of evolve(state, event, at).ratings) ratings.set(r.id, r);
        const { type, ...payload } = event;
        insert.run(uuidv7(at), type, day, at, EVENT_SCHEMA_VERSION, JSON.stringify(payload));
      }
      // The tables from the evolved day, through the store's own writer (last write wins, as per event).
      store.persist({ type: 'counter_resumed', counterId: config.counters[0]!.id }, { tickets: [...state.tickets.values()], counters: [], ratings: [...ratings.values()] }, state, day);
    })();
  }
  return issued;
}
