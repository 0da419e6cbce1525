// The hall calendar at the counter and for bookings, and the counter display's contact, through
// the real hall service with the rules set in the hall configuration file a user writes:
//   - "which counter kinds may call" (docs/calendar.md): over lunch with 午间不间断 only general
//     counters call; a domain counter gets a clear refusal for every kind of call;
//   - booked service on rest days (001 第三十一条 周末不休息): a slot on a weekend day is booked and
//     checked in where weekend service lists the matter, and refused with the reason otherwise;
//   - 亮明身份 (001 第二十九条): the counter display gives the published contact, the staff
//     member's own where the configuration has one, else the hall's.
// Time is a manual clock (2026-11-23 is a Monday). Each test names the mutation it was checked against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import type { ApiErrorBody, AppointmentDTO, CheckInResponse, CounterDisplayDTO, IssueTicketResponse } from '../../../hall/api/dto.js';

const MINUTE = 60_000;
/** Moves the manual clock forward to `at` (firing what falls due on the way). */
const to = (at: number) => timers.advance(at - timers.now());
let h: Harness;
let timers: ManualTimers;
let admin: string;
const sessions = new Map<string, string>();

beforeAll(async () => {
  timers = new ManualTimers(MONDAY_9AM);
  const configPath = demoConfigWith((c) => {
    c.calendar = { holidayYears: [2026], weekendService: { enabled: true, days: ['sat'], open: '09:00', close: '12:00', counterMatterIds: ['bdc-01'] } };
    (c.staff as { id: string; contact?: string }[]).find((s) => s.id === 's03')!.contact = '0477-8580003';
    c.serviceDesk = { contact: { label: '咨询监督电话', value: '0477-8581234' } };
  });
  h = await startHarness({ timers, configPath });
  admin = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
  for (const [counterId, staffNo] of [
    ['c01', '1001'],
    ['c03', '1003'],
  ] as const) {
    sessions.set(counterId, (await h.signIn(counterId, staffNo)).sessionToken);
  }
});
afterAll(async () => {
  await h.close();
});

const act = (counterId: string, action: string, body: unknown = {}) =>
  h.api<ApiErrorBody>('POST', `/api/v1/counters/${counterId}/actions/${action}`, { terminal: `counter-${Number(counterId.slice(1))}`, session: sessions.get(counterId)!, body });
const issue = async (matterId: string) => {
  const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } });
  expect(res.status).toBe(201);
  return res.body.ticket;
};
const book = (matterId: string, date: string, start: string, end: string) =>
  h.api<AppointmentDTO & ApiErrorBody>('POST', '/api/v1/admin/appointments', { terminal: 'admin', session: admin, body: { matterId, date, start, end } });

describe('the calendar decides which counter kinds call', () => {
  // Mutation tried: removing assertCounterMayCall from call_next (decide-counter.ts) lets c03 call
  // at 12:30 and fails the first refusal; removing it from call_specific / resume_suspended fails the others.
  it('over lunch only general counters call; a domain counter is refused with the period and when it ends', async () => {
    const a1 = await issue('bdc-01');
    await issue('bdc-02');
    // c03 takes A001 just before lunch and sets it aside (挂起) until after lunch.
    to(MONDAY_9AM + 170 * MINUTE); // 11:50
    expect((await act('c03', 'call-next')).status).toBe(200);
    expect((await act('c03', 'suspend', { reason: '等待补交材料', minutes: 120 })).status).toBe(200);

    to(MONDAY_9AM + 210 * MINUTE); // 12:30, lunch
    const refused = await act('c03', 'call-next');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'counter_kind_not_callable', details: { period: 'lunch', counterKind: 'domain', callableKinds: 'general', until: MONDAY_9AM + 270 * MINUTE } });
    expect((await act('c03', 'call-specific', { number: 'A002', reason: '老人行动不便' })).body.error.code).toBe('counter_kind_not_callable');
    expect((await act('c03', 'resume-suspended', { ticketId: a1.id })).body.error.code).toBe('counter_kind_not_callable');

    // 午间不间断: the general counter serves the same queue over lunch.
    expect((await act('c01', 'call-next')).status).toBe(200);

    to(MONDAY_9AM + 270 * MINUTE); // 13:30, open again
    expect((await act('c03', 'resume-suspended', { ticketId: a1.id })).status).toBe(200);
  });
});

describe('booked service on rest days (周末不休息)', () => {
  // Mutation tried: leaving out the store's slotProblem check (hall/appointments/store.ts) books
  // bdc-02 on Saturday and a Sunday slot, failing both refusals.
  it('books and checks in a weekend slot for a matter weekend service lists, and refuses the others with the reason', async () => {
    const saturday = await book('bdc-01', '2026-11-28', '10:00', '10:30');
    expect(saturday.status).toBe(201);

    const unlisted = await book('bdc-02', '2026-11-28', '10:00', '10:30');
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.error.message).toContain('weekend service lists only bdc-01');
    const sunday = await book('bdc-01', '2026-11-29', '10:00', '10:30');
    expect(sunday.status).toBe(400);
    expect(sunday.body.error.message).toContain('2026-11-29 10:00 is a rest day');
    const afterHours = await book('bdc-01', '2026-11-28', '13:00', '13:30');
    expect(afterHours.status).toBe(400);
    expect(afterHours.body.error.message).toContain('without weekend service at that time');

    to(Date.UTC(2026, 10, 28, 1, 50)); // Saturday 09:50 local
    const checkIn = await h.api<CheckInResponse>('POST', '/api/v1/kiosk/check-in', { terminal: 'kiosk-1', body: { method: 'code', code: saturday.body.code } });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.ticket).toMatchObject({ ticketClass: 'appointment', matterId: 'bdc-01' });
  });
});

describe('the counter display shows the published contact (亮明身份)', () => {
  // Mutation tried: counterDisplay() without `contact` (or always the hall's) fails the staff's own number.
  it("gives the staff member's own contact where configured, else the hall's", async () => {
    const c03 = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
    expect(c03.body.counter.staff).toMatchObject({ name: '刘芳', post: '不动产登记首席代表', staffNo: '1003' });
    expect(c03.body.contact).toEqual({ label: null, value: '0477-8580003' });
    const c01 = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c01/display', { terminal: 'counter-display-1' });
    expect(c01.body.contact).toEqual({ label: '咨询监督电话', value: '0477-8581234' });
  });
});
