// Staffing forecast benchmark: a 30-counter hall with a year of history in a
// real hall database (ticket_issued events written as the hall writes them,
// with a weekday effect, month-start and after-holiday peaks, a pension day and
// the test calendar's holidays and 调休). Prints the time and memory of the
// whole forecast (read history, fit, rest of today and tomorrow with counter
// advice by simulation, backtest over 20 days) and the backtest's error.
// Run: node --import tsx bench/forecast.ts  (or npm run bench -- forecast). Prints figures only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHallConfig } from '../hall/config/load.js';
import { hallSetupFrom } from '../hall/config/setup.js';
import type { CounterSetup, HallSetup } from '../hall/domain/index.js';
import { openDatabase } from '../hall/store/db.js';
import { forecastHall } from '../hall/forecast/forecast.js';
import { calendarFeatures } from '../hall/forecast/model.js';
import { localTime } from '../hall/simulator/day.js';
import { hallShape, testCalendar, writeHistory } from '../tests/helpers/forecast-history.js';

const root = path.resolve(import.meta.dirname, '..');
const demo = hallSetupFrom(loadHallConfig(path.join(root, 'config/demo-hall.json')));
const queues = [...demo.queues.keys()];
// 30 counters: 6 general (every queue), 24 domain counters, three per queue.
const counters = new Map<string, CounterSetup>();
for (let i = 1; i <= 30; i++) {
  const id = `c${String(i).padStart(2, '0')}`;
  const general = i <= 6;
  counters.set(id, { id, number: i, kind: general ? 'general' : 'domain', queueIds: general ? queues : [queues[(i - 7) % queues.length]!], policyId: 'default' });
}
const setup: HallSetup = { ...demo, counters, calendar: testCalendar() };
const features = calendarFeatures(setup.calendar, setup.dayRule);
const queueShare = Object.fromEntries(queues.map((q, i) => [q, (i + 2) / queues.reduce((s, _, j) => s + j + 2, 0)]));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-forecast-bench-'));
try {
  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  let t = performance.now();
  const written = writeHistory(
    db,
    { base: 700, weekday: { mon: 1.3, tue: 1.05, wed: 1, thu: 0.95, fri: 0.85, sat: 1, sun: 1 }, monthStart: 1.4, afterHoliday: 1.3, dayOfMonth: { 10: 1.5 }, shape: hallShape(), queueShare, classShare: { green: 0.12, appointment: 0.15, walk_in: 0.73 } },
    features,
    '2025-11-24',
    '2026-11-22',
    2026,
  );
  const tickets = [...written.values()].reduce((s, n) => s + n, 0);
  console.log(`history: ${written.size} days, ${tickets.toLocaleString('en')} tickets written in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the forecast)`);
  const rssBefore = process.memoryUsage().rss;
  const now = localTime('2026-11-23', '08:00', 480);
  t = performance.now();
  const arrivalsOnly = forecastHall(db, setup, now, { staffing: false });
  const tArrivals = performance.now() - t;
  t = performance.now();
  const f = forecastHall(db, setup, now, { backtestDays: 20 });
  const tAll = performance.now() - t;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  const [today, tomorrow] = f.days;
  console.log(`forecast, arrivals only (read a year, fit, two days): ${tArrivals.toFixed(0)} ms; ${arrivalsOnly.history.days} open days used`);
  console.log(`forecast with counter advice for today and tomorrow and a 20-day backtest: ${(tAll / 1000).toFixed(1)} s, ${(today!.staffing?.simulatedRuns ?? 0) + (tomorrow!.staffing?.simulatedRuns ?? 0)} simulated days`);
  console.log(`memory: RSS ${mib(rssBefore)} before the forecast, peak ${mib(maxRss)}`);
  console.log(`today ${today!.serviceDay}: ${today!.expectedTotal} expected; advice: ${today!.staffing?.changes.map((c) => `${c.from} ${c.change > 0 ? '+' : ''}${c.change} (${c.total})`).join(', ')}`);
  const b = f.backtest!;
  console.log(`backtest over ${b.days.length} days: MAE ${b.maePerQueueSlot} tickets per queue per half hour; MAPE ${(b.mapeHallSlot! * 100).toFixed(1)} % of the hall's tickets per half hour; ${(b.mapeDay! * 100).toFixed(1)} % per day`);
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
