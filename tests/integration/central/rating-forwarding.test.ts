// Central 好差评 forwarding against real parts: PostgreSQL 15, the central
// server over TCP, the provincial emulator over TCP, and a hall's outbox on a
// real SQLite file uploading with the national profile.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, startCentral, type Central } from './helpers.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { migration0006 } from '../../../hall/store/migrations/0006-rating-outbox.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker, type HallPartsForRatings } from '../../../hall/sync/ratings/create.js';
import { nationalProfile, type RatingRecord } from '../../../protocol/central/ratings/profiles/index.js';

const DEPT = '11150602MB1234567X';
const HALL = 'hall-bt';
const hallParts: HallPartsForRatings = {
  hall: { id: HALL, areaCode: '150602', utcOffsetMinutes: 480 },
  matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }],
};
const MIGRATIONS = [...migrations.filter((m) => m.version < 6), migration0006];

let pg: TestPostgres;
let emulator: ProvincialEmulator;
let central: Central;
let token: string;
let dir: string;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

beforeEach(async () => {
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'central', clientSecret: 'p@ss' }] });
  central = await startCentral(pg, { operatorToken: 'op-token', provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss' } });
  token = (await central.central.addHall(HALL, '包头市政务服务中心', '150602')).token;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-rating-central-'));
});

