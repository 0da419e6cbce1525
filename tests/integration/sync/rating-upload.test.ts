// The hall's 好差评 upload outbox against the real provincial emulator over
// TCP, on a real SQLite file: mapping, timeout with unknown outcome (checked,
// not sent twice), 5xx, 429 + Retry-After, expired token, duplicate, rejection
// kept with its reason, and a hall process killed mid-upload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { migration0006 } from '../../../hall/store/migrations/0006-rating-outbox.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema, type RatingUploadConfig } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker, type HallPartsForRatings } from '../../../hall/sync/ratings/create.js';
import type { RatingUploadWorker } from '../../../hall/sync/ratings/worker.js';
import { ProvincialDestination } from '../../../protocol/central/ratings/provincial-client.js';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const T0 = Date.UTC(2026, 10, 21, 2, 0, 0); // 2026-11-21 10:00 in the hall (UTC+8)
const DEPT = '11150602MB1234567X';

const hall: HallPartsForRatings = {
  hall: { id: 'hall-bt', areaCode: '150602', utcOffsetMinutes: 480 },
  matters: [{ id: 'm-house', code: '000101001000', name: '不动产登记', departmentId: 'dep-land' }],
};

/** Migrations up to the rating outbox, whatever the lead has registered meanwhile. */
const MIGRATIONS = [...migrations.filter((m) => m.version < 6), migration0006];

let dir: string;
let dbFile: string;
let db: Db;
let emulator: ProvincialEmulator;
let timers: ManualTimers;
let workers: RatingUploadWorker[];

function config(over: Record<string, unknown> = {}): RatingUploadConfig {
  return ratingUploadSchema.parse({
    destination: { id: 'zj', profile: 'provincial', url: emulator.url, credentialsFile: 'province.json' },
    deptCode: DEPT,
    requestTimeoutSeconds: 1,
    ...over,
  });
}

function worker(over: Record<string, unknown> = {}, database: Db = db): RatingUploadWorker {
  const w = createRatingUploadWorker({ db: database, config: config(over), hall, dataDir: dir, timers, random: () => 0.5, log: () => undefined });
  workers.push(w);
  return w;
}

let ticketNo = 0;
/** A finished ticket and its recorded rating, as the hall runtime stores them. */
function rate(outcome: string, source: 'pad' | 'screen' | 'qr' | 'kiosk' | 'timeout' = 'pad', at = timers.now()): { ratingId: string; ticketId: string } {
  ticketNo++;
  const ticketId = `0190a3b2-0000-7000-8000-${String(ticketNo).padStart(12, '0')}`;
  const ratingId = `rating-${ticketNo}`;
  db.prepare(
    `INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq, counter_id, ended_at)
     VALUES (?, '2026-11-21', ?, 'q-a', 'm-house', 'walk_in', 'done', ?, ?, 'c1', ?)`,
  ).run(ticketId, `A${String(ticketNo).padStart(3, '0')}`, at - 600_000, ticketNo, at - 60_000);
  db.prepare(
    `INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at)
     VALUES (?, ?, 'c1', 's1', 'm-house', '2026-11-21', ?, ?, ?, ?, ?)`,
  ).run(ratingId, ticketId, at - 60_000, at, outcome, source, at);
  return { ratingId, ticketId };
}

const state = (ratingId: string, destination = 'zj') =>
  db.prepare('SELECT state, attempts, checks, last_error, reject_reason, duplicate, next_attempt_at FROM rating_uploads WHERE rating_id = ? AND destination = ?').get(ratingId, destination) as
    | { state: string; attempts: number; checks: number; last_error: string | null; reject_reason: string | null; duplicate: number; next_attempt_at: number }
    | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-rating-upload-'));
  dbFile = path.join(dir, 'hall.db');
  fs.writeFileSync(path.join(dir, 'province.json'), JSON.stringify({ clientId: 'hall-bt', clientSecret: 's3cret' }));
  db = openDatabase(dbFile, MIGRATIONS);
  timers = new ManualTimers(T0);
  workers = [];
  ticketNo = 0;
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'hall-bt', clientSecret: 's3cret' }] });
});

