// Hall service benchmarks (issue 2): issue-ticket and call-next latency with
// 10,000 tickets waiting across 8 queues, sustained issue+call throughput with
// durable writes (WAL, synchronous=FULL), service start time and memory.
// Run: npx tsx bench/hall.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHallConfig } from '../hall/config/load.js';
import { hallSetupFrom } from '../hall/config/setup.js';
import { HallRuntime } from '../hall/runtime/hall-runtime.js';
import { systemTimers } from '../hall/runtime/timers.js';
import { openDatabase } from '../hall/store/db.js';
import { startHallService } from '../hall/service.js';
import { mib, summarize, timeIt, timeItAsync } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const config = loadHallConfig(path.join(root, 'config/demo-hall.json'));
// 10,000 tickets a day: lift the demo's daily caps, or the engine (rightly) stops issuing.
for (const q of config.queues) q.dailyCap = null;
const matters = config.queues.map((q) => config.matters.find((m) => m.queueId === q.id)!.id);
const counters = config.counters.map((c, i) => ({ id: c.id, staffId: config.staff[i]!.id }));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-'));
/** The demo configuration without daily caps, as a file, for benchmarks that start the whole service. */
const uncappedConfig = () => {
  const file = path.join(tmp(), 'hall.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
};

function engineLevel(): void {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  const runtime = new HallRuntime(db, hallSetupFrom(config), systemTimers);
  runtime.start();
  for (const c of counters) runtime.execute({ type: 'sign_in', counterId: c.id, staffId: c.staffId });
  let n = 0;
  const issue = () => runtime.execute({ type: 'issue_ticket', ticketId: `t${n}`, matterId: matters[n++ % matters.length]!, greenCategory: n % 10 === 0 ? 'elderly' : null, kioskId: 'kiosk-1' });
  const fill = timeIt(() => {
    for (let i = 0; i < 10_000; i++) issue();
  });
  console.log(`filled 10,000 waiting tickets across 8 queues in ${fill.toFixed(0)} ms (${((10_000 / fill) * 1000).toFixed(0)} issues/s, durable)`);

  const issueSamples: number[] = [];
  const callSamples: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    issueSamples.push(timeIt(issue));
    const c = counters[i % counters.length]!;
    callSamples.push(timeIt(() => runtime.execute({ type: 'call_next', counterId: c.id })));
    runtime.execute({ type: 'finish_service', counterId: c.id, ratingId: `r${i}` });
  }
  console.log(summarize('runtime issue ticket (10k waiting)', issueSamples));
  console.log(summarize('runtime call next (10k waiting)', callSamples));

  let ops = 0;
  const started = performance.now();
  while (performance.now() - started < 3_000) {
    issue();
    const c = counters[ops % counters.length]!;
    runtime.execute({ type: 'call_next', counterId: c.id });
    runtime.execute({ type: 'finish_service', counterId: c.id, ratingId: `s${ops}` });
    ops += 3;
  }
  const secs = (performance.now() - started) / 1000;
  console.log(`sustained issue+call+finish: ${(ops / secs).toFixed(0)} durable operations/s (${(ops / 3 / secs).toFixed(0)} visitors/s), one transaction each`);
  runtime.stop();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function httpLevel(): Promise<void> {
  const dir = tmp();
  const hall = await startHallService({ port: 0, dataDir: dir, configPath: uncappedConfig() });
  const token = (id: string) => new URL(hall.pages.find((p) => p.terminalId === id)!.url).hash.slice(7);
  const kiosk = { authorization: `Bearer ${token('kiosk-1')}`, 'content-type': 'application/json' };
  const post = (route: string, headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${hall.url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json());
  for (let i = 0; i < 10_000; i++) hall.runtime.execute({ type: 'issue_ticket', ticketId: `pre${i}`, matterId: matters[i % 8]!, greenCategory: null, kioskId: null });
  const sessions: Record<string, string>[] = [];
  for (let i = 0; i < counters.length; i++) {
    const headers = { authorization: `Bearer ${token(`counter-${i + 1}`)}`, 'content-type': 'application/json' };
    const s = (await post(`/api/v1/counters/${counters[i]!.id}/session`, headers, { staffNo: config.staff[i]!.staffNo, pin: '1234' })) as { sessionToken: string };
    sessions.push({ ...headers, 'x-staff-session': s.sessionToken });
  }
  const issueSamples: number[] = [];
  const callSamples: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    issueSamples.push(await timeItAsync(() => post('/api/v1/tickets', kiosk, { matterId: matters[i % 8] })));
    const c = i % counters.length;
    callSamples.push(await timeItAsync(() => post(`/api/v1/counters/${counters[c]!.id}/actions/call-next`, sessions[c]!)));
    await post(`/api/v1/counters/${counters[c]!.id}/actions/finish`, sessions[c]!);
  }
  console.log(summarize('HTTP POST /tickets (10k waiting)', issueSamples));
  console.log(summarize('HTTP POST call-next (10k waiting)', callSamples));
  await hall.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function startAndMemory(): Promise<void> {
  const dir = tmp();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hall/main.ts'), '--port', '0', '--data', dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('running at') && resolve()));
  const startMs = performance.now() - t0;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  console.log(`hall service start (cold process, tsx, new data folder): ${startMs.toFixed(0)} ms to listening; RSS ${mib(rss)}`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });

  const dir2 = tmp();
  const hall = await startHallService({ port: 0, dataDir: dir2, configPath: uncappedConfig() });
  for (let i = 0; i < 10_000; i++) hall.runtime.execute({ type: 'issue_ticket', ticketId: `m${i}`, matterId: matters[i % 8]!, greenCategory: null, kioskId: null });
  await hall.close();
  const t1 = performance.now();
  const again = await startHallService({ port: 0, dataDir: dir2, configPath: uncappedConfig() });
  console.log(`in-process restart with 10,000 waiting tickets to reload: ${(performance.now() - t1).toFixed(0)} ms; heap used ${mib(process.memoryUsage().heapUsed)}, RSS ${mib(process.memoryUsage().rss)}`);
  await again.close();
  fs.rmSync(dir2, { recursive: true, force: true });
}

console.log(`ServiceHall hall benchmark — ${os.cpus().length} cores, Node ${process.version}, SQLite WAL + synchronous=FULL on ${os.tmpdir()}`);
engineLevel();
await httpLevel();
await startAndMemory();
