// Rules that issue 13's audit could break without any test failing, now each caught over the
// real API (docs/regulations.md). Every test names the mutation it was checked against: the
// mutation was applied, the test failed, the mutation was reverted. The last one, 一窗受理, was
// caught only incidentally before (by a transfer test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, HallInfoDTO, IssueTicketResponse, RatingDTO } from '../../../hall/api/dto.js';

const idNumber = (birth: string, seq: string) => `150602${birth}${seq}${computeCheckDigit(`150602${birth}${seq}`)}`;
// Monday 2026-11-23, 09:00 in the hall (UTC+8). Nothing runs the clock: open ratings stay open.
const timers = new ManualTimers(Date.UTC(2026, 10, 23, 1, 0));
let h: Harness;
beforeAll(async () => {
  // A technician (role admin only) who may not confirm a green-channel ticket; same PIN as the demo's 1234.
  const config = demoConfigWith((c) => {
    const staff = c.staff as { staffNo: string; pinHash: string }[];
    staff.push({ id: 'tech', staffNo: '9101', name: '技术员', post: '运维', roles: ['admin'], pinHash: staff[0]!.pinHash } as never);
  });
  h = await startHarness({ configPath: config, timers });
});
afterAll(() => h.close());

const issue = (body: object) => h.api<IssueTicketResponse & ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body });
const waiting = async (queueId: string) => (await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'hall-display' })).body.queues.find((q) => q.id === queueId)!.waiting;

describe('green channel for a declared group (domain.md: declared and confirmed by staff)', () => {
  it('issues no green ticket without a valid staff confirmation, and nothing else either (mutation: the credential and role check removed from the issueTicket route)', async () => {
    const before = await waiting('E');
    const wrongPin = await issue({ matterId: 'gjj-01', greenChannel: { categoryId: 'disabled', staffNo: '2001', pin: '9999' } });
    expect([wrongPin.status, wrongPin.body.error?.code]).toEqual([401, 'bad_credentials']);
    const unknownStaff = await issue({ matterId: 'gjj-01', greenChannel: { categoryId: 'military', staffNo: '7777', pin: '1234' } });
    expect([unknownStaff.status, unknownStaff.body.error?.code]).toEqual([401, 'bad_credentials']);
    const notAllowed = await issue({ matterId: 'gjj-01', greenChannel: { categoryId: 'pregnant', staffNo: '9101', pin: '1234' } });
    expect([notAllowed.status, notAllowed.body.error?.code]).toEqual([403, 'forbidden']);
    expect(await waiting('E')).toBe(before);

    const confirmed = await issue({ matterId: 'gjj-01', greenChannel: { categoryId: 'disabled', staffNo: '2001', pin: '1234' } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.ticket).toMatchObject({ ticketClass: 'green', greenCategory: 'disabled' });
    expect(await waiting('E')).toBe(before + 1);
  });
});

describe('the elderly threshold read from the ID number (domain.md: age from the ID card)', () => {
  it('puts a visitor who turns 60 today in the green channel, and one who turns 60 tomorrow not (mutation: isElderly >= → >)', async () => {
    const sixtyToday = await issue({ matterId: 'gjj-02', identity: { source: 'manual', idNumber: idNumber('19661123', '321') } });
    expect(sixtyToday.body.ticket).toMatchObject({ ticketClass: 'green', greenCategory: 'elderly' });
    const sixtyTomorrow = await issue({ matterId: 'gjj-02', identity: { source: 'manual', idNumber: idNumber('19661124', '322') } });
    expect(sixtyTomorrow.body.ticket).toMatchObject({ ticketClass: 'walk_in', greenCategory: null });
  });
});

describe('one rating per service (001 第三十七条 一次一评) when the next visitor is served', () => {
  it('closes the previous visitor’s unanswered rating as not rated — never a level — and opens the new one (mutations: the closing loop in finish_service removed; its outcome not_rated → satisfied)', async () => {
    const staff = await h.signIn('c03', '1003');
    const s = { terminal: 'counter-3', session: staff.sessionToken };
    const admin = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const ratings = async () => (await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin.body.sessionToken })).body.filter((r) => r.counterId === 'c03');

    const first = (await issue({ matterId: 'bdc-01' })).body.ticket;
    const second = (await issue({ matterId: 'bdc-01' })).body.ticket;
    for (const expected of [first.number, second.number]) {
      const called = await h.api<{ current: { number: string } }>('POST', '/api/v1/counters/c03/actions/call-next', s);
      expect(called.body.current.number).toBe(expected);
      await h.api('POST', '/api/v1/counters/c03/actions/start', s);
      expect((await h.api('POST', '/api/v1/counters/c03/actions/finish', s)).status).toBe(200);
    }
    const byTicket = new Map((await ratings()).map((r) => [r.ticketNumber, r]));
    expect(byTicket.get(first.number)).toMatchObject({ outcome: 'not_rated', source: 'timeout' });
    expect(byTicket.get(second.number)).toMatchObject({ outcome: null, source: null });
    // The closed rating cannot be answered late from the counter display.
    const late = await h.api<ApiErrorBody>('POST', `/api/v1/ratings/${byTicket.get(first.number)!.id}`, { terminal: 'counter-display-3', body: { level: 'very_satisfied' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'rating_closed']);
  });
});

describe('one window for everything (000 第二十条, 001 第二十八条, 004 第十四条: 一窗受理)', () => {
  it('a general counter with no queues listed calls the tickets of every queue (mutation: hallSetupFrom giving such a counter no queues)', async () => {
    const staff = await h.signIn('c01', '1001');
    const s = { terminal: 'counter-1', session: staff.sessionToken };
    // One ticket for each of three queues (and what earlier tests left waiting): c01 calls until nobody waits.
    for (const matterId of ['bdc-03', 'scjg-01', 'gjj-03']) expect((await issue({ matterId })).status).toBe(201);
    const called: string[] = [];
    for (;;) {
      const res = await h.api<{ current: { number: string } | null } & ApiErrorBody>('POST', '/api/v1/counters/c01/actions/call-next', s);
      if (res.status !== 200) {
        expect(res.body.error.code).toBe('no_waiting');
        break;
      }
      called.push(res.body.current!.number);
      await h.api('POST', '/api/v1/counters/c01/actions/finish', s);
    }
    // Queues A (不动产), B (市场准入) and E (公积金): a general counter serves them all.
    expect(new Set(called.map((n) => n[0]))).toEqual(new Set(['A', 'B', 'E']));
  });
});

