// Wait statistics per ticket class, and the A/B comparison of two policies on
// the same day. A wait is the time a visitor spends waiting for a call: from
// taking the ticket (or checking in) to the first call, plus the waits again
// after a transfer or after coming back from a suspension. A ticket still
// waiting when the run ended counts with its wait so far (a lower bound) and is
// reported as unserved, so a policy cannot look better by leaving people in
// the hall.
// Verdicts look at the tail first, never the mean alone (docs/simulator.md):
//   - per row: share over target, then longest wait, then p90, then mean;
//   - headline: the group each policy serves worst decides — the highest share
//     over target among the groups, then the longest wait, then the highest
//     p90, then the overall mean.
// A difference counts when it is material: 2 percentage points of share;
// for minutes at least 1 minute and 10 % of the smaller figure (the mean:
// half a minute).
import type { CallingPolicy, HallSetup, TicketClass } from '../domain/index.js';
import type { SimDay } from './day.js';
import { runDay, type RunOptions, type SimRun } from './run.js';
import type { SimulationDTO, SimulationOverallVerdictDTO, SimulationPolicyResultDTO, SimulationVerdict, SimulationWaitSummaryDTO } from '../api/dto.js';
import { NO_BEHAVIOUR } from './behaviour.js';

export const CLASSES: readonly TicketClass[] = ['green', 'appointment', 'walk_in'];
export type ClassOrAll = TicketClass | 'overall';
export const ROWS: readonly ClassOrAll[] = [...CLASSES, 'overall'];

// The wire shapes live in hall/api/dto.ts (shared with the admin panel).
export type WaitSummary = SimulationWaitSummaryDTO;
export type PolicyResult = SimulationPolicyResultDTO;
export type Verdict = SimulationVerdict;
export type Comparison = SimulationDTO;
export type OverallVerdict = SimulationOverallVerdictDTO;

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One ticket's wait and its queue's target, in ms. */
export interface WaitSample {
  waitMs: number;
  targetMs: number;
}

export function summarizeWaits(samples: readonly WaitSample[], unserved: number, noShows = 0): WaitSummary {
  const sorted = samples.map((s) => s.waitMs / 60_000).sort((x, y) => x - y);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
  const p90 = percentile(sorted, 90);
  const over = samples.filter((s) => s.waitMs > s.targetMs).length;
  return {
    count: sorted.length,
    served: sorted.length - unserved,
    unserved,
    meanMinutes: mean === null ? null : round1(mean),
    p90Minutes: p90 === null ? null : round1(p90),
    worstMinutes: sorted.length ? round1(sorted.at(-1)!) : null,
    overTargetShare: sorted.length ? round3(over / sorted.length) : null,
    noShows,
  };
}

/** Wait of one outcome: what it waited, plus the open wait up to the end of the run. */
export function waitOf(t: SimRun['tickets'][number], endedAt: number): number {
  return t.waitMs + (t.waitingSince !== null ? Math.max(0, endedAt - t.waitingSince) : 0);
}

export function resultOf(run: SimRun, setup: HallSetup): PolicyResult {
  const samples = new Map<ClassOrAll, WaitSample[]>(ROWS.map((r) => [r, []]));
  const unserved = new Map<ClassOrAll, number>(ROWS.map((r) => [r, 0]));
  const noShows = new Map<ClassOrAll, number>(ROWS.map((r) => [r, 0]));
  let refused = 0;
  for (const t of run.tickets) {
    if (t.ticketClass === null) {
      refused++;
      continue;
    }
    const sample = { waitMs: waitOf(t, run.endedAt), targetMs: (setup.queues.get(t.queueId ?? '')?.waitTargetMinutes ?? 15) * 60_000 };
    for (const row of [t.ticketClass, 'overall'] as const) {
      samples.get(row)!.push(sample);
      if (t.waitingSince !== null) unserved.set(row, unserved.get(row)! + 1);
      if (t.noShow) noShows.set(row, noShows.get(row)! + 1);
    }
  }
  const rows = Object.fromEntries(ROWS.map((r) => [r, summarizeWaits(samples.get(r)!, unserved.get(r)!, noShows.get(r)!)])) as Record<ClassOrAll, WaitSummary>;
  return { policy: { id: run.policy.id, name: run.policy.name }, rows, refused, endedAt: run.endedAt };
}

