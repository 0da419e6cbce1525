// The comparison as a plain-text table for the terminal (the CLI), one row per
// ticket class plus overall: mean, p90 and worst wait in minutes under A and
// B, the difference B − A, and which policy is better for that row.
import { ROWS, type ClassOrAll, type Comparison, type Verdict } from './compare.js';

const LABEL: Record<ClassOrAll, string> = { green: 'green', appointment: 'appointment', walk_in: 'walk-in', overall: 'overall' };
const VERDICT: Record<Verdict, string> = { a: 'A', b: 'B', same: 'same', none: '-' };

const num = (n: number | null) => (n === null ? '-' : n.toFixed(1));
const signed = (n: number | null) => (n === null ? '-' : `${n > 0 ? '+' : ''}${n.toFixed(1)}`);

export function formatComparison(c: Comparison): string {
  const head = c.day.source === 'generated' ? `generated day ${c.day.serviceDay} (seed ${c.day.seed})` : `recorded day ${c.day.serviceDay}`;
  const lines = [
    `Calling-policy comparison: ${head}, ${c.day.visitors} visitors`,
    `  A = ${c.a.policy.id} (${c.a.policy.name})`,
    `  B = ${c.b.policy.id} (${c.b.policy.name})`,
    '  waits in minutes from ticket (or check-in) to call',
    '',
  ];
  const cols = ['class', 'tickets', 'mean A', 'mean B', 'B-A', 'p90 A', 'p90 B', 'B-A', 'worst A', 'worst B', 'B-A', 'better'];
  const rows = ROWS.map((r) => {
    const a = c.a.rows[r];
    const b = c.b.rows[r];
    const d = c.diff[r];
    return [LABEL[r], String(a.count), num(a.meanMinutes), num(b.meanMinutes), signed(d.meanMinutes), num(a.p90Minutes), num(b.p90Minutes), signed(d.p90Minutes), num(a.worstMinutes), num(b.worstMinutes), signed(d.worstMinutes), VERDICT[c.better[r]]];
  });
  const widths = cols.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  lines.push(fmt(cols), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  const unserved = (['a', 'b'] as const).filter((k) => c[k].rows.overall.unserved > 0);
  for (const k of unserved) lines.push(`  note: under ${k.toUpperCase()}, ${c[k].rows.overall.unserved} tickets were still waiting when the run ended (their waits count up to then)`);
  for (const k of ['a', 'b'] as const) if (c[k].refused) lines.push(`  note: under ${k.toUpperCase()}, the engine refused ${c[k].refused} tickets (caps, cut-off or opening hours)`);
  for (const n of c.day.notes) lines.push(`  ${n}`);
  return lines.join('\n');
}