afterEach(async () => {
  for (const w of workers) await w.stop();
  await emulator.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rating upload to a provincial system', () => {
  it('maps levels in the reversed provincial order and times in UTC+8; not_rated is skipped, never invented', async () => {
    const a = rate('very_satisfied');
    const b = rate('very_dissatisfied', 'screen');
    const c = rate('not_rated', 'timeout');
    const report = await worker().runOnce();
    expect(report).toMatchObject({ queued: 3, acked: 2 });
    const stored = emulator.ratings.get(`${a.ticketId}#1`)!.body;
    expect(stored.satisfaction).toBe('5');
    expect(stored.assessTime).toBe('2026-11-21 10:00:00');
    expect(stored).toMatchObject({ pf: '4', taskCode: '000101001000', deptCode: DEPT, areaCode: '150602', projectNo: a.ticketId });
    expect(emulator.ratings.get(`${b.ticketId}#1`)!.body.satisfaction).toBe('1');
    expect(emulator.ratings.has(`${c.ticketId}#1`)).toBe(false);
    expect(state(c.ratingId)).toMatchObject({ state: 'skipped', attempts: 0 });
    expect(state(c.ratingId)!.last_error).toMatch(/skip/);
    // Queuing is idempotent: a second run adds nothing and sends nothing.
    expect(await workers[0]!.runOnce()).toMatchObject({ queued: 0, acked: 0 });
    expect(emulator.submissions()).toHaveLength(2);
    const status = workers[0]!.status();
    expect(status.counts).toMatchObject({ acked: 2, skipped: 1, pending: 0 });
    expect(status.oldestPendingAgeMs).toBeNull();
  });

  it('every channel goes up as its own 评价渠道: the QR page as 二维码 (3), a self-service terminal as 其他终端 (5), the pad as 平板 (4) — mutation: sqlite-outbox mapping every source but pad to the screen channel fails it', async () => {
    const pad = rate('satisfied', 'pad');
    const qr = rate('basic', 'qr');
    const kiosk = rate('very_satisfied', 'kiosk');
    expect(await worker().runOnce()).toMatchObject({ queued: 3, acked: 3 });
    expect([pad, qr, kiosk].map((r) => emulator.ratings.get(`${r.ticketId}#1`)!.body.pf)).toEqual(['4', '3', '5']);
  });

  it('the running worker picks up a new rating by itself (start + timers)', async () => {
    const w = worker({ pollSeconds: 5 });
    w.start();
    const r = rate('satisfied');
    timers.advance(5_000);
    await waitFor(() => state(r.ratingId)?.state === 'acked');
    expect(emulator.ratings.get(`${r.ticketId}#1`)!.body.satisfaction).toBe('4');
  });

  it('queues incrementally, and the hourly full scan still finds a rating recorded under a clock that was behind', async () => {
    const w = worker();
    await w.runOnce(); // first run: full window
    timers.advance(30 * 60_000);
    const late = rate('satisfied', 'pad', T0 - 2 * 3_600_000); // rated_at far behind the last scan
    expect(await w.runOnce()).toMatchObject({ queued: 0 });
    timers.advance(30 * 60_000);
    expect(await w.runOnce()).toMatchObject({ queued: 1, acked: 1 });
    expect(state(late.ratingId)!.state).toBe('acked');
  });

  it('timeout with unknown outcome → checked with the province, acked, not sent twice', async () => {
    const r = rate('satisfied');
    emulator.inject('submit', { kind: 'delay', ms: 2_500, afterStore: true });
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ unknown: 1, acked: 0 });
    expect(state(r.ratingId)).toMatchObject({ state: 'unknown', attempts: 1 });
    expect(emulator.ratings.has(`${r.ticketId}#1`)).toBe(true); // the province did store it
    timers.advance(300_000);
    expect(await w.runOnce()).toMatchObject({ checked: 1, acked: 1 });
    expect(state(r.ratingId)).toMatchObject({ state: 'acked', attempts: 1, checks: 1 });
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
  });

  it('connection lost after the province stored it → unknown → found by the check, no second submit', async () => {
    const r = rate('basic');
    emulator.inject('submit', { kind: 'drop' });
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ unknown: 1 });
    timers.advance(300_000);
    await w.runOnce();
    expect(state(r.ratingId)!.state).toBe('acked');
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
  });

  it('an unknown upload the province does NOT hold is re-sent after the check says not found', async () => {
    const r = rate('basic');
    // Answer 404 to the first check while nothing is stored: simulate by marking unknown without sending.
    const w = worker();
    w.outbox.enqueue('zj', timers.now(), 30);
    db.prepare(`UPDATE rating_uploads SET state = 'unknown', attempts = 1 WHERE rating_id = ?`).run(r.ratingId);
    expect(await w.runOnce()).toMatchObject({ checked: 1, acked: 1 });
    const queries = emulator.requests.filter((q) => q.endpoint === 'query');
    expect(queries.map((q) => q.status)).toEqual([404]);
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
    expect(state(r.ratingId)).toMatchObject({ state: 'acked', attempts: 2, checks: 1 });
  });

  it('5xx → unknown: checked by case number before each re-send, then sent; stored once', async () => {
    // A 5xx may come after the province stored the rating (a gateway's 503): never re-send blind.
    // Mutation: 5xx classed as `retry` in protocol/sync/failure.ts → no query before the re-send, this fails.
    const r = rate('satisfied');
    emulator.inject('submit', { kind: 'status', status: 503 }, 2);
    const w = worker();
    await w.runOnce();
    let s = state(r.ratingId)!;
    expect(s).toMatchObject({ state: 'unknown', attempts: 1 });
    expect(s.last_error).toMatch(/503/);
    expect(s.next_attempt_at).toBeGreaterThan(timers.now());
    // Not due yet: nothing is sent.
    await w.runOnce();
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
    timers.advance(s.next_attempt_at - timers.now());
    await w.runOnce();
    s = state(r.ratingId)!;
    expect(s).toMatchObject({ state: 'unknown', attempts: 2, checks: 1 });
    timers.advance(s.next_attempt_at - timers.now());
    await w.runOnce();
    expect(state(r.ratingId)).toMatchObject({ state: 'acked', attempts: 3, checks: 2 });
    expect(emulator.submissions(r.ticketId).map((q) => q.status)).toEqual([503, 503, 200]);
    expect(emulator.requests.filter((q) => q.endpoint === 'query' && q.projectNo === r.ticketId)).toHaveLength(2);
  });

  it('a 503 or a cut-off answer after the province stored the rating: the check finds it, never sent twice', async () => {
    // Mutation: 5xx → retry (or a cut-off 200 read as acked/retry) → the second submit answers 409 DUPLICATE.
    const a = rate('satisfied');
    const w = worker();
    emulator.inject('submit', { kind: 'status', status: 503, afterStore: true });
    await w.runOnce();
    expect(state(a.ratingId)).toMatchObject({ state: 'unknown', attempts: 1 });
    timers.advance(state(a.ratingId)!.next_attempt_at - timers.now());
    await w.runOnce();
    expect(state(a.ratingId)).toMatchObject({ state: 'acked', attempts: 1, checks: 1 });
    expect(emulator.submissions(a.ticketId)).toHaveLength(1);

    const b = rate('basic');
    emulator.inject('submit', { kind: 'truncate' });
    await w.runOnce();
    expect(state(b.ratingId)).toMatchObject({ state: 'unknown', attempts: 1 });
    timers.advance(state(b.ratingId)!.next_attempt_at - timers.now());
    await w.runOnce();
    expect(state(b.ratingId)).toMatchObject({ state: 'acked', attempts: 1, checks: 1 });
    expect(emulator.submissions(b.ticketId)).toHaveLength(1);
    expect(emulator.ratings.has(`${b.ticketId}#1`)).toBe(true);
  });

  it('429 → waits Retry-After before sending again', async () => {
    const r = rate('satisfied');
    emulator.inject('submit', { kind: 'rate_limit', retryAfterSeconds: 120 });
    const w = worker();
    await w.runOnce();
    const s = state(r.ratingId)!;
    expect(s.state).toBe('pending');
    expect(s.next_attempt_at).toBe(T0 + 120_000);
    timers.advance(119_000);
    await w.runOnce();
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
    timers.advance(1_000);
    await w.runOnce();
    expect(state(r.ratingId)!.state).toBe('acked');
    expect(emulator.submissions(r.ticketId).map((q) => q.status)).toEqual([429, 200]);
  });

  it('an expired token is refreshed once and the call retried', async () => {
    const w = worker();
    rate('satisfied');
    await w.runOnce();
    emulator.expireTokens();
    const r = rate('dissatisfied');
    expect(await w.runOnce()).toMatchObject({ acked: 1 });
    expect(state(r.ratingId)!.state).toBe('acked');
    const tokenCalls = emulator.requests.filter((q) => q.endpoint === 'token');
    expect(tokenCalls).toHaveLength(2);
    expect(emulator.submissions(r.ticketId).map((q) => q.code)).toEqual(['TOKEN_EXPIRED', '0']);
  });

  it('a duplicate answer for the same case counts as acked, stored once', async () => {
    const r = rate('very_satisfied');
    // Someone (an earlier hall install, another channel) already reported this case.
    const other = new ProvincialDestination({
      baseUrl: emulator.url,
      credentials: { clientId: 'hall-bt', clientSecret: 's3cret' },
      http: nodeHttpClient(),
      now: () => timers.now(),
      timeoutMs: 2_000,
      encode: { utcOffsetMinutes: 480 },
    });
    await other.submit({
      ratingId: 'elsewhere',
      hallId: 'hall-bt',
      caseNumber: r.ticketId,
      assessNumber: 1,
      level: 'very_satisfied',
      ratedAt: T0,
      channel: 'qr_code',
      areaCode: '150602',
      deptCode: DEPT,
      matterCode: '000101001000',
      matterName: null,
      comment: null,
    });
    await worker().runOnce();
    expect(state(r.ratingId)).toMatchObject({ state: 'acked', duplicate: 1 });
    expect([...emulator.ratings.keys()].filter((k) => k.startsWith(r.ticketId))).toEqual([`${r.ticketId}#1`]);
    expect(emulator.submissions(r.ticketId).map((q) => q.code)).toEqual(['0', 'DUPLICATE']);
  });

  it('a rejected rating is kept with its reason, shown, not re-sent, and can be re-queued after a fix', async () => {
    const bad = rate('satisfied');
    const good = rate('basic');
    let w = worker({ channelCodes: { hall_pad: 'X9' } });
    const report = await w.runOnce();
    expect(report.rejected).toBe(2);
    expect(state(bad.ratingId)!.reject_reason).toMatch(/pf must be a channel code/);
    const status = w.status();
    expect(status.counts.rejected).toBe(2);
    expect(status.rejected.map((p) => p.ticketNumber).sort()).toEqual(['A001', 'A002']);
    expect(status.rejected[0]!.reason).toMatch(/pf/);
    await w.runOnce();
    expect(emulator.submissions()).toHaveLength(2);
    // The manager fixes the setting and re-queues one.
    await w.stop();
    w = worker();
    expect(w.outbox.requeue(good.ratingId, 'zj', timers.now())).toBe(true);
    expect(w.outbox.requeue(good.ratingId, 'zj', timers.now())).toBe(false);
    await w.runOnce();
    expect(state(good.ratingId)!.state).toBe('acked');
    expect(state(bad.ratingId)!.state).toBe('rejected');
  });

  it('a profile that cannot express the rating is rejected locally, nothing sent', async () => {
    const r = rate('satisfied');
    db.prepare(`UPDATE ratings SET source = 'screen' WHERE id = ?`).run(r.ratingId);
    await worker({ sourceChannels: { pad: 'hall_pad', screen: 'system_default' } }).runOnce();
    expect(state(r.ratingId)!.state).toBe('rejected');
    expect(state(r.ratingId)!.reject_reason).toMatch(/system_default.*channelCodes/);
    expect(emulator.submissions()).toHaveLength(0);
  });

  it('system_default policy: not_rated goes up only after N days, with the system-default channel', async () => {
    const r = rate('not_rated', 'timeout');
    const w = worker({ notRated: { policy: 'system_default', level: 'basic', afterDays: 7 }, channelCodes: { sms: '6', system_default: '7' } });
    expect(await w.runOnce()).toMatchObject({ queued: 0 });
    timers.advance(7 * 86_400_000);
    expect(await w.runOnce()).toMatchObject({ queued: 1, acked: 1 });
    expect(emulator.ratings.get(`${r.ticketId}#1`)!.body).toMatchObject({ satisfaction: '3', pf: '7' });
  });

  it('hall process killed mid-upload: the row survives as sent, is checked after restart, never sent twice', async () => {
    const r = rate('very_satisfied');
    db.close();
    emulator.inject('submit', { kind: 'delay', ms: 20_000, afterStore: true });
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript(dbFile, emulator.url)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await waitFor(() => emulator.ratings.has(`${r.ticketId}#1`), 30_000, () => stderr);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    db = openDatabase(dbFile, MIGRATIONS);
    expect(state(r.ratingId)).toMatchObject({ state: 'sent', attempts: 1 });
    const w = worker();
    w.start(); // sent → unknown
    await w.stop(); // driven by hand below
    expect(state(r.ratingId)!.state).toBe('unknown');
    // Not checked before the request timeout (1 s here) after the send: the province may still be
    // processing the request the dead process made, and would answer "not found".
    expect(await w.runOnce()).toMatchObject({ checked: 0, acked: 0 });
    timers.advance(1_000);
    expect(await w.runOnce()).toMatchObject({ checked: 1, acked: 1 });
    expect(state(r.ratingId)!.state).toBe('acked');
    expect(emulator.submissions(r.ticketId)).toHaveLength(1);
  });
});

