// Runs one SimDay through the real queue engine under one calling policy.
// The loop is a discrete-event simulation over injected time: visitors take
// tickets (or check in) at their arrival time; a staffed counter that is free
// calls next at once, starts the service, and finishes it after the visitor's
// sampled duration; counters sign in and out with their shifts, finishing the
// visitor they hold first. After closing, counters on duty at closing serve
// out the waiting line, up to `overtimeMinutes`.
// Contract: deterministic — the same day, setup and policy give the same run.
// The engine is reached only through Engine.execute(cmd, now) (decide → evolve
// in memory, or HallRuntime over SQLite in record.ts), so the run exercises
// the same calling rule as the hall.
// Danger: chooseNext() is only a pre-check to avoid throwing for every idle
// counter at every instant; the ticket called is whatever decide() returns.
import { chooseNext, decide, DomainError, emptyState, evolve, type CallReason, type HallCommand, type HallEvent, type HallSetup, type HallState, type TicketClass, type CallingPolicy } from '../domain/index.js';
import { isStaffed, type SimDay } from './day.js';
import { setupWithPolicy } from './policies.js';

export interface Engine {
  readonly state: HallState;
  /** decide + evolve at `now` (never earlier than the previous call); throws DomainError when refused. */
  execute(cmd: HallCommand, now: number): HallEvent[];
}

export function memoryEngine(setup: HallSetup, serviceDay: string): Engine {
  const state = emptyState(setup, serviceDay);
  return {
    state,
    execute(cmd, now) {
      const events = decide(state, setup, cmd, now);
      for (const e of events) evolve(state, e, now);
      return events;
    },
  };
}

export interface TicketOutcome {
  id: string;
  matterId: string;
  queueId: string | null;
  /** Class the engine gave the ticket; null when it refused to issue one. */
  ticketClass: TicketClass | null;
  issuedAt: number;
  calledAt: number | null;
  counterId: string | null;
  reason: CallReason | null;
  /** Why the engine refused the ticket (DomainError code: message), or null. */
  refused: string | null;
}

/** One call, with what the aging rule needs to be checked afterwards. */
export interface CallTrace {
  at: number;
  counterId: string;
  ticketId: string;
  reason: CallReason;
  /** Line key (issue time) of the called ticket. */
  lineKey: number;
  /** Oldest line key among the tickets this counter could call, just before the call. */
  oldestLineKey: number;
}

export interface SimRun {
  policy: CallingPolicy;
  tickets: TicketOutcome[];
  calls: CallTrace[];
  /** When the last service ended (or the overtime limit, if tickets were left waiting). */
  endedAt: number;
  /** Engine commands executed. */
  commands: number;
}

export interface RunOptions {
  /** After closing, counters on duty serve out the line for at most this long (default 120). */
  overtimeMinutes?: number;
  /** Engine to use; default: a fresh in-memory engine with `setup` following the policy. */
  engine?: Engine;
}

const STAFF = (counterId: string) => `sim-${counterId}`;

function oldestLineKey(state: HallState, setup: HallSetup, counterId: string): number {
  let oldest = Infinity;
  for (const q of setup.counters.get(counterId)?.queueIds ?? []) {
    const lines = state.lines.get(q);
    if (!lines) continue;
    for (const line of Object.values(lines)) {
      const head = line.head();
      if (head && head.lineKey < oldest) oldest = head.lineKey;
    }
  }
  return oldest;
}

