// Calling-policy benchmarks: call-next latency under each shipped policy with
// 10,000 tickets waiting (in-memory engine: decide + evolve, no SQLite), and
// the simulator's speed in simulated hall-days per second.
// Run: node --import tsx bench/policy.ts  (or npm run bench -- policy). Prints figures only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHallConfig } from '../hall/config/load.js';
import { hallSetupFrom } from '../hall/config/setup.js';
import type { CallingPolicy, HallSetup } from '../hall/domain/index.js';
import { localTime } from '../hall/simulator/day.js';
import { comparePolicies } from '../hall/simulator/compare.js';
import { generateDay } from '../hall/simulator/generate.js';
import { setupWithPolicy, shippedPolicies } from '../hall/simulator/policies.js';
import { recordDay } from '../hall/simulator/record.js';
import { memoryEngine, runDay } from '../hall/simulator/run.js';
import { summarize, timeIt } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const base = hallSetupFrom(loadHallConfig(path.join(root, 'config/demo-hall.json')));
const DAY = '2026-11-23';
const WAITING = 10_000;
const CALLS = 4_000;

/** The demo hall without daily caps, cut-offs or opening hours: 10,000 waiting is past any real cap. */
const uncapped: HallSetup = { ...base, calendar: null, queues: new Map([...base.queues].map(([id, q]) => [id, { ...q, dailyCap: null, cutOff: null }])) };

function callNextLatency(policy: CallingPolicy): void {
  const setup: HallSetup = setupWithPolicy(uncapped, policy);
  const engine = memoryEngine(setup, DAY);
  const queues = [...setup.queues.keys()];
  const matterOf = new Map(queues.map((q) => [q, [...setup.matters].find(([, m]) => m.queueId === q)![0]]));
  const counters = [...setup.counters.values()].filter((c) => c.queueIds.length);
  let now = localTime(DAY, '09:00', setup.dayRule.utcOffsetMinutes);
  let n = 0;
  // A mix like the generator's: 12 % green, 15 % on-time appointments, the rest walk-ins.
  const issue = () => {
    const id = `t${++n}`;
    const matterId = matterOf.get(queues[n % queues.length]!)!;
    if (n % 100 < 15) {
      engine.execute({ type: 'check_in', ticketId: id, kioskId: 'k', greenCategory: null, appointment: { id: `a${n}`, matterId, slotStart: now, slotEnd: now + 1_800_000, status: 'booked' } }, now);
    } else {
      engine.execute({ type: 'issue_ticket', ticketId: id, matterId, greenCategory: n % 100 >= 88 ? 'elderly' : null, kioskId: 'k' }, now);
    }
  };
  // 10,000 tickets over two hours, so by 11:00 the oldest are past any aging bound.
  for (let i = 0; i < WAITING; i++) {
    issue();
    now += 720;
  }
  for (const c of counters) engine.execute({ type: 'sign_in', counterId: c.id, staffId: `s-${c.id}` }, now);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const c = counters[i % counters.length]!;
    samples.push(timeIt(() => engine.execute({ type: 'call_next', counterId: c.id }, now)));
    engine.execute({ type: 'finish_service', counterId: c.id, ratingId: `r${i}` }, now);
    issue(); // keep about 10,000 waiting
    now += 1_000;
  }
  const waiting = [...engine.state.tickets.values()].filter((t) => t.status === 'waiting').length;
  console.log(summarize(`call next, ${policy.id} (${waiting} waiting)`, samples));
}

function simulatorSpeed(): void {
  const policies = new Map(shippedPolicies(base).map((p) => [p.id, p]));
  const p = policies.get('default')!;
  let days = 0;
  let tickets = 0;
  let started = performance.now();
  while (performance.now() - started < 5_000) {
    const day = generateDay(base, days);
    tickets += day.arrivals.length;
    runDay(day, base, p);
    days++;
  }
  let secs = (performance.now() - started) / 1000;
  console.log(`simulator: ${(days / secs).toFixed(1)} hall-days/s under one policy (generate + run; ${(tickets / days).toFixed(0)} visitors/day, ${(tickets / secs).toFixed(0)} visitors/s)`);

  let gen = 0;
  started = performance.now();
  while (performance.now() - started < 2_000) generateDay(base, gen++);
  console.log(`generator alone: ${(gen / ((performance.now() - started) / 1000)).toFixed(0)} days/s`);

  let comparisons = 0;
  started = performance.now();
  while (performance.now() - started < 5_000) {
    comparePolicies(generateDay(base, 1_000 + comparisons), base, p, policies.get('strict-green')!);
    comparisons++;
  }
  secs = (performance.now() - started) / 1000;
  console.log(`A/B comparison (two runs of one day): ${(comparisons / secs).toFixed(1)} comparisons/s`);

  const busy = generateDay(base, 77, { scale: 5 });
  const t = timeIt(() => comparePolicies(busy, base, p, policies.get('strict-green')!));
  console.log(`A/B comparison of a 5× day (${busy.arrivals.length} visitors, the admin API's largest scale): ${t.toFixed(0)} ms`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-'));
  const day = generateDay(base, 5);
  const rec = timeIt(() => recordDay(day, base, p, path.join(dir, 'hall.sqlite')));
  console.log(`record one day through the hall runtime into SQLite (synchronous=FULL, ${day.arrivals.length} visitors): ${(rec / 1000).toFixed(1)} s`);
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
const shipped = new Map(shippedPolicies(base).map((p) => [p.id, p]));
for (const id of ['strict', 'priority2-walkin1-nocap', 'priority3-walkin1-aging', 'weighted-targets']) callNextLatency(shipped.get(id)!);
simulatorSpeed();
