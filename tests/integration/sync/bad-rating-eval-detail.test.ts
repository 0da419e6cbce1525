// A bad rating's reason tags (its 差评 case, hall/cases/) go up in the rating's evalDetail to a
// provincial 好差评 system (the real emulator over HTTP), and the bad rating's first upload waits
// for the tag window (badRatingCases.tagWindowSeconds) so tags given on the screen are not left behind.
// Mutations tried: the outbox sending evalDetail [] (the tags test fails); the enqueue ignoring
// the hold (the first run sends the bad rating before its tags: the hold test fails).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker, type HallPartsForRatings } from '../../../hall/sync/ratings/create.js';
import type { RatingUploadWorker } from '../../../hall/sync/ratings/worker.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';

const T0 = Date.UTC(2026, 10, 21, 2, 0, 0);
const DEPT = '11150602MB1234567X';
const hall: HallPartsForRatings = {
  hall: { id: 'hall-bt', areaCode: '150602', utcOffsetMinutes: 480 },
  matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }],
  badRatingCases: { tagWindowSeconds: 90 },
};

let dir: string;
let db: Db;
let emulator: ProvincialEmulator;
let timers: ManualTimers;
let w: RatingUploadWorker;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-bad-rating-'));
  fs.writeFileSync(path.join(dir, 'province.json'), JSON.stringify({ clientId: 'hall-bt', clientSecret: 's3cret' }));
  db = openDatabase(path.join(dir, 'hall.db'), migrations);
  timers = new ManualTimers(T0);
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'hall-bt', clientSecret: 's3cret' }] });
  const config = ratingUploadSchema.parse({ destination: { id: 'zj', profile: 'provincial', url: emulator.url, credentialsFile: 'province.json' }, deptCode: DEPT, requestTimeoutSeconds: 1 });
  w = createRatingUploadWorker({ db, config, hall, dataDir: dir, timers, random: () => 0.5, log: () => undefined });
});

afterEach(async () => {
  await w.stop();
  await emulator.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rate(n: number, outcome: string): string {
  const ticketId = `0190a3b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
  db.prepare(`INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq, counter_id, ended_at) VALUES (?, '2026-11-21', ?, 'q-a', 'm-house', 'walk_in', 'done', ?, ?, 'c1', ?)`).run(ticketId, `A00${n}`, T0 - 600_000, n, T0 - 60_000);
  db.prepare(`INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES (?, ?, 'c1', 's1', 'm-house', '2026-11-21', ?, ?, ?, 'pad', ?)`).run(`rating-${n}`, ticketId, T0 - 60_000, T0, outcome, T0);
  return ticketId;
}

describe('evalDetail: a bad rating’s reason tags', () => {
  it('holds a bad rating for the tag window, then sends its tags; other ratings go at once', async () => {
    const good = rate(1, 'satisfied');
    const bad = rate(2, 'very_dissatisfied');
    expect(await w.runOnce()).toMatchObject({ queued: 2, acked: 1 });
    expect(emulator.ratings.has(`${good}#1`)).toBe(true);
    expect(emulator.ratings.has(`${bad}#1`)).toBe(false);
    // The visitor picks tags on the screen within the window (the case book stores them).
    db.prepare(`INSERT INTO bad_rating_cases (id, code, rating_id, ticket_id, service_day, matter_id, counter_id, level, source, rated_at, real_name, reason_tags, status, revisit_due_at, rectify_due_at, created_at, updated_at)
      VALUES ('b1', 'B261121-001', 'rating-2', ?, '2026-11-21', 'm-house', 'c1', 'very_dissatisfied', 'pad', ?, 0, '["service_attitude","service_efficiency"]', 'opened', 0, 0, 0, 0)`).run(bad, T0);
    timers.advance(90_000);
    expect(await w.runOnce()).toMatchObject({ acked: 1 });
    expect(emulator.ratings.get(`${bad}#1`)!.body).toMatchObject({ satisfaction: '1', evalDetail: ['service_attitude', 'service_efficiency'] });
    expect(emulator.ratings.get(`${good}#1`)!.body.evalDetail).toEqual([]);
  });
});
