// A 差评's reason tags (GB/T 39734-2020 indicator codes, the hall's bad_rating_cases.reason_tags)
// travel hall → central in the national body's evalDetail and central → province in the
// provincial evalDetail. Real parts: the hall's outbox on a SQLite file, central on PostgreSQL 15
// over TCP, the provincial emulator over TCP.
// Mutations checked: the national encode leaving evalDetail out (central stores {} and the
// province gets [] → the first test fails); central's record() not reading eval_detail (the
// province gets [] → fails); the national schema accepting any string (the bad code is stored →
// the second test fails: the hall row is acked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startCentral, type Central } from './helpers.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker, type HallPartsForRatings } from '../../../hall/sync/ratings/create.js';

const DEPT = '11150602MB1234567X';
const HALL = 'hall-tags';
const T0 = Date.UTC(2026, 10, 21, 2, 30, 0);
const hallParts: HallPartsForRatings = {
  hall: { id: HALL, areaCode: '150602', utcOffsetMinutes: 480 },
  matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }],
  badRatingCases: { tagWindowSeconds: 60 },
};

let pg: TestPostgres;
let emulator: ProvincialEmulator;
let central: Central;
let token: string;
let dir: string;
let db: Db;

beforeAll(async () => {
  pg = await startPostgres();
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'central', clientSecret: 'p@ss' }] });
  central = await startCentral(pg, { operatorToken: 'op', provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss', pollMs: 100 } });
  token = (await central.central.addHall(HALL, '包头市政务服务中心', '150602')).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-eval-detail-'));
  db = openDatabase(path.join(dir, 'hall.db'), migrations);
}, 60_000);

afterAll(async () => {
  db?.close();
  await central?.close();
  await emulator?.close();
  await pg?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function rate(n: number, outcome: string, tags: string[] | null): string {
  const ticketId = `0190a3b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
  db.prepare(`INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq, counter_id, ended_at) VALUES (?, '2026-11-21', ?, 'q-a', 'm-house', 'walk_in', 'done', ?, ?, 'c1', ?)`).run(ticketId, `A00${n}`, T0 - 600_000, n, T0 - 60_000);
  db.prepare(`INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES (?, ?, 'c1', 's1', 'm-house', '2026-11-21', ?, ?, ?, 'pad', ?)`).run(`rating-${n}`, ticketId, T0 - 60_000, T0, outcome, T0);
  if (tags) {
    db.prepare(`INSERT INTO bad_rating_cases (id, code, rating_id, ticket_id, service_day, matter_id, counter_id, level, source, rated_at, real_name, reason_tags, status, revisit_due_at, rectify_due_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, '2026-11-21', 'm-house', 'c1', ?, 'pad', ?, 0, ?, 'opened', 0, 0, 0, 0)`).run(`case-${n}`, `B261121-00${n}`, `rating-${n}`, ticketId, outcome, T0, JSON.stringify(tags));
  }
  return ticketId;
}

async function waitFor(cond: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`${what}: not within 15 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('差评 reason tags: hall → central → province', () => {
  it('the tags the visitor chose reach central and the province; a good rating carries none', async () => {
    const bad = rate(1, 'very_dissatisfied', ['service_attitude', 'service_efficiency']);
    const good = rate(2, 'satisfied', null);
    fs.writeFileSync(path.join(dir, 'central.json'), JSON.stringify({ hallToken: token }));
    const config = ratingUploadSchema.parse({ destination: { profile: 'national', url: central.central.url, credentialsFile: 'central.json' }, deptCode: DEPT });
    const timers = new ManualTimers(T0 + 61_000); // past the tag window: the bad rating goes too
    const worker = createRatingUploadWorker({ db, config, hall: hallParts, dataDir: dir, timers, random: () => 0.5 });
    try {
      expect(await worker.runOnce()).toMatchObject({ queued: 2, acked: 2 });
    } finally {
      await worker.stop();
    }
    const held = await central.central.pool.query<{ rating_id: string; eval_detail: string[] }>('SELECT rating_id, eval_detail FROM ratings_received ORDER BY rating_id');
    expect(held.rows).toEqual([
      { rating_id: 'rating-1', eval_detail: ['service_attitude', 'service_efficiency'] },
      { rating_id: 'rating-2', eval_detail: [] },
    ]);
    await waitFor(async () => emulator.ratings.has(`${bad}#1`) && emulator.ratings.has(`${good}#1`), 'both ratings at the province');
    expect(emulator.ratings.get(`${bad}#1`)!.body).toMatchObject({ satisfaction: '1', evalDetail: ['service_attitude', 'service_efficiency'] });
    expect(emulator.ratings.get(`${good}#1`)!.body.evalDetail).toEqual([]);
  });

  it('a reason tag that is not an indicator code is refused with the reason, nothing stored', async () => {
    rate(3, 'dissatisfied', ['服务态度 差']);
    const config = ratingUploadSchema.parse({ destination: { profile: 'national', url: central.central.url, credentialsFile: 'central.json' }, deptCode: DEPT });
    const worker = createRatingUploadWorker({ db, config, hall: hallParts, dataDir: dir, timers: new ManualTimers(T0 + 61_000), random: () => 0.5 });
    try {
      expect(await worker.runOnce()).toMatchObject({ rejected: 1 });
    } finally {
      await worker.stop();
    }
    const row = db.prepare(`SELECT state, reject_reason FROM rating_uploads WHERE rating_id = 'rating-3'`).get() as { state: string; reject_reason: string };
    expect(row.state).toBe('rejected');
    expect(row.reject_reason).toMatch(/evalDetail\.0: a reason tag is an indicator code/);
    expect((await central.central.pool.query(`SELECT 1 FROM ratings_received WHERE rating_id = 'rating-3'`)).rowCount).toBe(0);
  });
});
