// Duration figures of a report: mean and nearest-rank percentiles (p50, p90) and max, in seconds.
// Contract: nearest rank — pXX is the smallest measured value with at least XX % of the values
// at or below it (no interpolation), so every figure is a wait that really happened.
import type { DurationStatsDTO } from '../api/reports-dto.js';

export function durationStats(valuesMs: number[]): DurationStatsDTO {
  const n = valuesMs.length;
  if (n === 0) return { count: 0, mean: null, p50: null, p90: null, max: null };
  const sorted = Float64Array.from(valuesMs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * n) - 1)]! / 1000;
  return { count: n, mean: sum / n / 1000, p50: rank(0.5), p90: rank(0.9), max: sorted[n - 1]! / 1000 };
}