const minus = (b: number | null, a: number | null) => (a === null || b === null ? null : round1(b - a));

/** 'a' when a is materially lower (better), 'b' when b is, null when not material. */
function lower(a: number | null, b: number | null, kind: 'share' | 'minutes' | 'mean'): 'a' | 'b' | null {
  if (a === null || b === null) return null;
  const d = b - a;
  const needed = kind === 'share' ? 0.02 : kind === 'mean' ? 0.5 : Math.max(1, 0.1 * Math.min(a, b));
  if (Math.abs(d) < needed - 1e-9) return null;
  return d > 0 ? 'a' : 'b';
}

/** Per row: tail first (share over target, longest, p90), then the mean. */
export function rowVerdict(a: WaitSummary, b: WaitSummary): Verdict {
  if (a.count === 0 || b.count === 0) return 'none';
  return lower(a.overTargetShare, b.overTargetShare, 'share') ?? lower(a.worstMinutes, b.worstMinutes, 'minutes') ?? lower(a.p90Minutes, b.p90Minutes, 'minutes') ?? lower(a.meanMinutes, b.meanMinutes, 'mean') ?? 'same';
}

/** The class a policy serves worst: most tickets over target, then the longest wait. */
export function worstServed(r: PolicyResult): TicketClass | null {
  let worst: TicketClass | null = null;
  for (const c of CLASSES) {
    const row = r.rows[c];
    if (row.count === 0) continue;
    const w = worst ? r.rows[worst] : null;
    if (!w || row.overTargetShare! > w.overTargetShare! || (row.overTargetShare === w.overTargetShare && row.worstMinutes! > w.worstMinutes!)) worst = c;
  }
  return worst;
}

const maxOver = (r: PolicyResult, pick: (s: WaitSummary) => number | null): number | null => {
  const values = CLASSES.map((c) => (r.rows[c].count ? pick(r.rows[c]) : null)).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
};

/** The headline verdict, driven by each policy's worst-served group and the tail. */
export function overallVerdict(a: PolicyResult, b: PolicyResult): OverallVerdict {
  const worstClass = { a: worstServed(a), b: worstServed(b) };
  const checks: [OverallVerdict['decidedBy'], 'a' | 'b' | null][] = [
    ['over_target', lower(maxOver(a, (s) => s.overTargetShare), maxOver(b, (s) => s.overTargetShare), 'share')],
    ['worst', lower(maxOver(a, (s) => s.worstMinutes), maxOver(b, (s) => s.worstMinutes), 'minutes')],
    ['p90', lower(maxOver(a, (s) => s.p90Minutes), maxOver(b, (s) => s.p90Minutes), 'minutes')],
    ['mean', lower(a.rows.overall.meanMinutes, b.rows.overall.meanMinutes, 'mean')],
  ];
  const decided = checks.find(([, w]) => w !== null);
  return decided ? { winner: decided[1]!, worstClass, decidedBy: decided[0] } : { winner: 'same', worstClass, decidedBy: null };
}

export function compareResults(day: SimDay, a: PolicyResult, b: PolicyResult): Comparison {
  const diff = Object.fromEntries(
    ROWS.map((r) => [r, { meanMinutes: minus(b.rows[r].meanMinutes, a.rows[r].meanMinutes), p90Minutes: minus(b.rows[r].p90Minutes, a.rows[r].p90Minutes), worstMinutes: minus(b.rows[r].worstMinutes, a.rows[r].worstMinutes) }]),
  ) as Comparison['diff'];
  const better = Object.fromEntries(ROWS.map((r) => [r, rowVerdict(a.rows[r], b.rows[r])])) as Record<ClassOrAll, Verdict>;
  const behaviour = day.behaviour ?? { ...NO_BEHAVIOUR, source: 'none' as const };
  return { day: { serviceDay: day.serviceDay, source: day.source, seed: day.seed, visitors: day.arrivals.length, notes: day.notes }, a, b, diff, better, verdict: overallVerdict(a, b), behaviour };
}

/** Runs the same day under both policies and compares them. */
export function comparePolicies(day: SimDay, setup: HallSetup, a: CallingPolicy, b: CallingPolicy, options: Omit<RunOptions, 'engine'> = {}): Comparison {
  return compareResults(day, resultOf(runDay(day, setup, a, options), setup), resultOf(runDay(day, setup, b, options), setup));
}