/** Runs the whole day at once. */
export function runDay(day: SimDay, baseSetup: HallSetup, policy: CallingPolicy, options: RunOptions = {}): SimRun {
  const steps = simulate(day, baseSetup, policy, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the day in slices of about `sliceMs`, giving the event loop back in
 * between: inside the hall service a simulation must never hold up a call.
 */
export async function runDayInSlices(day: SimDay, baseSetup: HallSetup, policy: CallingPolicy, options: RunOptions & { sliceMs?: number } = {}): Promise<SimRun> {
  const steps = simulate(day, baseSetup, policy, options);
  const sliceMs = options.sliceMs ?? 5;
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** The simulation as a generator: yields after every instant, returns the run. */
export function* simulate(day: SimDay, baseSetup: HallSetup, policy: CallingPolicy, options: RunOptions = {}): Generator<void, SimRun, void> {
  const setup = setupWithPolicy(baseSetup, policy);
  const engine = options.engine ?? memoryEngine(setup, day.serviceDay);
  const hardStop = day.closeAt + (options.overtimeMinutes ?? 120) * 60_000;
  const counters = [...setup.counters.values()].filter((c) => c.queueIds.length > 0).sort((a, b) => a.number - b.number);
  const closingCrew = new Set(day.shifts.filter((s) => s.to >= day.closeAt).map((s) => s.counterId));
  const shiftsOf = new Map(counters.map((c) => [c.id, day.shifts.filter((s) => s.counterId === c.id)]));
  const onDuty = (counterId: string, t: number) => isStaffed(shiftsOf.get(counterId)!, counterId, t) || (t >= day.closeAt && t < hardStop && closingCrew.has(counterId));
  const boundaries = [...new Set([...day.shifts.flatMap((s) => [s.from, s.to]), day.closeAt, hardStop])].sort((a, b) => a - b);

  const outcomes = new Map<string, TicketOutcome>();
  const calls: CallTrace[] = [];
  const busyUntil = new Map<string, { at: number; ticketId: string }>();
  const serviceMs = new Map(day.arrivals.map((a) => [a.id, a.serviceMs]));
  let commands = 0;
  let ratings = 0;
  let waiting = 0;
  const exec = (cmd: HallCommand, t: number) => {
    commands++;
    return engine.execute(cmd, t);
  };

  let next = 0;
  let b = 0;
  let t = Math.min(day.arrivals[0]?.at ?? Infinity, boundaries[0] ?? Infinity);
  let endedAt = t;
  while (t < Infinity) {
    // 1. Services ending now.
    for (const [counterId, busy] of busyUntil) {
      if (busy.at > t) continue;
      exec({ type: 'finish_service', counterId, ratingId: `sim-r${++ratings}` }, t);
      busyUntil.delete(counterId);
      endedAt = Math.max(endedAt, t);
    }
    // 2. Visitors arriving now.
    while (next < day.arrivals.length && day.arrivals[next]!.at <= t) {
      const a = day.arrivals[next++]!;
      const outcome: TicketOutcome = { id: a.id, matterId: a.matterId, queueId: null, ticketClass: null, issuedAt: a.at, calledAt: null, counterId: null, reason: null, refused: null };
      outcomes.set(a.id, outcome);
      const cmd: HallCommand = a.appointment
        ? { type: 'check_in', ticketId: a.id, kioskId: 'sim-kiosk', greenCategory: a.greenCategory, appointment: { ...a.appointment, matterId: a.matterId, status: 'booked' } }
        : { type: 'issue_ticket', ticketId: a.id, matterId: a.matterId, greenCategory: a.greenCategory, kioskId: 'sim-kiosk' };
      try {
        const issued = exec(cmd, t).find((e) => e.type === 'ticket_issued');
        if (issued?.type === 'ticket_issued') {
          Object.assign(outcome, { queueId: issued.queueId, ticketClass: issued.ticketClass, issuedAt: issued.issuedAt });
          waiting++;
        }
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcome.refused = `${err.code}: ${err.message}`;
      }
    }
    while (b < boundaries.length && boundaries[b]! <= t) b++;
    // 3. Counters: sign in or out with their shifts; free ones call next.
    for (const c of counters) {
      const counter = engine.state.counters.get(c.id)!;
      const duty = onDuty(c.id, t);
      if (!duty) {
        if (counter.staffId && !counter.currentTicketId) exec({ type: 'sign_out', counterId: c.id }, t);
        continue;
      }
      if (counter.status === 'signed_out') exec({ type: 'sign_in', counterId: c.id, staffId: STAFF(c.id) }, t);
      if (engine.state.counters.get(c.id)!.currentTicketId || !chooseNext(engine.state, setup, c.id, t)) continue;
      const oldest = oldestLineKey(engine.state, setup, c.id);
      const called = exec({ type: 'call_next', counterId: c.id }, t).find((e) => e.type === 'ticket_called');
      if (called?.type !== 'ticket_called') continue;
      const ticket = engine.state.tickets.get(called.ticketId)!;
      calls.push({ at: t, counterId: c.id, ticketId: ticket.id, reason: called.reason, lineKey: ticket.lineKey, oldestLineKey: oldest });
      const outcome = outcomes.get(ticket.id);
      if (outcome && outcome.calledAt === null) {
        Object.assign(outcome, { calledAt: t, counterId: c.id, reason: called.reason });
        waiting--;
      }
      exec({ type: 'start_service', counterId: c.id }, t);
      busyUntil.set(c.id, { at: t + (serviceMs.get(ticket.id) ?? 60_000), ticketId: ticket.id });
    }
    // 4. The next instant something happens.
    const anyWaiting = waiting > 0;
    let nextT = day.arrivals[next]?.at ?? Infinity;
    for (const busy of busyUntil.values()) if (busy.at < nextT) nextT = busy.at;
    if (anyWaiting || next < day.arrivals.length || busyUntil.size) nextT = Math.min(nextT, boundaries[b] ?? Infinity);
    if (t >= hardStop && busyUntil.size === 0) break;
    if (!anyWaiting && next >= day.arrivals.length && busyUntil.size === 0) break;
    t = nextT;
    yield;
  }
  return { policy, tickets: [...outcomes.values()], calls, endedAt: waiting > 0 ? Math.max(endedAt, Math.min(t, hardStop)) : endedAt, commands };
}
