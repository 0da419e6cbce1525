// The comparison as a plain-text table for the terminal (the CLI), one row per
// ticket class plus overall: mean, p90 and longest wait in minutes and the
// share of tickets over their queue's wait target under A and B, the
// difference B − A, and which policy is better for that row (tail first);
// then the headline verdict (the worst-served group decides) and the visitor
// behaviour the day was run with.
import { ROWS, type ClassOrAll, type Comparison, type Verdict } from './compare.js';

const LABEL: Record<ClassOrAll, string> = { green: 'green', appointment: 'appointment', walk_in: 'walk-in', overall: 'overall' };
const VERDICT: Record<Verdict, string> = { a: 'A', b: 'B', same: 'same', none: '-' };
const DECIDED: Record<string, string> = { over_target: 'share of visitors over their wait target', worst: 'longest wait', p90: 'p90 wait', mean: 'mean wait' };

const num = (n: number | null) => (n === null ? '-' : n.toFixed(1));
const pct = (n: number | null) => (n === null ? '-' : `${Math.round(n * 100)}%`);
const signed = (n: number | null) => (n === null ? '-' : `${n > 0 ? '+' : ''}${n.toFixed(1)}`);

export function formatComparison(c: Comparison): string {
  const head = c.day.source === 'generated' ? `generated day ${c.day.serviceDay} (seed ${c.day.seed})` : `recorded day ${c.day.serviceDay}`;
  const lines = [
    `Calling-policy comparison: ${head}, ${c.day.visitors} visitors`,
    `  A = ${c.a.policy.id} (${c.a.policy.name})`,
    `  B = ${c.b.policy.id} (${c.b.policy.name})`,
    '  waits in minutes spent waiting for a call (from ticket or check-in; again after a transfer or a return); over = share over the queue wait target',
    '',
  ];
  const cols = ['class', 'tickets', 'mean A', 'mean B', 'B-A', 'p90 A', 'p90 B', 'B-A', 'worst A', 'worst B', 'B-A', 'over A', 'over B', 'better'];
  const rows = ROWS.map((r) => {
    const a = c.a.rows[r];
    const b = c.b.rows[r];
    const d = c.diff[r];
    return [LABEL[r], String(a.count), num(a.meanMinutes), num(b.meanMinutes), signed(d.meanMinutes), num(a.p90Minutes), num(b.p90Minutes), signed(d.p90Minutes), num(a.worstMinutes), num(b.worstMinutes), signed(d.worstMinutes), pct(a.overTargetShare), pct(b.overTargetShare), VERDICT[c.better[r]]];
  });
  const widths = cols.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  lines.push(fmt(cols), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt), '');
  const v = c.verdict;
  const worst = `worst-served group: A ${v.worstClass.a ? LABEL[v.worstClass.a] : '-'}, B ${v.worstClass.b ? LABEL[v.worstClass.b] : '-'}`;
  lines.push(v.winner === 'same' ? `verdict: no material difference (${worst})` : `verdict: ${v.winner.toUpperCase()} is better, by the ${DECIDED[v.decidedBy!]} of the worst-served group (${worst})`);
  const r = c.behaviour;
  lines.push(
    r.source === 'none'
      ? '  visitors: everyone comes at the first call and is served in one go (no behaviour modelled)'
      : `  visitors (${r.source}): no-show ${pct(r.noShowRate)}, come after a recall ${pct(r.recallRate)}, transferred ${pct(r.transferRate)}, set aside ${pct(r.suspendRate)} for ~${r.suspendAwayMinutes} min, walk ~${r.walkSeconds} s`,
  );
  const unserved = (['a', 'b'] as const).filter((k) => c[k].rows.overall.unserved > 0);
  for (const k of unserved) lines.push(`  note: under ${k.toUpperCase()}, ${c[k].rows.overall.unserved} tickets were still waiting when the run ended (their waits count up to then)`);
  for (const k of ['a', 'b'] as const) if (c[k].refused) lines.push(`  note: under ${k.toUpperCase()}, the engine refused ${c[k].refused} tickets (caps, cut-off or opening hours)`);
  for (const n of c.day.notes) lines.push(`  ${n}`);
  return lines.join('\n');
}
