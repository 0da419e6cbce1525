// Central's phone routes against a real PostgreSQL 15 (central/phone/, protocol/central/phone.ts):
// board push full/delta/need_full, garbled boards refused with nothing stored, the public views
// (wrong key → 404 like an unknown ticket, staleness from the injected clock, long-poll answered
// by the next push), the inbox relay (seq per hall, long-poll woken by an append, first answer
// wins, the phone's rating state) and the per-address rate limit.
// Mutations tried: keyMatches always true (wrong key answered 200); applyBoardPush without the
// baseVersion check (the stale delta stored); the duplicate-ticket check removed (400 became 200
// and the board changed); recordResults without `outcome IS NULL` (the second answer overwrote
// the first); the NOTIFY of recordResults removed (the cached 'pending' phone rating stayed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import { appendInboxMessage } from '../../../central/phone/inbox.js';
import { ticketRoom } from '../../../central/phone/hub.js';
import type { PublicHallView, PublicTicketView } from '../../../protocol/central/phone.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { boardPush, boardTicket } from '../../helpers/phone-board.js';
import { call } from '../central/helpers.js';

const HALL = 'dsq-zwfw';
let pg: TestPostgres;
let central: RunningCentral;
let token: string;
let dbUrl: string;
let now = Date.UTC(2026, 11, 7, 1, 0);

beforeAll(async () => {
  pg = await startPostgres();
  dbUrl = await pg.createDatabase();
  central = await startCentralServer({ databaseUrl: dbUrl, rateLimit: false, now: () => now, phone: { staleAfterSeconds: 45 } });
  token = (await central.addHall(HALL, '东胜区政务服务中心')).token;
  await central.addHall('other-hall', '另一个大厅');
});
afterAll(async () => {
  await central?.close();
  await pg?.stop();
});

const push = (body: unknown) => call<{ version?: number; error?: { code: string; message: string } }>(central.url, 'POST', `/v1/halls/${HALL}/board`, { token, body });
const pub = <T>(path: string) => call<T>(central.url, 'GET', path);
const held = async () => (await central.pool.query('SELECT version FROM phone_boards WHERE hall_id = $1', [HALL])).rows[0] as { version: string } | undefined;

