// Command line: the staffing forecast of a hall from its own database.
//   npm run forecast -- --data data/hall.sqlite [--config config/demo-hall.json]
//     [--at 2026-11-23T10:00] [--backtest 20] [--no-advice] [--json]
// Contract: opens the database read-only (never migrates or writes it); prints
// the forecast (or JSON) and exits 0; on bad input prints one clear message to
// stderr and exits 2.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadHallConfig } from '../config/load.js';
import { hallSetupFrom } from '../config/setup.js';
import type { TicketClass } from '../domain/index.js';
import type { Db } from '../store/db.js';
import { localTime } from '../simulator/day.js';
import type { WaitSummary } from '../simulator/compare.js';
import { forecastHall, type ForecastDayResult, type HallForecast } from './forecast.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class ForecastUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForecastUsageError';
  }
}

export const USAGE = `usage: npm run forecast -- --data <hall.sqlite> [--config <hall.json>] [--at YYYY-MM-DDTHH:MM]
         [--backtest <days 1..60>] [--no-advice] [--json]
  --at         the moment to forecast from, hall local time (default: now)
  --backtest   also forecast each of the last N recorded days from the days before it, and print the error
  --no-advice  arrivals only (no simulation of waits and counters)`;

const CLASS: Record<TicketClass, string> = { green: 'green', appointment: 'appointment', walk_in: 'walk-in' };
const pct = (n: number | null) => (n === null ? '-' : `${Math.round(n * 100)}%`);
const min = (n: number | null) => (n === null ? '-' : n.toFixed(1));

function waits(label: string, w: Record<TicketClass, WaitSummary>): string[] {
  return [`  waits with ${label} counters (minutes; share over target):`, ...(Object.keys(CLASS) as TicketClass[]).map((c) => `    ${CLASS[c].padEnd(12)} mean ${min(w[c].meanMinutes)}  p90 ${min(w[c].p90Minutes)}  longest ${min(w[c].worstMinutes)}  over ${pct(w[c].overTargetShare)}  (${w[c].count} visitors)`)];
}

export function adviceLine(c: { from: string; change: number; total: number }, first: boolean): string {
  if (first) return `${c.from} open ${c.total} counter${c.total === 1 ? '' : 's'}`;
  return c.change > 0 ? `${c.from} open ${c.change} more (${c.total} in all)` : `${c.from} close ${-c.change} (${c.total} in all)`;
}

function formatDay(d: ForecastDayResult): string[] {
  const kind = [d.weekday, d.dayName, d.monthStart ? 'month start' : null, d.afterHoliday ? 'first day after a holiday' : null].filter(Boolean).join(', ');
  const head = `${d.which === 'today' ? 'Today' : 'Tomorrow'} ${d.serviceDay} (${kind})`;
  if (!d.open) return [`${head}: the hall is closed`];
  const lines = [d.which === 'today' ? `${head}: ${d.arrivedSoFar} arrived so far, ${(d.expectedTotal - d.arrivedSoFar!).toFixed(0)} expected for the rest (so far ×${d.correction} of the forecast)` : `${head}: ${d.expectedTotal.toFixed(0)} visitors expected (×${d.factor} of a plain day)`];
  const s = d.staffing;
  lines.push(`  time   expected${s ? '  planned  advised' : ''}`);
  for (const slot of d.slots) {
    const st = s?.slots.find((x) => x.from === slot.from);
    lines.push(`  ${slot.from}  ${slot.expected.toFixed(1).padStart(8)}${st ? `  ${String(st.planned).padStart(7)}  ${String(st.advised).padStart(7)}${st.short ? '  (short even with every counter)' : ''}` : ''}`);
  }
  if (s) {
    lines.push(...waits('the planned', s.planned), ...waits('the advised', s.advised));
    lines.push(`  advice: ${s.changes.map((c, i) => adviceLine(c, i === 0)).join('; ')}`);
  }
  return lines;
}

export function formatForecast(f: HallForecast, hallName: string): string {
  const m = f.model;
  const dom = Object.entries(m.dayOfMonth).map(([k, x]) => `${k}th ×${x}`);
  const lines = [
    `Staffing forecast for ${hallName} (history ${f.history.from} … ${f.history.to}, ${f.history.days} open days with tickets)`,
    `  model: ${m.level} tickets on a plain day; weekday ${Object.entries(m.weekday).map(([w, x]) => `${w} ${x}`).join(', ')}; month start ×${m.monthStart}; after a holiday ×${m.afterHoliday}${dom.length ? `; days of month ${dom.join(', ')}` : ''}`,
    '',
  ];
  for (const d of f.days) lines.push(...formatDay(d), '');
  if (f.backtest) {
    const b = f.backtest;
    lines.push(`Backtest over the last ${b.days.length} recorded days: MAE ${b.maePerQueueSlot ?? '-'} tickets per queue per half hour; MAPE ${pct(b.mapeHallSlot)} of the hall's tickets per half hour (half hours with 5 or more); ${pct(b.mapeDay)} per day`);
  }
  return lines.join('\n');
}

function atArg(value: string | undefined, utcOffsetMinutes: number): number {
  if (value === undefined) return Date.now();
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  if (!m) throw new ForecastUsageError(`--at must be YYYY-MM-DDTHH:MM, hall local time (got "${value}")`);
  return localTime(m[1]!, m[2]!, utcOffsetMinutes);
}

export function runForecastCli(argv: string[]): string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { data: { type: 'string' }, config: { type: 'string' }, at: { type: 'string' }, backtest: { type: 'string' }, 'no-advice': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    throw new ForecastUsageError((err as Error).message);
  }
  if (values.help) return USAGE;
  if (!values.data) throw new ForecastUsageError('--data <hall.sqlite> is required (the hall database to read the history from)');
  const backtestDays = values.backtest === undefined ? 0 : Number(values.backtest);
  if (!Number.isInteger(backtestDays) || backtestDays < (values.backtest === undefined ? 0 : 1) || backtestDays > 60) throw new ForecastUsageError(`--backtest must be a whole number of days from 1 to 60 (got "${values.backtest}")`);
  const config = loadHallConfig(path.resolve(values.config ?? path.join(root, 'config/demo-hall.json')));
  const setup = hallSetupFrom(config);
  const now = atArg(values.at, setup.dayRule.utcOffsetMinutes);
  if (!fs.existsSync(values.data)) throw new ForecastUsageError(`--data ${values.data}: no such file`);
  let db: Db;
  try {
    db = new Database(values.data, { readonly: true, fileMustExist: true });
    if (!db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get()) throw new Error('it has no events table');
  } catch (err) {
    throw new ForecastUsageError(`--data ${values.data} is not a hall database (${(err as Error).message})`);
  }
  try {
    const f = forecastHall(db, setup, now, { staffing: !values['no-advice'], backtestDays });
    return values.json ? JSON.stringify(f, null, 2) : formatForecast(f, config.hall.name);
  } finally {
    db.close();
  }
}

function main(): void {
  try {
    process.stdout.write(runForecastCli(process.argv.slice(2)) + '\n');
  } catch (err) {
    const known = err instanceof ForecastUsageError || err instanceof ConfigError;
    process.stderr.write(`forecast: ${(err as Error).message}\n${err instanceof ForecastUsageError ? USAGE + '\n' : ''}`);
    process.exitCode = known ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
