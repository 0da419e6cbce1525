// A month's report for a busy hall: a year of 1.5 million tickets (tests/helpers/report-year.ts,
// every service rated) in a real hall database, then the month of March by queue, by counter, by
// half hour (the charts' report) and its XLSX export; time of each and the process's peak RSS.
//   node --import tsx bench/report-month.ts [ticketsPerDay=5800]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../hall/store/db.js';
import { loadHallConfig } from '../hall/config/load.js';
import { hallSetupFrom } from '../hall/config/setup.js';
import { hallReport } from '../hall/reports/hall-report.js';
import { reportNamesOf } from '../hall/reports/names.js';
import { reportXlsx } from '../hall/reports/export.js';
import { busyHallConfig, generateYear } from '../tests/helpers/report-year.js';

const perDay = Number(process.argv[2] ?? 5_800);
const config = busyHallConfig(loadHallConfig(path.resolve(import.meta.dirname, '../config/demo-hall.json')));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
const db = openDatabase(path.join(dir, 'hall.sqlite'));
db.pragma('synchronous = OFF');
let t = performance.now();
const tickets = generateYear(db, config, hallSetupFrom(config), { firstDay: '2025-01-01', days: 365, ticketsPerDay: perDay, seed: 1 });
const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
console.log(`generated ${tickets.toLocaleString('en')} tickets, ${events.toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const peakGenerating = process.resourceUsage().maxRSS / 1024;
// The generator's peak is higher than a report's: the report's own memory shows as the RSS it adds.
db.pragma('shrink_memory');
const rssBefore = process.memoryUsage().rss / 1048576;
let rssMax = rssBefore;
const sample = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss / 1048576)), 5);
const names = reportNamesOf(config);
const march = { from: '2025-03-01', to: '2025-03-31' };
for (const by of ['queue', 'counter', 'half_hour'] as const) {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    n = hallReport(db, names, { ...march, by }, Date.now()).total.tickets;
    rssMax = Math.max(rssMax, process.memoryUsage().rss / 1048576);
    times.push(performance.now() - t);
  }
  console.log(`month report by ${by}: ${n.toLocaleString('en')} tickets, ${Math.min(...times).toFixed(0)} ms best, ${Math.max(...times).toFixed(0)} ms worst of 3`);
}
t = performance.now();
const xlsx = await reportXlsx(hallReport(db, names, { ...march, by: 'counter' }, Date.now()));
console.log(`month report by counter + XLSX export: ${(performance.now() - t).toFixed(0)} ms, ${(xlsx.length / 1024).toFixed(0)} KiB`);
clearInterval(sample);
console.log(`RSS before the reports ${rssBefore.toFixed(0)} MiB, at most ${rssMax.toFixed(0)} MiB during them (+${(rssMax - rssBefore).toFixed(0)} MiB); the generator's peak: ${peakGenerating.toFixed(0)} MiB`);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