describe('board push and the public views', () => {
  it('stores a full board, applies a delta on its base, answers 409 need_full otherwise', async () => {
    expect((await push(boardPush(10, [boardTicket('t1', 'key-1'), boardTicket('t2', 'key-2', { number: 'A002', peopleAhead: 3 })]))).body).toEqual({ version: 10 });
    const delta = boardPush(12, [boardTicket('t1', 'key-1', { status: 'called', counterNumber: 7, calledAt: now, peopleAhead: 0 })], { mode: 'delta', baseVersion: 10 });
    expect((await push(delta)).body).toEqual({ version: 12 });
    const stale = await push({ ...delta, version: 13, baseVersion: 11 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'need_full' }, version: 12 });
    expect((await held())?.version).toBe('12');
  });

  it('shows the called ticket with its counter to the key holder, and 404 for a wrong key like an unknown ticket', async () => {
    const ok = await pub<PublicTicketView>(`/v1/public/halls/${HALL}/tickets/t1?key=key-1`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ hallId: HALL, version: 12, ticket: { number: 'A001', status: 'called', counterNumber: 7 }, stale: false, hallSeenAt: now, phoneRating: null, missedRejoinMinutes: 30 });
    expect(JSON.stringify(ok.body)).not.toContain('keyHash');
    const wrong = await pub(`/v1/public/halls/${HALL}/tickets/t1?key=key-2`);
    const unknown = await pub(`/v1/public/halls/${HALL}/tickets/t9?key=key-1`);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect((await pub(`/v1/public/halls/${HALL}/tickets/t1`)).status).toBe(404);
    const hall = await pub<PublicHallView>(`/v1/public/halls/${HALL}`);
    expect(hall.body).toMatchObject({ hallName: '东胜区政务服务中心', mode: 'open', version: 12, queues: [{ queueId: 'A' }] });
  });

  it('refuses a garbled board with 400 and a clear message; nothing stored changes', async () => {
    const before = await central.pool.query('SELECT ticket_id, ticket FROM phone_board_tickets ORDER BY 1');
    const notJson = await call<{ error: { code: string; message: string } }>(central.url, 'POST', `/v1/halls/${HALL}/board`, { token, raw: '{"mode":"full",' });
    expect(notJson.status).toBe(400);
    const badHash = await push(boardPush(20, [{ ...boardTicket('t1', 'k'), keyHash: 'not-a-hash' }]));
    expect(badHash.status).toBe(400);
    expect(JSON.stringify(badHash.body)).toContain('keyHash');
    const twice = await push(boardPush(21, [boardTicket('t1', 'k'), boardTicket('t1', 'k')]));
    expect(twice.status).toBe(400);
    expect(twice.body.error?.message).toMatch(/listed twice/);
    const noBase = await push({ ...boardPush(22, []), mode: 'delta' });
    expect(noBase.status).toBe(400);
    expect((await held())?.version).toBe('12');
    expect((await central.pool.query('SELECT ticket_id, ticket FROM phone_board_tickets ORDER BY 1')).rows).toEqual(before.rows);
    expect((await pub<PublicTicketView>(`/v1/public/halls/${HALL}/tickets/t1?key=key-1`)).body.version).toBe(12);
  });

  it('answers a long-poll on the held version when the next push arrives, at once on another version', async () => {
    const waiting = pub<PublicTicketView>(`/v1/public/halls/${HALL}/tickets/t2?key=key-2&since=12&waitSeconds=20`);
    await until(() => central.phone.waiters.count(ticketRoom(HALL, 't2')) > 0);
    await push(boardPush(14, [boardTicket('t1', 'key-1', { status: 'serving', counterNumber: 7 }), boardTicket('t2', 'key-2', { number: 'A002', peopleAhead: 0, status: 'called', counterNumber: 3 })], { mode: 'delta', baseVersion: 12 }));
    const woken = await waiting;
    expect(woken.body).toMatchObject({ version: 14, ticket: { status: 'called', counterNumber: 3 } });
    const atOnce = await pub<PublicHallView>(`/v1/public/halls/${HALL}?since=12&waitSeconds=20`);
    expect(atOnce.body.version).toBe(14);
  });

  it('says stale once the hall has been silent longer than the configured limit', async () => {
    now += 44_000;
    expect((await pub<PublicHallView>(`/v1/public/halls/${HALL}`)).body.stale).toBe(false);
    now += 2_000;
    const view = (await pub<PublicHallView>(`/v1/public/halls/${HALL}`)).body;
    expect(view).toMatchObject({ stale: true, hallSeenAt: now - 46_000 });
  });

  it('limits public requests per client address with 429 and Retry-After', async () => {
    // A second central on the same database, with a small allowance per address.
    const strict = await startCentralServer({ databaseUrl: dbUrl, rateLimit: false, now: () => now, phone: { publicRateLimit: { burst: 3, perSecond: 0.01 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await call(strict.url, 'GET', `/v1/public/halls/${HALL}`)).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await call(strict.url, 'GET', `/v1/public/halls/${HALL}`);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });
});

describe('inbox relay', () => {
  const inbox = (q: string) => call<{ messages: { id: string; seq: number; kind: string; body: unknown }[] }>(central.url, 'GET', `/v1/halls/${HALL}/inbox?${q}`, { token });
  const results = (body: unknown) => call<{ acknowledged: string[]; unknown: string[] }>(central.url, 'POST', `/v1/halls/${HALL}/inbox/results`, { token, body });

  it('numbers messages per hall and wakes the hall’s long-poll when one is appended', async () => {
    const first = await appendInboxMessage(central.pool, HALL, 'phone_rating', { level: 'satisfied', reasonTags: [] }, { at: now, ticketId: 't1' });
    expect(first.seq).toBe(1);
    expect((await appendInboxMessage(central.pool, 'other-hall', 'remote_ticket', {}, { at: now })).seq).toBe(1);
    const page = await inbox('after=0');
    expect(page.body.messages.map((m) => [m.seq, m.kind])).toEqual([[1, 'phone_rating']]);
    const polling = inbox('after=1&waitSeconds=20');
    await until(() => central.phone.waiters.count(`inbox:${HALL}`) > 0);
    const second = await appendInboxMessage(central.pool, HALL, 'mystery_kind', { x: 1 }, { at: now });
    const woken = await polling;
    expect(woken.body.messages.map((m) => m.id)).toEqual([second.id]);
  });

  it('keeps the first answer of a message, acknowledges unknown ids, shows the phone’s rating state', async () => {
    const id = (await inbox('after=0')).body.messages[0]!.id;
    const rating = async () => (await pub<PublicTicketView>(`/v1/public/halls/${HALL}/tickets/t1?key=key-1`)).body.phoneRating;
    expect(await rating()).toEqual({ state: 'pending', level: 'satisfied' });
    expect((await results({ results: [{ id, outcome: 'refused', reason: 'already_rated' }, { id: 'no-such', outcome: 'applied' }] })).body).toEqual({ acknowledged: [id, 'no-such'], unknown: ['no-such'] });
    expect((await results({ results: [{ id, outcome: 'applied' }] })).status).toBe(200);
    const row = (await central.pool.query('SELECT outcome, reason FROM phone_inbox WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ outcome: 'refused', reason: 'already_rated' });
    expect(await rating()).toEqual({ state: 'refused', level: 'satisfied', reason: 'already_rated' });
    expect((await results({ results: [] })).status).toBe(400);
  });
});

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error('condition not reached');
}