function childScript(file: string, url: string): string {
  const mod = (p: string) => JSON.stringify(path.join(REPO, p));
  return `
    import { openDatabase } from ${mod('hall/store/db.ts')};
    import { migrations } from ${mod('hall/store/migrations/index.ts')};
    import { migration0006 } from ${mod('hall/store/migrations/0006-rating-outbox.ts')};
    import { ratingUploadSchema } from ${mod('hall/config/rating-upload-schema.ts')};
    import { createRatingUploadWorker } from ${mod('hall/sync/ratings/create.ts')};
    const db = openDatabase(${JSON.stringify(file)}, [...migrations.filter((m) => m.version < 6), migration0006]);
    const config = ratingUploadSchema.parse({ destination: { id: 'zj', profile: 'provincial', url: ${JSON.stringify(url)}, credentialsFile: 'province.json' }, deptCode: ${JSON.stringify(DEPT)}, requestTimeoutSeconds: 60 });
    const w = createRatingUploadWorker({ db, config, hall: ${JSON.stringify(hall)}, dataDir: ${JSON.stringify(path.dirname(file))}, timers: { now: () => ${T0}, at: () => ({ cancel() {} }) } });
    await w.runOnce();
  `;
}

async function waitFor(cond: () => boolean, timeoutMs = 10_000, why: () => string = () => ''): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms ${why()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