afterEach(async () => {
  await central.close();
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const record = (over: Partial<RatingRecord> = {}): RatingRecord => {
  n++;
  return {
    ratingId: `r-${n}-${Math.random().toString(36).slice(2, 8)}`,
    hallId: HALL,
    caseNumber: `case-${n}-${Math.random().toString(36).slice(2, 8)}`,
    assessNumber: 1,
    level: 'very_satisfied',
    ratedAt: Date.UTC(2026, 10, 21, 2, 30, 0),
    channel: 'hall_pad',
    areaCode: '150602',
    deptCode: DEPT,
    matterCode: '000101001000',
    matterName: '不动产登记',
    comment: null,
    ...over,
  };
};

const post = (body: unknown, t = token) => call<{ status?: string; error?: { code: string; message: string } }>(central.central.url, 'POST', '/v1/ratings', { token: t, hallId: HALL, body });
const national = (r: RatingRecord) => nationalProfile.encode(r, { utcOffsetMinutes: 480 });
const forward = async (ratingId: string) =>
  (await central.central.pool.query('SELECT state, attempts, checks, reject_reason FROM rating_forwards WHERE rating_id = $1', [ratingId])).rows[0] as
    | { state: string; attempts: number; checks: number; reject_reason: string | null }
    | undefined;

async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('central rating forwarding', () => {
  it('hall outbox → central (national codes) → province (reversed codes, dashed time), each stored once', async () => {
    const db: Db = openDatabase(path.join(dir, 'hall.db'), MIGRATIONS);
    try {
      fs.writeFileSync(path.join(dir, 'central.json'), JSON.stringify({ hallToken: token }));
      const now = Date.UTC(2026, 10, 21, 2, 30, 0);
      db.prepare(
        `INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq) VALUES ('t-1', '2026-11-21', 'A001', 'q', 'm-house', 'walk_in', 'done', ?, 1)`,
      ).run(now - 600_000);
      db.prepare(
        `INSERT INTO ratings (id, ticket_id, counter_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES ('rating-1', 't-1', 'c1', 'm-house', '2026-11-21', ?, ?, 'dissatisfied', 'pad', ?)`,
      ).run(now - 60_000, now, now);
      const config = ratingUploadSchema.parse({ destination: { profile: 'national', url: central.central.url, credentialsFile: 'central.json' }, deptCode: DEPT });
      const worker = createRatingUploadWorker({ db, config, hall: hallParts, dataDir: dir, timers: new ManualTimers(now), random: () => 0.5 });
      expect(await worker.runOnce()).toMatchObject({ queued: 1, acked: 1 });
      await waitFor(async () => (await forward('rating-1'))?.state === 'acked');
      const received = (await central.central.pool.query('SELECT level, channel, rated_at, case_number FROM ratings_received WHERE rating_id = $1', ['rating-1'])).rows[0];
      expect(received).toMatchObject({ level: 'dissatisfied', channel: 'hall_pad', case_number: 't-1' });
      expect(Number(received.rated_at)).toBe(now);
      const atProvince = emulator.ratings.get('t-1#1')!.body;
      expect(atProvince).toMatchObject({ satisfaction: '2', assessTime: '2026-11-21 10:30:00', pf: '4', deptCode: DEPT });
      // The hall re-sends (e.g. its ack was lost): central answers duplicate, nothing doubles.
      const again = await post(national({ ...record(), ratingId: 'rating-1', caseNumber: 't-1', level: 'dissatisfied', ratedAt: now }));
      expect(again.body.status).toBe('duplicate');
      expect((await central.central.pool.query('SELECT COUNT(*)::int AS n FROM ratings_received')).rows[0].n).toBe(1);
      expect(emulator.submissions('t-1')).toHaveLength(1);
      // The hall's check after an unknown outcome: central holds it.
      const check = await call(central.central.url, 'GET', '/v1/ratings/rating-1', { token, hallId: HALL });
      expect(check.status).toBe(200);
      const missing = await call<{ error: { code: string } }>(central.central.url, 'GET', '/v1/ratings/nope', { token, hallId: HALL });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
    } finally {
      db.close();
    }
  });

  it('a second rating for the same case is a duplicate; a follow-up (assessNumber 2) is forwarded once', async () => {
    const first = record({ level: 'satisfied' });
    expect((await post(national(first))).body.status).toBe('accepted');
    expect((await post(national({ ...first, ratingId: 'other-id' }))).body.status).toBe('duplicate');
    const followUp = record({ caseNumber: first.caseNumber, assessNumber: 2, level: 'very_dissatisfied', comment: '追评：材料退回两次' });
    expect((await post(national(followUp))).body.status).toBe('accepted');
    expect((await post(national({ ...followUp, ratingId: 'another-follow-up' }))).body.status).toBe('duplicate');
    await waitFor(async () => (await forward(followUp.ratingId))?.state === 'acked' && (await forward(first.ratingId))?.state === 'acked');
    expect(emulator.ratings.get(`${first.caseNumber}#1`)!.body.satisfaction).toBe('4');
    expect(emulator.ratings.get(`${first.caseNumber}#2`)!.body).toMatchObject({ satisfaction: '1', assessNumber: 2, evalContent: '追评：材料退回两次' });
    expect(emulator.submissions(first.caseNumber)).toHaveLength(2);
  });

  it('rejects a bad body with its reason and stores nothing; a forward the province refuses is kept with its reason', async () => {
    const bad = await post({ ...national(record()), level: 6 });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'rejected' });
    expect(bad.body.error!.message).toMatch(/level/);
    const badTime = await post({ ...national(record()), ratedAt: '2026-11-21 10:30:00' });
    expect(badTime.status).toBe(422);
    expect(badTime.body.error!.message).toMatch(/YYYYMMDDThhmmss/);
    expect((await central.central.pool.query('SELECT COUNT(*)::int AS n FROM ratings_received')).rows[0].n).toBe(0);

    // A follow-up whose first rating never reached the province: the province refuses it.
    const orphan = record({ assessNumber: 2 });
    expect((await post(national(orphan))).body.status).toBe('accepted');
    // No department code: the provincial profile cannot express it (rejected before sending).
    const noDept = record({ deptCode: null });
    expect((await post(national(noDept))).body.status).toBe('accepted');
    await waitFor(async () => (await forward(orphan.ratingId))?.state === 'rejected' && (await forward(noDept.ratingId))?.state === 'rejected');
    expect((await forward(orphan.ratingId))!.reject_reason).toMatch(/without a first rating/);
    expect((await forward(noDept.ratingId))!.reject_reason).toMatch(/department credit code/);
    expect(emulator.submissions(noDept.caseNumber)).toHaveLength(0);
    const status = await call<{ counts: Record<string, number>; rejected: { ratingId: string; reason: string }[] }>(central.central.url, 'GET', '/v1/rating-forwards', { token: 'op-token' });
    expect(status.status).toBe(200);
    expect(status.body.counts.rejected).toBe(2);
    expect(status.body.rejected.map((r) => r.ratingId).sort()).toEqual([orphan.ratingId, noDept.ratingId].sort());
    expect((await call(central.central.url, 'GET', '/v1/rating-forwards', { token })).status).toBe(401);
  });

  it('a hall may not post ratings for another hall, nor without its token', async () => {
    expect((await post(national(record({ hallId: 'someone-else' })))).status).toBe(422);
    expect((await post(national(record()), 'wrong-token')).status).toBe(401);
  });

  it('central restarted mid-forward: the forward left in sent is checked, not sent twice', async () => {
    const r = record();
    // Province slow enough that the forward is still in flight when central stops.
    emulator.inject('submit', { kind: 'delay', ms: 3_000, afterStore: true });
    expect((await post(national(r))).body.status).toBe('accepted');
    await waitFor(() => emulator.ratings.has(`${r.caseNumber}#1`));
    expect((await forward(r.ratingId))!.state).toBe('sent');
    const databaseUrl = central.databaseUrl;
    // Simulate the crash: the row stays `sent` (close() waits for the run, so force the state back after it).
    await central.close();
    const pool = new (await import('pg')).default.Pool({ connectionString: databaseUrl });
    // Sent longer ago than the request timeout + margin: no live process can still be sending it.
    await pool.query(`UPDATE rating_forwards SET state = 'sent', acked_at = NULL, sent_at = sent_at - 120000 WHERE rating_id = $1`, [r.ratingId]);
    await pool.end();
    central = await startCentral(pg, { operatorToken: 'op-token', provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss' } }, databaseUrl);
    await waitFor(async () => (await forward(r.ratingId))?.state === 'acked');
    expect(await forward(r.ratingId)).toMatchObject({ checks: 1, attempts: 1 });
    expect(emulator.submissions(r.caseNumber)).toHaveLength(1);
  });

  it('under a 503 after the province stored it, a cut-off 200 and a dropped answer, no rating is forwarded twice', async () => {
    // Issue 11: one rating reached the province twice (409 DUPLICATE). Every outcome that may have
    // stored it is now `unknown` and checked by case number first. Mutation: 5xx → retry in
    // protocol/sync/failure.ts, or a cut-off 200 taken as acked → a second submit / a 409 below.
    await central.close();
    central = await startCentral(pg, { operatorToken: 'op-token', provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss', timeoutMs: 1_000, pollMs: 200 } }, central.databaseUrl);
    const faults = [{ kind: 'status', status: 503, afterStore: true }, { kind: 'truncate' }, { kind: 'drop' }] as const;
    const rs = faults.map(() => record());
    for (const [i, f] of faults.entries()) {
      emulator.inject('submit', f);
      expect((await post(national(rs[i]!))).body.status).toBe('accepted');
      await waitFor(async () => (await forward(rs[i]!.ratingId))?.state === 'acked');
    }
    for (const r of rs) {
      expect(await forward(r.ratingId)).toMatchObject({ state: 'acked', attempts: 1, checks: 1 });
      expect(emulator.submissions(r.caseNumber)).toHaveLength(1);
    }
    expect(emulator.requests.filter((q) => q.code === 'DUPLICATE')).toHaveLength(0);
  });
});
