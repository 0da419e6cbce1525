// Runs one SimDay through the real queue engine under one calling policy.
// The loop is a discrete-event simulation over injected time: visitors take
// tickets (or check in) at their arrival time; a staffed counter that is free
// takes back a set-aside visitor who has returned, or calls next; then it plays
// the visitor's plan (day.ts VisitPlan): recalls until the visitor answers or
// the no-show the rules allow, the walk to the counter, the service — ended by
// finish, or part-way by a transfer (the visitor waits again in the new queue)
// or a suspension (the visitor comes back later and waits for any counter of
// the queue). A visitor without a plan is served at once, in one go. Counters
// sign in and out with their shifts, finishing the visitor they hold first. After closing, counters on duty at closing serve
// out the waiting line, up to `overtimeMinutes`.
// Contract: deterministic — the same day, setup and policy give the same run.
// The engine is reached only through Engine.execute(cmd, now) (decide → evolve
// in memory, or HallRuntime over SQLite in record.ts), so the run exercises
// the same calling rule as the hall.
// Danger: chooseNext() is only a pre-check to avoid throwing for every idle
// counter at every instant; the ticket called is whatever decide() returns.
import { chooseNext, decide, DomainError, emptyState, evolve, type CallReason, type HallCommand, type HallEvent, type HallSetup, type HallState, type TicketClass, type CallingPolicy } from '../domain/index.js';
import { isStaffed, type SimDay, type VisitPlan } from './day.js';
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
  /** Time spent waiting for a call: before the first call, after a transfer, after coming back from a suspension. */
  waitMs: number;
  /** Start of the wait still open (not yet called again), or null. */
  waitingSince: number | null;
  /** When the service ended, or null (no-show, never served). */
  finishedAt: number | null;
  noShow: boolean;
  transferred: boolean;
  suspended: boolean;
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

/** Runs a stepwise computation (a generator that yields between steps) to its end at once. */
export function drive<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs a stepwise computation in slices of about `sliceMs`, giving the event loop back in
 * between: inside the hall service a simulation must never hold up a call.
 */
