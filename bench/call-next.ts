// Call-next with the deadline look-ahead (issue 12), 10,000 waiting, under each shipped policy
// (the simulator's library and the demo hall's configured ones):
//   - the engine's choice alone (chooseNext) with the look-ahead, beside the engine before it
//     (hall/domain/calling.ts as of commit 2a55e1f, loaded from git into a temporary file);
//   - the whole durable call (HallRuntime: decide + evolve + one SQLite transaction, WAL,
//     synchronous=FULL) beside a raw durable SQLite transaction writing one small row into the
//     same database, the two timed alternately so both see the same disk and load.
// Run: node --import tsx bench/call-next.ts  (or npm run bench -- call-next). Prints figures only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadHallConfig } from '../hall/config/load.js';
import { hallSetupFrom } from '../hall/config/setup.js';
import { chooseNext, type CallingPolicy, type HallCommand, type HallSetup, type HallState } from '../hall/domain/index.js';
import { HallRuntime } from '../hall/runtime/hall-runtime.js';
import { ManualTimers } from '../hall/runtime/timers.js';
import { localTime } from '../hall/simulator/day.js';
import { setupWithPolicy, shippedPolicies } from '../hall/simulator/policies.js';
import { memoryEngine } from '../hall/simulator/run.js';
import { openDatabase } from '../hall/store/db.js';
import { summarize, timeIt } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const BEFORE = '2a55e1f';
const DAY = '2026-11-23';
const WAITING = 10_000;
const CALLS = 3_000;
const DURABLE_CALLS = 1_000;

const config = loadHallConfig(path.join(root, 'config/demo-hall.json'));
for (const q of config.queues) Object.assign(q, { dailyCap: null, cutOff: null });
const base: HallSetup = { ...hallSetupFrom(config), calendar: null };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-call-next-'));

type Choose = typeof chooseNext;

/** The engine's calling rule before issue 12, from git, its relative imports pointed at today's files (types and priorityClasses only). */
async function engineBefore(): Promise<Choose> {
  const source = execFileSync('git', ['show', `${BEFORE}:hall/domain/calling.ts`], { cwd: root, encoding: 'utf8' });
  const domain = path.join(root, 'hall/domain');
  const file = path.join(tmp, 'calling-before.ts');
  fs.writeFileSync(file, source.replace(/from '\.\/([\w-]+)\.js'/g, (_, name: string) => `from '${pathToFileURL(path.join(domain, `${name}.ts`)).href}'`));
  return ((await import(pathToFileURL(file).href)) as { chooseNext: Choose }).chooseNext;
}

/** 12 % green, 15 % on-time appointments (slot at check-in), the rest walk-ins, as bench/policy.ts. */
function issuer(setup: HallSetup, run: (cmd: HallCommand, now: number) => void) {
  const queues = [...setup.queues.keys()];
  const matterOf = new Map(queues.map((q) => [q, [...setup.matters].find(([, m]) => m.queueId === q)![0]]));
  let n = 0;
  return (now: number) => {
    const id = `t${++n}`;
    const matterId = matterOf.get(queues[n % queues.length]!)!;
    if (n % 100 < 15) run({ type: 'check_in', ticketId: id, kioskId: 'k', greenCategory: null, appointment: { id: `a${n}`, matterId, slotStart: now, slotEnd: now + 1_800_000, status: 'booked' } }, now);
    else run({ type: 'issue_ticket', ticketId: id, matterId, greenCategory: n % 100 >= 88 ? 'elderly' : null, kioskId: 'k' }, now);
  };
}

function fill(setup: HallSetup, run: (cmd: HallCommand, now: number) => void): { now: number; issue: (now: number) => void } {
  const issue = issuer(setup, run);
  let now = localTime(DAY, '09:00', setup.dayRule.utcOffsetMinutes);
  // 10,000 tickets over two hours: by the first call the oldest are past every cap.
  for (let i = 0; i < WAITING; i++) {
    issue(now);
    now += 720;
  }
  for (const c of setup.counters.values()) if (c.queueIds.length) run({ type: 'sign_in', counterId: c.id, staffId: `s-${c.id}` }, now);
  return { now, issue };
}

function engineLevel(policy: CallingPolicy, before: Choose): void {
  const setup = setupWithPolicy(base, policy);
  const engine = memoryEngine(setup, DAY);
  const run = (cmd: HallCommand, at: number) => void engine.execute(cmd, at);
  const filled = fill(setup, run);
  const { issue } = filled;
  let { now } = filled;
  const counters = [...setup.counters.values()].filter((c) => c.queueIds.length);
  const withLookAhead: number[] = [];
  const without: number[] = [];
  const reasons = new Map<string, number>();
  const state: HallState = engine.state;
  for (let i = 0; i < CALLS; i++) {
    const c = counters[i % counters.length]!;
    without.push(timeIt(() => before(state, setup, c.id, now)));
    let reason = '';
    withLookAhead.push(timeIt(() => void (reason = chooseNext(state, setup, c.id, now)?.reason ?? 'none')));
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    run({ type: 'call_next', counterId: c.id }, now);
    run({ type: 'finish_service', counterId: c.id, ratingId: `r${i}` }, now);
    issue(now); // keep about 10,000 waiting
    now += 1_000;
  }
  console.log(summarize(`choose next, ${policy.id}, look-ahead`, withLookAhead));
  console.log(summarize(`choose next, ${policy.id}, before (${BEFORE})`, without));
  console.log(`  reasons: ${[...reasons].map(([r, k]) => `${r} ${k}`).join(', ')}`);
}

function durableLevel(policy: CallingPolicy): void {
  const setup = setupWithPolicy(base, policy);
  const dir = fs.mkdtempSync(path.join(tmp, 'db-'));
  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  const timers = new ManualTimers(localTime(DAY, '09:00', setup.dayRule.utcOffsetMinutes));
  const runtime = new HallRuntime(db, setup, timers);
  runtime.start();
  const run = (cmd: HallCommand, at: number) => {
    timers.advance(Math.max(0, at - timers.now()));
    runtime.execute(cmd);
  };
  const filled = fill(setup, run);
  const { issue } = filled;
  let { now } = filled;
  const counters = [...setup.counters.values()].filter((c) => c.queueIds.length);
  db.exec('CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO bench_raw (at, payload) VALUES (?, ?)');
  const raw = db.transaction((i: number) => insert.run(i, '{"type":"ticket_called","ticketId":"t1","counterId":"c01"}'));
  const samples: number[] = [];
  const rawSamples: number[] = [];
  for (let i = 0; i < DURABLE_CALLS; i++) {
    const c = counters[i % counters.length]!;
    timers.advance(Math.max(0, now - timers.now()));
    rawSamples.push(timeIt(() => raw(i)));
    samples.push(timeIt(() => runtime.execute({ type: 'call_next', counterId: c.id })));
    run({ type: 'finish_service', counterId: c.id, ratingId: `r${i}` }, now);
    issue(now);
    now += 1_000;
  }
  console.log(summarize(`durable call next, ${policy.id}`, samples));
  console.log(summarize(`  raw durable transaction, same database`, rawSamples));
  runtime.stop();
  db.close();
}

console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
const before = await engineBefore();
const policies = new Map<string, CallingPolicy>();
for (const p of shippedPolicies(base)) policies.set(p.id, p);
for (const p of config.callingPolicies) policies.set(`demo-${p.id}`, { ...p, id: `demo-${p.id}`, classOrder: [...p.classOrder] });
for (const p of policies.values()) engineLevel(p, before);
for (const p of policies.values()) durableLevel(p);
fs.rmSync(tmp, { recursive: true, force: true });
