// Properties of the queue engine over thousands of random service days, under
// random calling policies: unique numbers; transfers to a counter first; aging
// (no starvation past maxWaitMinutes); class order; ratios; queue order; every
// ticket in exactly one place; rejoin bounds. Steps include appointments,
// special calls, recalls, suspensions and rejoins.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, priorityClasses, type CallingPolicy, type HallEvent, type Ticket } from '../../../hall/domain/index.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { MONDAY_9AM, freshState, testSetup } from '../../helpers/hall-setup.js';
import { policyArbitrary } from '../../helpers/policy-arbitrary.js';

type CounterName = 'g1' | 'd2' | 'd3';
type Matter = 'm-a' | 'm-b' | 'm-c';
type Step =
  | { kind: 'issue'; matter: Matter; green: boolean }
  | { kind: 'greenBurst'; matter: Matter; count: number }
  | { kind: 'appointment'; matter: Matter; offsetMinutes: number }
  | { kind: 'call' | 'finish' | 'serve' | 'noShow' | 'pause' | 'resume' | 'recall' | 'suspend' | 'special'; counter: CounterName }
  | { kind: 'transfer'; counter: CounterName; to: 'A' | 'B' | 'C' }
  | { kind: 'transferToCounter'; counter: CounterName; to: CounterName }
  | { kind: 'resumeSuspended' | 'rejoin'; counter: CounterName; pick: number }
  | { kind: 'wait'; minutes: number };

const counter = fc.constantFrom<CounterName>('g1', 'd2', 'd3');
const matter = fc.constantFrom<Matter>('m-a', 'm-b', 'm-c');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), matter, green: fc.boolean() }) },
  // A coach of elderly visitors arriving together: what tests the starvation guard.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('greenBurst' as const), matter, count: fc.integer({ min: 3, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('appointment' as const), matter, offsetMinutes: fc.integer({ min: -40, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call' as const), counter }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('serve' as const), counter }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), counter }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('noShow' as const, 'recall' as const, 'suspend' as const, 'special' as const), counter }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('pause' as const, 'resume' as const), counter }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), counter, to: fc.constantFrom('A' as const, 'B' as const, 'C' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transferToCounter' as const), counter, to: counter }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('resumeSuspended' as const, 'rejoin' as const), counter, pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 5, max: 40 }) }) },
);
/** A day is a run of steps; `wait` steps move the clock, and the last day rolls over into the next. */
const days = fc.array(fc.array(step, { minLength: 10, maxLength: 150, size: 'large' }), { minLength: 1, maxLength: 3 });

const policyArb = policyArbitrary({ maxPriority: 4, maxWalkIn: 3, caps: [15, 30, null], weights: { A: [1, 2, 5], B: [1, 3] } });

let appointmentIds = 0;
const pickOf = <T>(items: T[], n: number): T | undefined => items[n % Math.max(1, items.length)];

