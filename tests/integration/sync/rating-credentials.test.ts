// The rating upload's credentials file is read lazily and at every request:
// a missing file no longer stops the hall from starting (also with
// enabled:false) — the upload status says what is wrong and nothing is sent;
// a file put in place later is used at once; after `central rotate-token` the
// new token written to the file is used without a restart. Real central
// server, real PostgreSQL, real SQLite outbox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import { rotateHallToken } from '../../../central/halls/registry.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { migration0006 } from '../../../hall/store/migrations/0006-rating-outbox.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker, type HallPartsForRatings } from '../../../hall/sync/ratings/create.js';

const HALL = 'hall-cred';
const MIGRATIONS = [...migrations.filter((m) => m.version < 6), migration0006];
const hallParts: HallPartsForRatings = {
  hall: { id: HALL, areaCode: '150602', utcOffsetMinutes: 480 },
  matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }],
};
const T0 = Date.UTC(2026, 10, 21, 2, 30, 0);

let pg: TestPostgres;
let central: RunningCentral;
let token: string;
let dir: string;
let db: Db;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
afterEach(async () => {
  if (db?.open) db.close();
  await central?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function setUp(): Promise<void> {
  central = await startCentralServer({ databaseUrl: await pg.createDatabase(), rateLimit: false, now: () => T0 });
  token = (await central.addHall(HALL, '测试大厅', '150602')).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-rating-cred-'));
  db = openDatabase(path.join(dir, 'hall.db'), MIGRATIONS);
}

let tickets = 0;
function rate(outcome = 'satisfied'): string {
  const i = ++tickets;
  db.prepare(
    `INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq) VALUES (?, '2026-11-21', ?, 'q', 'm-house', 'walk_in', 'done', ?, ?)`,
  ).run(`t-${i}`, `A${String(i).padStart(3, '0')}`, T0 - 600_000, i);
  db.prepare(
    `INSERT INTO ratings (id, ticket_id, counter_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES (?, ?, 'c1', 'm-house', '2026-11-21', ?, ?, ?, 'pad', ?)`,
  ).run(`rating-${i}`, `t-${i}`, T0 - 60_000, T0, outcome, T0);
  return `rating-${i}`;
}

const stateOf = (id: string) => db.prepare('SELECT state, attempts FROM rating_uploads WHERE rating_id = ?').get(id) as { state: string; attempts: number } | undefined;

describe('rating upload credentials', () => {
  it('a missing credentials file does not throw; the status reports it; nothing is sent until the file exists', async () => {
    await setUp();
    const config = (over: object = {}) => ratingUploadSchema.parse({ destination: { profile: 'national', url: central.url, credentialsFile: 'central.json' }, ...over });
    const timers = new ManualTimers(T0);
    // Disabled: building it must not read the file either.
    expect(() => createRatingUploadWorker({ db, config: config({ enabled: false }), hall: hallParts, dataDir: dir, timers })).not.toThrow();

    const worker = createRatingUploadWorker({ db, config: config(), hall: hallParts, dataDir: dir, timers, random: () => 0.5 });
    const id = rate();
    const report = await worker.runOnce();
    expect(report.problem).toMatch(/central\.json.*ENOENT/);
    expect(report.acked).toBe(0);
    expect(stateOf(id)).toMatchObject({ state: 'pending', attempts: 0 }); // queued, not tried
    const status = worker.status();
    expect(status.problem).toMatch(/cannot read the rating upload credentials file .*central\.json/);
    expect(status.problem).not.toContain(token);

    // The file appears (here: the uplink's plain sync-token format): used at once, no restart.
    fs.writeFileSync(path.join(dir, 'central.json'), `${token}\n`, { mode: 0o600 });
    expect(await worker.runOnce()).toMatchObject({ acked: 1 });
    expect(stateOf(id)).toMatchObject({ state: 'acked', attempts: 1 });
    expect(worker.status().problem).toBeNull();
  });

  it('after central rotate-token, the new token written to the file is used without a restart', async () => {
    await setUp();
    fs.writeFileSync(path.join(dir, 'central.json'), JSON.stringify({ hallToken: token }), { mode: 0o600 });
    const config = ratingUploadSchema.parse({ destination: { profile: 'national', url: central.url, credentialsFile: 'central.json' } });
    const timers = new ManualTimers(T0);
    const worker = createRatingUploadWorker({ db, config, hall: hallParts, dataDir: dir, timers, random: () => 0.5 });
    const first = rate();
    expect(await worker.runOnce()).toMatchObject({ acked: 1 });
    expect(stateOf(first)!.state).toBe('acked');

    const rotated = (await rotateHallToken(central.pool, HALL)).token;
    fs.writeFileSync(path.join(dir, 'central.json'), JSON.stringify({ hallToken: rotated }), { mode: 0o600 });
    const second = rate('very_satisfied');
    expect(await worker.runOnce()).toMatchObject({ acked: 1 });
    expect(stateOf(second)).toMatchObject({ state: 'acked', attempts: 1 });
    const held = await central.pool.query('SELECT rating_id FROM ratings_received ORDER BY rating_id');
    expect(held.rows.map((r) => r.rating_id)).toEqual([first, second]);
  });
});
