// Drain after an outage: a hall comes back with a backlog of ratings (and,
// optionally, events) and sends them to the real central server
// (central/server.ts) over real PostgreSQL, with central's DEFAULT rate limit
// unless "off" is given. The uplink and the rating upload run in this process
// on real timers and real HTTP, as in the hall service. Prints: backlog, time
// until each backlog is drained, requests central answered 429, ratings/s and
// events/s.
// Run: node --import tsx bench/rating-drain.ts [ratings=10000] [events=10000] [rateLimit=on|off]
//   issue 11's test figure: node --import tsx bench/rating-drain.ts 1000 10000
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from '../tests/helpers/postgres.js';
import { startCentralServer } from '../central/server.js';
import { openDatabase } from '../hall/store/db.js';
import { migrations } from '../hall/store/migrations/index.js';
import { EventLog } from '../hall/store/event-log.js';
import { systemTimers } from '../hall/runtime/timers.js';
import { syncConfigSchema, resolveSyncSettings } from '../hall/config/sync-schema.js';
import { ratingUploadSchema } from '../hall/config/rating-upload-schema.js';
import { nodeHttpClient, type HttpClient } from '../protocol/sync/http-client.js';
import { UplinkWorker } from '../hall/sync/uplink/uplink-worker.js';
import { createRatingUploadWorker } from '../hall/sync/ratings/create.js';

const RATINGS = Number(process.argv[2] ?? 10_000);
const EVENTS = Number(process.argv[3] ?? 10_000);
const LIMITED = (process.argv[4] ?? 'on') !== 'off';
/** Give up (and print what was drained) after this long. */
const LIMIT_MS = 900_000;

async function main(): Promise<void> {
  const pg = await startPostgres();
  const central = await startCentralServer({ databaseUrl: await pg.createDatabase(), ...(LIMITED ? {} : { rateLimit: false }) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-drain-'));
  const http = nodeHttpClient();
  let throttled = 0;
  const counting: HttpClient = async (req) => {
    const res = await http(req);
    if (res.status === 429) throttled++;
    return res;
  };
  try {
    const hallId = 'bench-hall';
    const { token } = await central.addHall(hallId, '基准大厅', '150602');
    fs.writeFileSync(path.join(dir, 'sync-token'), token);
    const db = openDatabase(path.join(dir, 'hall.sqlite'), migrations);
    const log = new EventLog(db, { node: hallId });
    const now = Date.now();
    db.transaction(() => {
      const ticket = db.prepare(`INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq, counter_id, ended_at) VALUES (?, ?, ?, 'q-a', 'm-house', 'walk_in', 'done', ?, ?, 'c1', ?)`);
      const rating = db.prepare(`INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES (?, ?, 'c1', 's1', 'm-house', ?, ?, ?, 'satisfied', 'pad', ?)`);
      for (let i = 0; i < RATINGS; i++) {
        const at = now - 86_400_000 + i * 5;
        const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
        const id = `0190a3b2-0000-7000-8000-${String(i).padStart(12, '0')}`;
        ticket.run(id, day, `A${i}`, at - 600_000, i + 1, at - 60_000);
        rating.run(`rating-${i}`, id, day, at - 60_000, at, at);
      }
      for (let i = 0; i < EVENTS; i++) log.append(i % 2 ? 'counter_paused' : 'counter_resumed', '2026-11-21', now - 86_400_000 + i, { counterId: `c${i % 12}` });
    })();

    const settings = resolveSyncSettings(syncConfigSchema.parse({ centralUrl: central.url }), { id: hallId }, dir);
    const uplink = new UplinkWorker({ db, http: counting, timers: systemTimers, settings: { ...settings, centralUrl: central.url }, clock: log.clock });
    const ratings = createRatingUploadWorker({
      db,
      config: ratingUploadSchema.parse({ destination: { profile: 'national', url: central.url, credentialsFile: 'sync-token' }, lookbackDays: 7 }),
      hall: { hall: { id: hallId, areaCode: '150602', utcOffsetMinutes: 480 }, matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }] },
      dataDir: dir,
      timers: systemTimers,
      http: counting,
    });
    const acked = db.prepare(`SELECT count(*) FROM rating_uploads WHERE state = 'acked'`).pluck();
    const t0 = performance.now();
    let eventsMs: number | null = EVENTS === 0 ? 0 : null;
    let ratingsMs: number | null = RATINGS === 0 ? 0 : null;
    uplink.start();
    ratings.start();
    while ((eventsMs === null || ratingsMs === null) && performance.now() - t0 < LIMIT_MS) {
      await new Promise((r) => setTimeout(r, 50));
      const stream = uplink.store.currentStream();
      if (eventsMs === null && stream && uplink.store.cursor(stream) >= uplink.store.lastSeq()) eventsMs = performance.now() - t0;
      if (ratingsMs === null && (acked.get() as number) >= RATINGS) ratingsMs = performance.now() - t0;
    }
    await uplink.stop();
    await ratings.stop();
    const held = await central.pool.query<{ n: string }>('SELECT count(*) AS n FROM ratings_received WHERE hall_id = $1', [hallId]);
    const fmt = (ms: number | null, n: number, what: string) =>
      ms === null ? `not drained within ${LIMIT_MS / 1000} s` : `${(ms / 1000).toFixed(1)} s${ms > 0 ? `  →  ${Math.round(n / (ms / 1000))} ${what}/s` : ''}`;
    console.log(`Drain after an outage against central + PostgreSQL, localhost, central rate limit ${LIMITED ? 'default' : 'off'}`);
    console.log(`  backlog                 ${RATINGS} ratings, ${EVENTS} events`);
    console.log(`  ratings drained in      ${fmt(ratingsMs, RATINGS, 'ratings')} (central holds ${held.rows[0]!.n})`);
    console.log(`  events drained in       ${fmt(eventsMs, EVENTS, 'events')}`);
    console.log(`  answers 429             ${throttled}`);
    db.close();
  } finally {
    http.close();
    await central.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