function play(d: EngineDriver, s: Step): void {
  const tickets = () => [...d.state.tickets.values()];
  try {
    switch (s.kind) {
      case 'issue':
        d.issue(s.matter, s.green ? 'elderly' : null);
        break;
      case 'greenBurst':
        for (let i = 0; i < s.count; i++) d.issue(s.matter, 'elderly');
        break;
      case 'appointment': {
        const slotStart = d.now - s.offsetMinutes * 60_000;
        const id = `ap${++appointmentIds}`;
        d.run({ type: 'check_in', ticketId: `t-${id}`, kioskId: 'k1', greenCategory: null, appointment: { id, matterId: s.matter, slotStart, slotEnd: slotStart + 1_800_000, status: 'booked' } });
        break;
      }
      case 'call':
        d.run({ type: 'call_next', counterId: s.counter });
        break;
      case 'finish':
        d.run({ type: 'finish_service', counterId: s.counter, ratingId: d.nextRatingId() });
        break;
      case 'serve': // a whole service at one counter: what a busy counter does all day
        play(d, { kind: 'finish', counter: s.counter });
        d.run({ type: 'call_next', counterId: s.counter });
        break;
      case 'noShow':
        d.run({ type: 'mark_no_show', counterId: s.counter });
        break;
      case 'recall':
        d.run({ type: 'recall', counterId: s.counter });
        break;
      case 'suspend':
        d.run({ type: 'suspend', counterId: s.counter, reason: '缺复印件', minutes: 20 });
        break;
      case 'special': {
        const waiting = tickets().filter((t) => t.status === 'waiting');
        const t = waiting[waiting.length - 1];
        if (t) d.run({ type: 'call_specific', counterId: s.counter, ticketId: t.id, reason: '老人行动不便' });
        break;
      }
      case 'pause':
      case 'resume':
        d.run({ type: s.kind, counterId: s.counter });
        break;
      case 'transfer':
        d.run({ type: 'transfer', counterId: s.counter, toQueueId: s.to });
        break;
      case 'transferToCounter':
        d.run({ type: 'transfer', counterId: s.counter, toQueueId: null, toCounterId: s.to });
        break;
      case 'resumeSuspended': {
        const t = pickOf(tickets().filter((x) => x.status === 'suspended'), s.pick);
        if (t) d.run({ type: 'resume_suspended', counterId: s.counter, ticketId: t.id });
        break;
      }
      case 'rejoin': {
        const t = pickOf(tickets().filter((x) => x.status === 'no_show'), s.pick);
        if (t) d.run({ type: 'rejoin', ticketId: t.id });
        break;
      }
      case 'wait':
        d.advance(s.minutes);
        d.run({ type: 'tick' });
        break;
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err; // rule refusals are fine; anything else is a bug
  }
}

function runDays(plan: Step[][], d: EngineDriver): EngineDriver {
  for (const day of plan) {
    for (const c of ['g1', 'd2', 'd3'] as const) play(d, { kind: 'resume', counter: c });
    for (const c of ['g1', 'd2', 'd3']) d.run({ type: 'sign_in', counterId: c, staffId: `s-${c}` });
    for (const s of day) play(d, s);
    d.now = MONDAY_9AM + Math.ceil((d.now - MONDAY_9AM + 1) / 86_400_000) * 86_400_000;
    d.run({ type: 'tick' });
  }
  return d;
}

function driverWith(policy?: CallingPolicy): EngineDriver {
  const setup = testSetup(policy ? { extraPolicies: [policy], counterPolicies: { g1: 'p', d2: 'p', d3: 'p' } } : {});
  return new EngineDriver(setup, freshState(setup), MONDAY_9AM);
}

const RUNS = { numRuns: 300 };

/** What the counter could call just before a call: waiting tickets of its queues, or transferred to it. */
function candidates(d: EngineDriver, counterId: string): Ticket[] {
  const queues = d.setup.counters.get(counterId)!.queueIds;
  return [...d.state.tickets.values()]
    .filter((t) => t.status === 'waiting' && (t.targetCounterId ? t.targetCounterId === counterId : queues.includes(t.queueId)))
    .map((t) => ({ ...t }));
}

const minKey = (ts: Ticket[]) => Math.min(...ts.map((t) => t.lineKey));

// Written out here, apart from hall/domain/call-deadlines.ts: a checked-in, on-time appointment's latest
// call time counts from its slot (or check-in, if later); any other ticket's from its place in line.
const hasSlot = (t: Ticket) => t.ticketClass === 'appointment' && typeof t.slotStart === 'number';
function deadline(t: Ticket, policy: CallingPolicy, d: EngineDriver): number {
  if (hasSlot(t)) return Math.max(t.slotStart!, t.issuedAt) + d.setup.rules.appointmentCallWindowMinutes * 60_000;
  return policy.maxWaitMinutes === null ? Infinity : t.lineKey + policy.maxWaitMinutes * 60_000;
}
const minDeadline = (ts: Ticket[], policy: CallingPolicy, d: EngineDriver) => Math.min(...ts.map((t) => deadline(t, policy, d)));

/** Wraps the driver so every call_next is checked against the policy, given the candidates just before it. */
function checkCalls(d: EngineDriver, policy: CallingPolicy, seen: Set<string>): void {
  const run = d.run.bind(d);
  d.run = (cmd) => {
    if (cmd.type !== 'call_next') return run(cmd);
    let before = candidates(d, cmd.counterId);
    const c = d.state.counters.get(cmd.counterId)!;
    const streaks = { priority: c.priorityStreak, walkIn: c.walkInStreak };
    const events = run(cmd);
    const called = events.find((e): e is HallEvent & { type: 'ticket_called' } => e.type === 'ticket_called');
    if (!called) return events;
    seen.add(called.reason);
    const chosen = before.find((t) => t.id === called.ticketId)!;
    expect(chosen).toBeDefined();
    if (called.reason === 'deadline') {
      // The look-ahead overrode the policy (checked against an oracle in tests/property/call-deadlines.test.ts):
      // a ticket with a latest call time, callable now, and the ratio cycle untouched.
      expect(deadline(chosen, policy, d)).toBeLessThan(Infinity);
      expect(hasSlot(chosen) && chosen.slotStart! > d.now).toBe(false);
      expect([called.priorityStreak, called.walkInStreak]).toEqual([streaks.priority, streaks.walkIn]);
      return events;
    }
    const directed = before.filter((t) => t.targetCounterId === cmd.counterId);
    if (directed.length > 0) {
      expect(chosen.targetCounterId).toBe(cmd.counterId);
      return events;
    }
    // Line heads are what may be overdue (a line is in deadline order); due slot appointments are all candidates.
    const overdue = before.filter((t) => deadline(t, policy, d) <= d.now);
    if (overdue.length > 0) {
      // Aging: the ticket whose latest call time passed first goes first, whatever its class.
      expect(called.reason).toBe('overdue');
      expect(deadline(chosen, policy, d)).toBe(minDeadline(overdue, policy, d));
      return events;
    }
    const slotDue = before.filter((t) => hasSlot(t) && t.slotStart! <= d.now);
    if (slotDue.length > 0) {
      // An appointment whose slot has started goes ahead of green and walk-in tickets.
      expect(called.reason).toBe('appointment_slot');
      expect(deadline(chosen, policy, d)).toBe(minDeadline(slotDue, policy, d));
      return events;
    }
    const held = before.filter((t) => hasSlot(t));
    before = before.filter((t) => !hasSlot(t));
    if (before.length === 0) {
      // Only appointments before their slot wait: the earliest slot, rather than an idle counter.
      expect(called.reason).toBe('in_order');
      expect(deadline(chosen, policy, d)).toBe(minDeadline(held, policy, d));
      return events;
    }
    const waitingClasses = policy.classOrder.filter((k) => before.some((t) => t.ticketClass === k));
    const priority = priorityClasses(policy).filter((k) => waitingClasses.includes(k));
    const walkInWaits = waitingClasses.includes('walk_in');
    let expectedClass = waitingClasses[0];
    if (policy.mode === 'ratio' && priority.length > 0 && walkInWaits) {
      expectedClass = streaks.priority < policy.ratio.priority ? priority[0] : 'walk_in';
      // Ratio bound: never more than `priority` priority calls in a cycle while walk-ins wait.
      expect(called.priorityStreak).toBeLessThanOrEqual(policy.ratio.priority);
      expect(called.walkInStreak).toBeLessThan(policy.ratio.walkIn);
    }
    expect(chosen.ticketClass).toBe(expectedClass);
    if (policy.queueOrder === 'oldest_first') {
      expect(chosen.lineKey).toBe(minKey(before.filter((t) => t.ticketClass === expectedClass)));
    }
    return events;
  };
}

// Generous timeouts: hundreds of simulated days per property, on a shared 2-core machine.
describe('queue engine properties (random multi-day runs under random policies)', { timeout: 120_000 }, () => {
  it('never issues the same number twice in a service day', () => {
    fc.assert(
      fc.property(days, (plan) => {
        const d = runDays(plan, driverWith());
        const seen = new Set<string>();
        let day = '2026-11-23';
        for (const { event } of d.log) {
          if (event.type === 'service_day_closed') day = event.nextServiceDay;
          if (event.type !== 'ticket_issued') continue;
          const key = `${day}/${event.number}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }),
      RUNS,
    );
  });

  it('follows each policy: transfers here first, aging, class order, ratio, queue order', () => {
    fc.assert(
      fc.property(days, policyArb, (plan, policy) => {
        const d = driverWith(policy);
        checkCalls(d, policy, new Set());
        runDays(plan, d);
      }),
      RUNS,
    );
  });

  it('exercises every call reason (fixed seed, so coverage cannot drift)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(days, policyArb, (plan, policy) => {
        const d = driverWith(policy);
        checkCalls(d, policy, seen);
        runDays(plan, d);
      }),
      { seed: 20261122, numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['appointment_slot', 'class_first', 'deadline', 'in_order', 'overdue', 'ratio_turn', 'transferred_here']);
  });

  it('keeps every ticket in exactly one place, and rejoined no-shows within their bound', () => {
    fc.assert(
      fc.property(days, policyArb, (plan, policy) => {
        const d = driverWith(policy);
        const run = d.run.bind(d);
        d.run = (cmd) => {
          const events = run(cmd);
          for (const e of events) {
            if (e.type === 'ticket_rejoined') expect(e.placesAhead).toBeLessThanOrEqual(d.setup.rules.rejoinPlacesAhead);
            if (e.type === 'ticket_called' && e.reason === 'special_call') expect(e.specialReason).toBe('老人行动不便');
          }
          const inLines = [...d.state.lines.values()].flatMap((l) => [...l.green.ids(), ...l.appointment.ids(), ...l.walk_in.ids()]);
          const directed = [...d.state.directed.values()].flatMap((l) => l.ids());
          const waiting = [...d.state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id);
          expect(new Set([...inLines, ...directed])).toEqual(new Set(waiting));
          expect(inLines.length + directed.length).toBe(waiting.length);
          // The suspended index (housekeeping's shortcut) matches the tickets.
          expect(d.state.suspended).toEqual(new Set([...d.state.tickets.values()].filter((t) => t.status === 'suspended').map((t) => t.id)));
          // A counter holds at most one ticket, and it is called or being served there.
          for (const c of d.state.counters.values()) {
            if (!c.currentTicketId) continue;
            const t = d.state.tickets.get(c.currentTicketId)!;
            expect(['called', 'serving']).toContain(t.status);
            expect(t.counterId).toBe(c.id);
          }
          return events;
        };
        runDays(plan, d);
        // The issue time never changes, whatever happened to the ticket.
        const issued = new Map<string, number>();
        for (const { event } of d.log) if (event.type === 'ticket_issued') issued.set(event.ticketId, event.issuedAt);
        for (const t of d.state.tickets.values()) expect(t.issuedAt).toBe(issued.get(t.id));
      }),
      { numRuns: 150 },
    );
  });
});
