// Wait statistics per ticket class, and the A/B comparison of two policies on
// the same day. Waits are minutes from taking the ticket (or checking in) to
// being called. A ticket still waiting when the run ended counts with its wait
// so far (a lower bound) and is reported as unserved, so a policy cannot look
// better by leaving people in the hall.
import type { CallingPolicy, HallSetup, TicketClass } from '../domain/index.js';
import type { SimDay } from './day.js';
import { runDay, type RunOptions, type SimRun } from './run.js';
import type { SimulationDTO, SimulationPolicyResultDTO, SimulationVerdict, SimulationWaitSummaryDTO } from '../api/dto.js';

export const CLASSES: readonly TicketClass[] = ['green', 'appointment', 'walk_in'];
export type ClassOrAll = TicketClass | 'overall';
export const ROWS: readonly ClassOrAll[] = [...CLASSES, 'overall'];

// The wire shapes live in hall/api/dto.ts (shared with the admin panel).
export type WaitSummary = SimulationWaitSummaryDTO;
export type PolicyResult = SimulationPolicyResultDTO;
export type Verdict = SimulationVerdict;
export type Comparison = SimulationDTO;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarizeWaits(waitsMs: number[], unserved: number): WaitSummary {
  const sorted = waitsMs.map((w) => w / 60_000).sort((x, y) => x - y);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
  const p90 = percentile(sorted, 90);
  return {
    count: sorted.length,
    served: sorted.length - unserved,
    unserved,
    meanMinutes: mean === null ? null : round1(mean),
    p90Minutes: p90 === null ? null : round1(p90),
    worstMinutes: sorted.length ? round1(sorted.at(-1)!) : null,
  };
}

export function resultOf(run: SimRun): PolicyResult {
  const waits = new Map<ClassOrAll, number[]>(ROWS.map((r) => [r, []]));
  const unserved = new Map<ClassOrAll, number>(ROWS.map((r) => [r, 0]));
  let refused = 0;
  for (const t of run.tickets) {
    if (t.ticketClass === null) {
      refused++;
      continue;
    }
    const wait = (t.calledAt ?? run.endedAt) - t.issuedAt;
    for (const row of [t.ticketClass, 'overall'] as const) {
      waits.get(row)!.push(wait);
      if (t.calledAt === null) unserved.set(row, unserved.get(row)! + 1);
    }
  }
  const rows = Object.fromEntries(ROWS.map((r) => [r, summarizeWaits(waits.get(r)!, unserved.get(r)!)])) as Record<ClassOrAll, WaitSummary>;
  return { policy: { id: run.policy.id, name: run.policy.name }, rows, refused, endedAt: run.endedAt };
}

const minus = (b: number | null, a: number | null) => (a === null || b === null ? null : round1(b - a));

export function compareResults(day: SimDay, a: PolicyResult, b: PolicyResult): Comparison {
  const diff = Object.fromEntries(
    ROWS.map((r) => [r, { meanMinutes: minus(b.rows[r].meanMinutes, a.rows[r].meanMinutes), p90Minutes: minus(b.rows[r].p90Minutes, a.rows[r].p90Minutes), worstMinutes: minus(b.rows[r].worstMinutes, a.rows[r].worstMinutes) }]),
  ) as Comparison['diff'];
  const better = Object.fromEntries(
    ROWS.map((r) => {
      const d = diff[r].meanMinutes;
      return [r, d === null ? 'none' : Math.abs(d) < 0.5 ? 'same' : d < 0 ? 'b' : 'a'];
    }),
  ) as Record<ClassOrAll, Verdict>;
  return { day: { serviceDay: day.serviceDay, source: day.source, seed: day.seed, visitors: day.arrivals.length, notes: day.notes }, a, b, diff, better };
}

/** Runs the same day under both policies and compares them. */
export function comparePolicies(day: SimDay, setup: HallSetup, a: CallingPolicy, b: CallingPolicy, options: Omit<RunOptions, 'engine'> = {}): Comparison {
  return compareResults(day, resultOf(runDay(day, setup, a, options)), resultOf(runDay(day, setup, b, options)));
}
