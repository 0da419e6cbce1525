// Benchmark: central uplink ingest. Starts a real PostgreSQL 15 (fsync on),
// runs the central server as its own process (`central/main.ts serve`,
// rate limit off), registers one hall and pushes 100,000 events in 500-event
// batches over HTTP, one batch at a time as a hall's uplink worker does; then
// the same volume from 4 halls at once; then times the overview over it all.
// Prints figures only: events/s, batch latency, server RSS, table size.
//   node --import tsx bench/central-ingest.ts [events=100000]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { addHall } from '../central/halls/registry.js';
import { migrate } from '../central/migrate.js';
import { startPostgres } from '../tests/helpers/postgres.js';
import { percentile } from './stats.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const BATCH = 500;
const root = path.resolve(import.meta.dirname, '..');

function rssOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

function eventsFor(n: number, day0: number) {
  const types = ['ticket_issued', 'ticket_called', 'service_started', 'service_finished', 'rating_recorded'] as const;
  return Array.from({ length: n }, (_, i) => {
    const seq = i + 1;
    const ticket = Math.floor(i / 5);
    const type = types[i % 5]!;
    const at = day0 + i * 2000;
    const base = { ticketId: `t${ticket}`, number: `A${String(ticket % 1000).padStart(3, '0')}`, counterId: `c${ticket % 12}` };
    const payload =
      type === 'ticket_issued'
        ? { ...base, queueId: 'A', matterId: 'M0001', ticketClass: 'walk_in', greenCategory: null, kioskId: 'k1', issuedAt: at, issueSeq: ticket, queueNumber: ticket % 1000, appointmentId: null, checkIn: null }
        : type === 'ticket_called'
          ? { ...base, counterNumber: ticket % 12, staffId: 's1', ticketClass: 'walk_in', reason: 'in_order', specialReason: null, priorityStreak: 0, walkInStreak: 0 }
          : type === 'service_finished'
            ? { ...base, staffId: 's1', matterId: 'M0001' }
            : type === 'rating_recorded'
              ? { ratingId: `r${ticket}`, ticketId: base.ticketId, counterId: base.counterId, outcome: 'satisfied', source: 'pad' }
              : base;
    const day = new Date(day0 + Math.floor(i / 2000) * 86_400_000).toISOString().slice(0, 10);
    return { seq, id: randomUUID(), type, schemaVersion: 1, serviceDay: day, at, hlc: `${String(at).padStart(16, '0')}:0000:bench`, payload };
  });
}

async function post(url: string, token: string, body: string): Promise<{ status: number; json: { ackSeq: number; stream: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as { ackSeq: number; stream: string } };
}

async function pushAll(url: string, hallId: string, token: string, events: ReturnType<typeof eventsFor>): Promise<number[]> {
  const reg = await post(`${url}/v1/halls/${hallId}/register`, token, JSON.stringify({ reason: 'first_start' }));
  const stream = reg.json.stream;
  const latencies: number[] = [];
  for (let i = 0; i < events.length; i += BATCH) {
    const body = JSON.stringify({ batchId: randomUUID(), stream, events: events.slice(i, i + BATCH) });
    const t = performance.now();
    const r = await post(`${url}/v1/halls/${hallId}/events`, token, body);
    latencies.push(performance.now() - t);
    if (r.status !== 200 || r.json.ackSeq !== Math.min(events.length, i + BATCH)) throw new Error(`batch at ${i}: ${r.status} ${JSON.stringify(r.json)}`);
  }
  return latencies;
}

const pct = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);

const server = await startPostgres({ durable: true });
const databaseUrl = await server.createDatabase();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
await migrate(pool);
const halls = await Promise.all(['bench-0', 'bench-1', 'bench-2', 'bench-3', 'bench-4'].map(async (id) => ({ id, ...(await addHall(pool, Date.now(), id, id)) })));

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'central/main.ts'), 'serve'], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT: 'off', OPERATOR_TOKEN: 'bench' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`central exited ${code}`)));
  });
  const day0 = Date.UTC(2026, 10, 2, 1, 0);
  const rssStart = rssOf(child.pid!);

  const one = eventsFor(TOTAL, day0);
  const bytes = Buffer.byteLength(JSON.stringify(one.slice(0, BATCH)));
  let t = performance.now();
  const lat = await pushAll(url, halls[0]!.id, halls[0]!.token, one);
  const oneSeconds = (performance.now() - t) / 1000;
  const rssAfterOne = rssOf(child.pid!);

  const perHall = Math.floor(TOTAL / 4);
  const sets = halls.slice(1).map(() => eventsFor(perHall, day0));
  t = performance.now();
  const lats = await Promise.all(halls.slice(1).map((h, i) => pushAll(url, h.id, h.token, sets[i]!)));
  const fourSeconds = (performance.now() - t) / 1000;
  const rssEnd = rssOf(child.pid!);

  t = performance.now();
  const ov = await fetch(`${url}/v1/overview?from=2026-11-01&to=2026-11-30`, { headers: { authorization: 'Bearer bench' } });
  const days = ((await ov.json()) as { days: unknown[] }).days.length;
  const overviewMs = performance.now() - t;
  const size = await pool.query("SELECT pg_size_pretty(pg_total_relation_size('events')) AS s, (SELECT count(*) FROM events) AS n");

  const all = lats.flat();
  console.log(`central ingest — PostgreSQL 15 (fsync on), ${BATCH}-event batches (~${Math.round(bytes / 1024)} KiB each), server in its own process`);
  console.log(`  1 hall,  ${TOTAL} events: ${(TOTAL / oneSeconds).toFixed(0)} events/s (${oneSeconds.toFixed(1)} s); batch latency p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms`);
  console.log(`  4 halls, ${perHall * 4} events at once: ${((perHall * 4) / fourSeconds).toFixed(0)} events/s (${fourSeconds.toFixed(1)} s); batch latency p50 ${pct(all, 50).toFixed(0)} ms, p99 ${pct(all, 99).toFixed(0)} ms`);
  console.log(`  server RSS: ${rssStart.rssMiB.toFixed(0)} MiB at start, ${rssAfterOne.rssMiB.toFixed(0)} MiB after 1 hall, ${rssEnd.rssMiB.toFixed(0)} MiB at end (peak ${rssEnd.peakMiB.toFixed(0)} MiB)`);
  console.log(`  events table: ${size.rows[0].n} rows, ${size.rows[0].s} with indexes`);
  console.log(`  overview (30 days, ${days} hall-days): ${overviewMs.toFixed(0)} ms`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await pool.end();
  await server.stop();
}