export async function driveInSlices<T>(steps: Generator<void, T, void>, sliceMs = 5): Promise<T> {
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

/** Runs the whole day at once. */
export function runDay(day: SimDay, baseSetup: HallSetup, policy: CallingPolicy, options: RunOptions = {}): SimRun {
  return drive(simulate(day, baseSetup, policy, options));
}

/** Runs the day in slices (driveInSlices), for the hall service. */
export function runDayInSlices(day: SimDay, baseSetup: HallSetup, policy: CallingPolicy, options: RunOptions & { sliceMs?: number } = {}): Promise<SimRun> {
  return driveInSlices(simulate(day, baseSetup, policy, options), options.sliceMs);
}

/** What a counter does next, and when: the visitor's plan played step by step. */
type StepKind = 'recall' | 'no_show' | 'start' | 'transfer' | 'suspend' | 'finish';
interface Step {
  at: number;
  ticketId: string;
  kind: StepKind;
  /** Recalls made so far on this call. */
  recalls: number;
}

const SUSPEND_REASON = '补齐材料';

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
  const { recallCooldownSeconds, recallsBeforeNoShow, suspendMaxMinutes, maxRecalls } = setup.rules;
  const cooldownMs = recallCooldownSeconds * 1000;
  /** Recalls before the visitor answers (never more than the rules allow); null: never answers. */
  const answerAfter = (plan: VisitPlan) => (plan.recallsBeforeAnswer === null ? null : Math.min(plan.recallsBeforeAnswer, maxRecalls));

  const outcomes = new Map<string, TicketOutcome>();
  const calls: CallTrace[] = [];
  const steps = new Map<string, Step>();
  const arrivalOf = new Map(day.arrivals.map((a) => [a.id, a]));
  /** Set-aside visitors coming back, by when (kept sorted). */
  const returning: { at: number; ticketId: string }[] = [];
  /** Tickets called at least once (a second call follows a transfer). */
  const secondStage = new Set<string>();
  let commands = 0;
  let ratings = 0;
  let waiting = 0;
  const exec = (cmd: HallCommand, t: number) => {
    commands++;
    return engine.execute(cmd, t);
  };
  const serviceFor = (ticketId: string, second: boolean) => {
    const a = arrivalOf.get(ticketId);
    const after = a?.plan?.after;
    if (!after) return a?.serviceMs ?? 60_000;
    return second ? after.secondMs : after.firstMs;
  };
  /** The step after the service starts: the end of this part of the service. */
  const afterStart = (ticketId: string, t: number): Step => {
    const after = arrivalOf.get(ticketId)?.plan?.after;
    const second = secondStage.has(ticketId);
    const kind: StepKind = after && !second ? after.kind : 'finish';
    return { at: t + serviceFor(ticketId, second), ticketId, kind, recalls: 0 };
  };
  /** The first step after a call: walk, recalls, or a no-show. */
  const afterCall = (ticketId: string, t: number): Step => {
    const plan = arrivalOf.get(ticketId)?.plan;
    if (!plan) return { at: t, ticketId, kind: 'start', recalls: 0 };
    const answer = secondStage.has(ticketId) ? 0 : answerAfter(plan);
    const needed = answer === null ? recallsBeforeNoShow : answer;
    if (needed > 0) return { at: t + cooldownMs, ticketId, kind: 'recall', recalls: 0 };
    if (answer === null) return { at: t + cooldownMs, ticketId, kind: 'no_show', recalls: 0 };
    return { at: t + plan.walkMs, ticketId, kind: 'start', recalls: 0 };
  };
  const reWait = (ticketId: string, t: number) => {
    const o = outcomes.get(ticketId);
    if (o && o.waitingSince !== null) {
      o.waitMs += t - o.waitingSince;
      o.waitingSince = null;
    }
  };
  /** Plays one due step of a counter; returns the next step or null when the counter is free. */
  const play = (counterId: string, step: Step, t: number): Step | null => {
    const outcome = outcomes.get(step.ticketId);
    switch (step.kind) {
      case 'recall': {
        exec({ type: 'recall', counterId }, t);
        const plan = arrivalOf.get(step.ticketId)!.plan!;
        const answer = answerAfter(plan);
        const recalls = step.recalls + 1;
        if (answer === null) return { at: t + cooldownMs, ticketId: step.ticketId, kind: recalls >= recallsBeforeNoShow ? 'no_show' : 'recall', recalls };
        return recalls >= answer ? { at: t + plan.walkMs, ticketId: step.ticketId, kind: 'start', recalls } : { at: t + cooldownMs, ticketId: step.ticketId, kind: 'recall', recalls };
      }
      case 'no_show':
        exec({ type: 'mark_no_show', counterId }, t);
        if (outcome) outcome.noShow = true;
        return null;
      case 'start':
        exec({ type: 'start_service', counterId }, t);
        return afterStart(step.ticketId, t);
      case 'transfer': {
        const after = arrivalOf.get(step.ticketId)!.plan!.after as { toQueueId: string };
        exec({ type: 'transfer', counterId, toQueueId: after.toQueueId }, t);
        secondStage.add(step.ticketId);
        if (outcome) Object.assign(outcome, { transferred: true, waitingSince: t });
        waiting++;
        return null;
      }
      case 'suspend': {
        const after = arrivalOf.get(step.ticketId)!.plan!.after as { awayMs: number };
        exec({ type: 'suspend', counterId, reason: SUSPEND_REASON, minutes: suspendMaxMinutes }, t);
        secondStage.add(step.ticketId);
        // The visitor waits again from the moment they are back.
        if (outcome) Object.assign(outcome, { suspended: true, waitingSince: t + after.awayMs });
        const back = { at: t + after.awayMs, ticketId: step.ticketId };
        const i = returning.findIndex((r) => r.at > back.at);
        returning.splice(i < 0 ? returning.length : i, 0, back);
        return null;
      }
      case 'finish':
        exec({ type: 'finish_service', counterId, ratingId: `sim-r${++ratings}` }, t);
        if (outcome) outcome.finishedAt = t;
        return null;
    }
  };

  let next = 0;
  let b = 0;
  let t = Math.min(day.arrivals[0]?.at ?? Infinity, boundaries[0] ?? Infinity);
  let endedAt = t;
  while (t < Infinity) {
    // 1. Counters' steps due now (a step may lead to another one due at once).
    for (const [counterId, first] of steps) {
      let step: Step | null = first;
      while (step && step.at <= t) {
        step = play(counterId, step, t);
        endedAt = Math.max(endedAt, t);
      }
      if (step) steps.set(counterId, step);
      else steps.delete(counterId);
    }
    // 2. Visitors arriving now.
    while (next < day.arrivals.length && day.arrivals[next]!.at <= t) {
      const a = day.arrivals[next++]!;
      const outcome: TicketOutcome = { id: a.id, matterId: a.matterId, queueId: null, ticketClass: null, issuedAt: a.at, calledAt: null, counterId: null, reason: null, refused: null, waitMs: 0, waitingSince: null, finishedAt: null, noShow: false, transferred: false, suspended: false };
      outcomes.set(a.id, outcome);
      const cmd: HallCommand = a.appointment
        ? { type: 'check_in', ticketId: a.id, kioskId: 'sim-kiosk', greenCategory: a.greenCategory, appointment: { ...a.appointment, matterId: a.matterId, status: 'booked' } }
        : { type: 'issue_ticket', ticketId: a.id, matterId: a.matterId, greenCategory: a.greenCategory, kioskId: 'sim-kiosk' };
      try {
        const issued = exec(cmd, t).find((e) => e.type === 'ticket_issued');
        if (issued?.type === 'ticket_issued') {
          Object.assign(outcome, { queueId: issued.queueId, ticketClass: issued.ticketClass, issuedAt: issued.issuedAt, waitingSince: issued.issuedAt });
          waiting++;
        }
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcome.refused = `${err.code}: ${err.message}`;
      }
    }
    while (b < boundaries.length && boundaries[b]! <= t) b++;
    // 3. Counters: sign in or out with their shifts; free ones take back a returning visitor, or call next.
    for (const c of counters) {
      const counter = engine.state.counters.get(c.id)!;
      const duty = onDuty(c.id, t);
      if (!duty) {
        if (counter.staffId && !counter.currentTicketId) exec({ type: 'sign_out', counterId: c.id }, t);
        continue;
      }
      if (counter.status === 'signed_out') exec({ type: 'sign_in', counterId: c.id, staffId: STAFF(c.id) }, t);
      if (engine.state.counters.get(c.id)!.currentTicketId) continue;
      const back = returning.findIndex((r) => r.at <= t && c.queueIds.includes(engine.state.tickets.get(r.ticketId)?.queueId ?? ''));
      if (back >= 0 && engine.state.tickets.get(returning[back]!.ticketId)?.status === 'suspended') {
        const { ticketId } = returning.splice(back, 1)[0]!;
        exec({ type: 'resume_suspended', counterId: c.id, ticketId }, t);
        reWait(ticketId, t);
        steps.set(c.id, afterStart(ticketId, t));
        continue;
      }
      if (!chooseNext(engine.state, setup, c.id, t)) continue;
      const oldest = oldestLineKey(engine.state, setup, c.id);
      const called = exec({ type: 'call_next', counterId: c.id }, t).find((e) => e.type === 'ticket_called');
      if (called?.type !== 'ticket_called') continue;
      const ticket = engine.state.tickets.get(called.ticketId)!;
      calls.push({ at: t, counterId: c.id, ticketId: ticket.id, reason: called.reason, lineKey: ticket.lineKey, oldestLineKey: oldest });
      const outcome = outcomes.get(ticket.id);
      if (outcome && outcome.calledAt === null) Object.assign(outcome, { calledAt: t, counterId: c.id, reason: called.reason });
      reWait(ticket.id, t);
      waiting--;
      const step = afterCall(ticket.id, t);
      steps.set(c.id, step.at <= t && step.kind === 'start' ? (exec({ type: 'start_service', counterId: c.id }, t), afterStart(ticket.id, t)) : step);
    }
    // 4. The next instant something happens.
    const anyWaiting = waiting > 0 || returning.length > 0;
    let nextT = day.arrivals[next]?.at ?? Infinity;
    for (const step of steps.values()) if (step.at < nextT) nextT = step.at;
    const nextBack = returning.find((r) => r.at > t);
    if (nextBack && nextBack.at < nextT) nextT = nextBack.at;
    if (anyWaiting || next < day.arrivals.length || steps.size) nextT = Math.min(nextT, boundaries[b] ?? Infinity);
    if (t >= hardStop && steps.size === 0) break;
    if (!anyWaiting && next >= day.arrivals.length && steps.size === 0) break;
    t = nextT;
    yield;
  }
  return { policy, tickets: [...outcomes.values()], calls, endedAt: waiting > 0 || returning.length > 0 ? Math.max(endedAt, Math.min(t, hardStop)) : endedAt, commands };
}
