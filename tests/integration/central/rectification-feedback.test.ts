// 整改反馈 (issue 15): a 差评 case closed at the hall reaches the provincial 好差评 system as
// the rating's rectification feedback — real PostgreSQL, the real central over TCP (its
// forwarder on real timers) and the provincial emulator over TCP.
// Mutations tried: the ingest no longer queues (queueClosedCases call removed) → the
// emulator never gets the feedback, fails; due() without the join on the rating's acked
// forward → the feedback is sent before the rating and refused, fails; the feedback check
// always answering not_found → re-sent after the 503, fails.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, ev, startCentral, type Central, type CentralHall } from './helpers.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';
import { nationalProfile, type RatingRecord } from '../../../protocol/central/ratings/profiles/index.js';

const HALL = 'hall-bt';
const CLOSED_AT = Date.UTC(2026, 10, 23, 6, 15, 0); // 14:15 Beijing time

let pg: TestPostgres;
let emulator: ProvincialEmulator;
let central: Central;
let hall: CentralHall;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
beforeEach(async () => {
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'central', clientSecret: 'p@ss' }] });
  central = await startCentral(pg, { provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss', pollMs: 100, timeoutMs: 1_000 } });
  hall = await central.hall(HALL);
});
afterEach(async () => {
  await central.close();
  await emulator.close();
});

const rating: RatingRecord = {
  ratingId: 'rating-bad-1',
  hallId: HALL,
  caseNumber: 't-bad-1',
  assessNumber: 1,
  level: 'very_dissatisfied',
  ratedAt: Date.UTC(2026, 10, 21, 2, 30, 0),
  channel: 'hall_pad',
  areaCode: '150602',
  deptCode: '11150602MB1234567X',
  matterCode: '000101001000',
  matterName: '不动产登记',
  comment: null,
};

const postRating = () =>
  call<{ status?: string }>(central.central.url, 'POST', '/v1/ratings', { token: hall.token, hallId: HALL, body: nationalProfile.encode(rating, { utcOffsetMinutes: 480 }) });

const closingEvents = () => [
  ev(1, 'bad_rating_case_resolved', { caseId: 'case-1', staffId: 's-1', resolution: 'explained' }, { at: CLOSED_AT - 3_600_000, serviceDay: '2026-11-23' }),
  ev(2, 'bad_rating_case_closed', { caseId: 'case-1', ratingId: rating.ratingId, staffId: 'mgr-1', outcome: 'resolved', late: false }, { at: CLOSED_AT, serviceDay: '2026-11-23' }),
];

const feedbackRow = async () =>
  (await central.central.pool.query('SELECT state, attempts FROM rectification_feedbacks WHERE rating_id = $1', [rating.ratingId])).rows[0] as { state: string; attempts: number } | undefined;
const ratingForward = async () => (await central.central.pool.query('SELECT state, attempts FROM rating_forwards WHERE rating_id = $1', [rating.ratingId])).rows[0] as { state: string; attempts: number } | undefined;
const rectifyCalls = () => emulator.requests.filter((r) => r.endpoint === 'rectify');

async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('central → province: 整改反馈 of a closed 差评 case', () => {
  it('a closed case is sent once after its rating, with the 解释说明 result, time and on-time flag; a re-sent closure queues nothing more', async () => {
    expect((await postRating()).body.status).toBe('accepted');
    const events = closingEvents();
    expect((await hall.push(events)).body).toMatchObject({ ackSeq: 2, accepted: 2 });
    // The hall re-sends the same events (its ack was lost) in a new batch: duplicates, no second feedback.
    expect((await hall.push(events)).body).toMatchObject({ ackSeq: 2, duplicates: 2 });
    await waitFor(async () => (await feedbackRow())?.state === 'acked');
    expect(emulator.rectifications.get('t-bad-1#1')!.body).toEqual({
      projectNo: 't-bad-1',
      assessNumber: 1,
      rectifyResult: 'explained',
      rectifyTime: '2026-11-23 14:15:00',
      onTime: true,
    });
    // The rating reached the province before its feedback.
    const order = emulator.requests.filter((r) => r.endpoint === 'submit' || r.endpoint === 'rectify').map((r) => r.endpoint);
    expect(order).toEqual(['submit', 'rectify']);
    // Another poll round sends nothing more.
    await new Promise((r) => setTimeout(r, 400));
    expect(rectifyCalls()).toHaveLength(1);
    expect((await central.central.pool.query('SELECT COUNT(*)::int AS n FROM rectification_feedbacks')).rows[0].n).toBe(1);
  });

  it('the province down first: the rating, then its feedback, arrive exactly once when it is back', async () => {
    const port = Number(new URL(emulator.url).port);
    await emulator.close();
    expect((await postRating()).body.status).toBe('accepted');
    expect((await hall.push(closingEvents())).body).toMatchObject({ ackSeq: 2, accepted: 2 });
    await waitFor(async () => ((await ratingForward())?.attempts ?? 0) >= 1);
    expect((await feedbackRow())?.state).toBe('pending'); // waits for its rating
    await emulator.listen('127.0.0.1', port);
    await waitFor(async () => (await feedbackRow())?.state === 'acked');
    expect(emulator.submissions('t-bad-1')).toHaveLength(1);
    expect(rectifyCalls()).toHaveLength(1);
    expect(rectifyCalls()[0]!.status).toBe(200);
  });

  it('the province down after the rating, and a 503 after storing the feedback: checked by case number, never sent twice', async () => {
    const port = Number(new URL(emulator.url).port);
    expect((await postRating()).body.status).toBe('accepted');
    await waitFor(async () => (await ratingForward())?.state === 'acked');
    await emulator.close();
    expect((await hall.push(closingEvents())).body).toMatchObject({ ackSeq: 2, accepted: 2 });
    await waitFor(async () => ((await feedbackRow())?.attempts ?? 0) >= 1);
    expect(emulator.rectifications.size).toBe(0);
    emulator.inject('rectify', { kind: 'status', status: 503, afterStore: true });
    await emulator.listen('127.0.0.1', port);
    await waitFor(async () => (await feedbackRow())?.state === 'acked');
    expect(rectifyCalls()).toHaveLength(1); // stored with the 503; the check found it
    expect(emulator.requests.some((r) => r.endpoint === 'rectify_query' && r.status === 200)).toBe(true);
    expect(emulator.rectifications.size).toBe(1);
  });

  it('the province refuses a feedback for a case it holds no rating for, and a bad body, with reasons', async () => {
    const tokenAnswer = await fetch(`${emulator.url}/api/v1/token`, { method: 'POST', body: JSON.stringify({ clientId: 'central', clientSecret: 'p@ss' }) });
    const accessToken = ((await tokenAnswer.json()) as { data: { accessToken: string } }).data.accessToken;
    const send = (body: unknown) =>
      fetch(`${emulator.url}/api/v1/evaluation/rectification`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body) });
    const orphan = await send({ projectNo: 'nobody', assessNumber: 1, rectifyResult: 'rectified', rectifyTime: '2026-11-23 14:15:00', onTime: true });
    expect(orphan.status).toBe(422);
    expect(((await orphan.json()) as { msg: string }).msg).toContain('no rating held');
    const bad = await send({ projectNo: 'nobody', assessNumber: 1, rectifyResult: 'done', rectifyTime: '2026-11-23 14:15:00', onTime: true });
    expect(((await bad.json()) as { msg: string }).msg).toContain('rectifyResult');
    expect(emulator.rectifications.size).toBe(0);
  });
});
