// Visitor behaviour in the simulator (hall/simulator/behaviour.ts, run.ts) and
// verdicts that look at the tail (compare.ts). Each behaviour is switched on
// alone against the same day without it, and must move the outcome the way it
// does in a hall. Mutations checked: not reopening the wait after a transfer
// fails "transfers"; judging rows by the mean alone fails the 10.5 → 23.1 case.
import { describe, expect, it } from 'vitest';
import { NO_BEHAVIOUR, withBehaviour, type BehaviourRates } from '../../../hall/simulator/behaviour.js';
import { compareResults, comparePolicies, overallVerdict, resultOf, rowVerdict, summarizeWaits, type PolicyResult } from '../../../hall/simulator/compare.js';
import { generateDay } from '../../../hall/simulator/generate.js';
import { runDay } from '../../../hall/simulator/run.js';
import { demoSetup, policy } from './demo.js';

const setup = demoSetup();
const MIN = 60_000;
const day = generateDay(setup, 11, { scale: 1.1 });
const only = (patch: Partial<BehaviourRates>) => withBehaviour(day, setup, { ...NO_BEHAVIOUR, ...patch });
const run = (d = day) => runDay(d, setup, policy(setup, 'default'));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const waits = (r: ReturnType<typeof run>) => r.tickets.filter((t) => t.ticketClass).map((t) => t.waitMs + (t.waitingSince === null ? 0 : r.endedAt - t.waitingSince));

describe('visitor behaviour', () => {
  it('gives the identical comparison for the same seed and rates, and plans drawn apart from the arrivals', () => {
    const rates = { noShowRate: 0.05, recallRate: 0.1, transferRate: 0.05, suspendRate: 0.05, suspendAwayMinutes: 15, walkSeconds: 45 };
    const once = () => comparePolicies(withBehaviour(generateDay(setup, 42), setup, rates), setup, policy(setup, 'default'), policy(setup, 'strict-green'));
    expect(once()).toEqual(once());
    // The arrivals of a seed do not change when plans are added.
    expect(withBehaviour(day, setup, rates).arrivals.map(({ plan: _plan, ...a }) => a)).toEqual(day.arrivals);
  });

  it('all rates 0: exactly the run without behaviour', () => {
    expect(run(only({}))).toEqual(run());
  });

  it('no-shows: fewer visitors served, and a no-show is never served', () => {
    const base = run();
    const r = run(only({ noShowRate: 0.2 }));
    const noShows = r.tickets.filter((t) => t.noShow);
    expect(noShows.length).toBeGreaterThan(10);
    expect(r.tickets.filter((t) => t.finishedAt !== null).length).toBe(base.tickets.filter((t) => t.finishedAt !== null).length - noShows.length);
    for (const t of noShows) expect(t.finishedAt).toBeNull();
  });

  it('recalls and walking keep counters waiting for the visitor: everyone else waits longer', () => {
    const base = mean(waits(run()));
    expect(mean(waits(run(only({ recallRate: 0.4 }))))).toBeGreaterThan(base + 0.5 * MIN);
    expect(mean(waits(run(only({ walkSeconds: 150 }))))).toBeGreaterThan(base + 0.5 * MIN);
  });

  it('transfers: the visitor waits again in the other queue, and that wait counts', () => {
    const r = run(only({ transferRate: 0.2 }));
    const moved = r.tickets.filter((t) => t.transferred);
    expect(moved.length).toBeGreaterThan(10);
    // Their wait is more than the wait before the first call (mutation: dropping the second wait fails this).
    const longer = moved.filter((t) => t.calledAt !== null && t.waitMs > t.calledAt - t.issuedAt);
    expect(longer.length).toBeGreaterThan(moved.length / 2);
  });

  it('suspensions: the visitor comes back after the time away and is taken up again, finishing later', () => {
    const d = only({ suspendRate: 0.2, suspendAwayMinutes: 20 });
    const r = run(d);
    const plans = new Map(d.arrivals.map((a) => [a.id, a.plan!]));
    const aside = r.tickets.filter((t) => t.suspended);
    expect(aside.length).toBeGreaterThan(10);
    for (const t of aside.filter((x) => x.finishedAt !== null)) {
      const after = plans.get(t.id)!.after!;
      expect(after.kind).toBe('suspend');
      expect(t.finishedAt! - t.calledAt!).toBeGreaterThanOrEqual(after.firstMs + (after as { awayMs: number }).awayMs + after.secondMs);
    }
  });
});

describe('verdicts', () => {
  // Two results equal but for one appointment's wait: 10.5 → 23.1 minutes (issue 12's case).
  const result = (longest: number): PolicyResult => {
    const w = (ms: number[]) => ms.map((m) => ({ waitMs: m * MIN, targetMs: 30 * MIN }));
    const appointment = summarizeWaits(w([2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, longest]), 0);
    const other = summarizeWaits(w([5, 6, 7, 8]), 0);
    return { policy: { id: 'x', name: 'x' }, rows: { green: other, appointment, walk_in: other, overall: other }, refused: 0, endedAt: 0 };
  };

  it('a doubling of the longest appointment wait is not "no difference", though the means are within half a minute', () => {
    const a = result(10.5);
    const b = result(23.1);
    expect(Math.abs(b.rows.appointment.meanMinutes! - a.rows.appointment.meanMinutes!)).toBeLessThan(0.5);
    expect(rowVerdict(a.rows.appointment, b.rows.appointment)).toBe('a');
    expect(overallVerdict(a, b)).toEqual({ winner: 'a', worstClass: { a: 'appointment', b: 'appointment' }, decidedBy: 'worst' });
    // Only the tail changed: the same results give "same".
    expect(overallVerdict(a, result(10.5)).winner).toBe('same');
  });

  it('the worst-served group decides the headline, not the overall mean', () => {
    // B: much better overall mean, but one group with most visitors over target.
    const w = (ms: number[], target = 15) => ms.map((m) => ({ waitMs: m * MIN, targetMs: target * MIN }));
    const a: PolicyResult = { policy: { id: 'a', name: 'a' }, refused: 0, endedAt: 0, rows: { green: summarizeWaits(w([10, 12]), 0), appointment: summarizeWaits(w([10, 12]), 0), walk_in: summarizeWaits(w([14, 14, 14]), 0), overall: summarizeWaits(w([10, 12, 10, 12, 14, 14, 14]), 0) } };
    const b: PolicyResult = { policy: { id: 'b', name: 'b' }, refused: 0, endedAt: 0, rows: { green: summarizeWaits(w([20, 25]), 0), appointment: summarizeWaits(w([1, 1]), 0), walk_in: summarizeWaits(w([2, 2, 2]), 0), overall: summarizeWaits(w([20, 25, 1, 1, 2, 2, 2]), 0) } };
    expect(b.rows.overall.meanMinutes!).toBeLessThan(a.rows.overall.meanMinutes!);
    const v = overallVerdict(a, b);
    expect(v).toEqual({ winner: 'a', worstClass: { a: 'walk_in', b: 'green' }, decidedBy: 'over_target' });
    const c = compareResults(day, a, b);
    expect(c.verdict.winner).toBe('a');
    expect(c.better.green).toBe('a');
  });

  it('share over target counts each ticket against its own queue target', () => {
    const r = resultOf(run(), setup);
    const t = run().tickets.filter((x) => x.ticketClass === 'walk_in');
    const over = t.filter((x) => x.waitMs > setup.queues.get(x.queueId!)!.waitTargetMinutes * MIN).length;
    expect(r.rows.walk_in.overTargetShare).toBeCloseTo(over / t.length, 3);
  });
});
