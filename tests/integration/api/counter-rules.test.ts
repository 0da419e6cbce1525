// The counter's rule-bound actions over the real hall service (real SQLite,
// real HTTP): 特呼 with a reason, recall cooldown and limit, recalls before a
// no-show, 过号重排 by number (at a counter and by a guide), 挂起 and resuming
// at another counter, 转窗 to one counter, and "why this ticket" with the
// ratio position. Time is a manual clock: cooldowns and deadlines pass in ms.
// Refusals are checked by their stable codes and the facts they carry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import type { ApiErrorBody, CounterViewDTO, HallInfoDTO, IssueTicketResponse, RejoinResponse } from '../../../hall/api/dto.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** The demo hall, with counter 3 on a 2:1 ratio policy and the demo's default visit rules spelled out. */
function rulesConfig(): string {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'config/demo-hall.json'), 'utf8')) as Record<string, unknown> & { counters: { id: string; policyId?: string }[] };
  config.callingPolicies = [
    { id: 'ratio-2-1', name: '绿色通道与现场号 2:1', classOrder: ['green', 'appointment', 'walk_in'], mode: 'ratio', ratio: { priority: 2, walkIn: 1 }, maxWaitMinutes: 120 },
  ];
  config.counters.find((c) => c.id === 'c03')!.policyId = 'ratio-2-1';
  config.visitRules = { maxRecalls: 2, recallCooldownSeconds: 30, recallsBeforeNoShow: 1, autoNoShowMinutes: 20, rejoinPlacesAhead: 2, maxRejoins: 1, rejoinWithinMinutes: 60, suspendDefaultMinutes: 60, suspendMaxMinutes: 240 };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-rules-config-'));
  const file = path.join(dir, 'hall.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

let h: Harness;
let timers: ManualTimers;
let configFile: string;
const sessions = new Map<string, string>();

beforeAll(async () => {
  timers = new ManualTimers(MONDAY_9AM);
  configFile = rulesConfig();
  h = await startHarness({ timers, configPath: configFile });
  for (const [counterId, staffNo] of [
    ['c01', '1001'],
    ['c03', '1003'],
    ['c05', '1005'],
  ] as const) {
    sessions.set(counterId, (await h.signIn(counterId, staffNo)).sessionToken);
  }
});
afterAll(async () => {
  await h.close();
  fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
});

const at = (counterId: string) => ({ terminal: `counter-${Number(counterId.slice(1))}`, session: sessions.get(counterId)! });
const act = (counterId: string, action: string, body: unknown = {}) => h.api<CounterViewDTO & ApiErrorBody>('POST', `/api/v1/counters/${counterId}/actions/${action}`, { ...at(counterId), body });
const view = async (counterId: string) => (await h.api<CounterViewDTO>('GET', `/api/v1/counters/${counterId}`, at(counterId))).body;
const issue = async (matterId: string, green = false) => {
  const body = green ? { matterId, greenChannel: { categoryId: 'elderly', staffNo: '2001', pin: '1234' } } : { matterId };
  const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body });
  expect(res.status).toBe(201);
  timers.advance(1000);
  return res.body.ticket;
};
/** Calls, recalls once after the cooldown, and marks a no-show: the hall's minimum before 过号. */
async function noShow(counterId: string): Promise<void> {
  timers.advance(31_000);
  expect((await act(counterId, 'recall')).status).toBe(200);
  expect((await act(counterId, 'no-show')).status).toBe(200);
}

describe('counter rules over the API', () => {
  it('explains each call, with the ratio position, and lists what the counter may special-call', async () => {
    for (const matterId of ['bdc-01', 'bdc-02', 'bdc-03']) await issue(matterId);
    const greens = [await issue('bdc-01', true), await issue('bdc-04', true), await issue('bdc-05', true)];
    timers.advance(5 * 60_000);

    const before = await view('c03');
    expect(before.callable.map((t) => t.number)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
    expect(before.callable[0]).toMatchObject({ ticketClass: 'walk_in', waitedMinutes: 5, directedHere: false });
    expect(before.callable[3]).toMatchObject({ ticketClass: 'green', greenCategoryLabel: '老年人' });
    expect(before.actions.call_specific).toEqual({ enabled: true, reason: null });
    // 2 green, then 1 walk-in, then green again: the preview says so, in order, with positions.
    expect(before.nextCalls.map((c) => [c.ticket.number, c.why.reason, c.why.position && `${c.why.position.side} ${c.why.position.index}/${c.why.position.of}`])).toEqual([
      ['A004', 'class_first', 'priority 1/2'],
      ['A005', 'class_first', 'priority 2/2'],
      ['A001', 'ratio_turn', 'walk_in 1/1'],
      ['A006', 'class_first', 'priority 1/2'],
      ['A002', 'in_order', null],
    ]);
    expect(before.next.map((t) => t.number)).toEqual(before.nextCalls.map((c) => c.ticket.number));

    const first = await act('c03', 'call-next');
    expect(first.body.current?.number).toBe(greens[0]!.number);
    expect(first.body.why).toMatchObject({ reason: 'class_first', ticketClass: 'green', policyName: '绿色通道与现场号 2:1', policyMode: 'ratio', position: { side: 'priority', index: 1, of: 2 } });
    expect(first.body.callable.map((t) => t.number)).not.toContain(greens[0]!.number);
  });

  it('enforces the recall cooldown and limit, and the recalls needed before a no-show, with their facts', async () => {
    const current = (await view('c03')).current!;
    const calledAt = current.calledAt!;
    let v = await view('c03');
    expect(v.recall).toEqual({ count: 0, max: 2, cooldownSeconds: 30, readyAt: calledAt + 30_000, neededBeforeNoShow: 1, stillNeeded: 1, autoNoShowAt: calledAt + 20 * 60_000 });
    expect(v.actions.recall).toEqual({ enabled: false, reason: 'recall_cooldown' });
    expect(v.actions.no_show).toEqual({ enabled: false, reason: 'recalls_required' });

    const early = await act('c03', 'recall');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'recall_cooldown', details: { readyAt: calledAt + 30_000 } });
    const tooSoon = await act('c03', 'no-show');
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error).toMatchObject({ code: 'recalls_required', details: { needed: 1, done: 0 } });

    timers.advance(30_000);
    expect((await view('c03')).actions.recall.enabled).toBe(true);
    const recalled = await act('c03', 'recall');
    expect(recalled.status).toBe(200);
    expect(recalled.body.recall).toMatchObject({ count: 1, stillNeeded: 0, readyAt: timers.now() + 30_000 });
    expect(recalled.body.actions.no_show.enabled).toBe(true);
    timers.advance(30_000);
    expect((await act('c03', 'recall')).status).toBe(200);
    v = await view('c03');
    expect(v.recall?.readyAt).toBeNull();
    expect(v.actions.recall).toEqual({ enabled: false, reason: 'recall_limit' });
    timers.advance(30_000);
    const limit = await act('c03', 'recall');
    expect(limit.body.error).toMatchObject({ code: 'recall_limit', details: { max: 2 } });
    expect((await act('c03', 'finish')).status).toBe(200);
  });

  it('special-calls a ticket by number with a reason (logged on the call), and refuses what it may not', async () => {
    const short = await act('c03', 'call-specific', { number: 'A002', reason: '急' });
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('reason_required');
    const unknown = await act('c03', 'call-specific', { number: 'A099', reason: '群众有急事' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_ticket', details: { number: 'A099' } });
    const both = await act('c03', 'call-specific', { number: 'A002', ticketId: 'x', reason: '群众有急事' });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('invalid_request');
    const market = await issue('scjg-01');
    const elsewhere = await act('c03', 'call-specific', { number: market.number, reason: '群众有急事' });
    expect(elsewhere.body.error.code).toBe('not_served_here');

    const called = await act('c03', 'call-specific', { number: 'a2', reason: '  群众带着婴儿，先办  ' });
    expect(called.status).toBe(200);
    expect(called.body.current?.number).toBe('A002');
    expect(called.body.why).toMatchObject({ reason: 'special_call', specialReason: '群众带着婴儿，先办', position: null });
    expect(called.body.lastCallReason).toBe('special_call');
    const lastCall = async (terminal: string) => {
      const events = await h.api<{ type: string; payload: Record<string, unknown> }[]>('GET', '/api/v1/events?since=0&limit=500', { terminal });
      return events.body.filter((e) => e.type === 'ticket_called').at(-1)!.payload;
    };
    expect(await lastCall('counter-3')).toMatchObject({ number: 'A002', reason: 'special_call', specialReason: '群众带着婴儿，先办' });
    // The note may name the visitor: the hall display gets the call without it.
    expect(await lastCall('hall-display')).toMatchObject({ number: 'A002', reason: 'special_call', specialReason: null });
    // A special call does not spend the ratio cycle: the next regular call is still a priority one.
    expect((await view('c03')).nextCalls[0]?.why.position).toMatchObject({ side: 'priority', index: 2 });
  });

  it('puts a no-show back in line by number — at a counter or by a guide — within the hall limits', async () => {
    await noShow('c03');
    let v = await view('c03');
    expect(v.current).toBeNull();
    expect(v.rejoinable.map((t) => t.number)).toContain('A002');
    expect(v.rejoinable.find((t) => t.number === 'A002')).toMatchObject({ rejoinCount: 0, maxRejoins: 1, minutesLeft: 60 });

    const rejoined = await h.api<RejoinResponse>('POST', '/api/v1/counters/c03/rejoin', { ...at('c03'), body: { number: 'A002' } });
    expect(rejoined.status).toBe(200);
    // Walk-ins A001 and A003 wait: with at most 2 places ahead it goes behind both (the line is that short).
    expect(rejoined.body).toMatchObject({ placesAhead: 2, ticket: { number: 'A002', status: 'waiting' } });
    v = await view('c03');
    expect(v.rejoinable.map((t) => t.number)).not.toContain('A002');

    // Called again, no-show again: one rejoin per ticket in this hall.
    const again = await act('c03', 'call-specific', { number: 'A002', reason: '群众回来了，再叫一次' });
    expect(again.status).toBe(200);
    await noShow('c03');
    const guide = await h.api<ApiErrorBody>('POST', '/api/v1/rejoin', { terminal: 'kiosk-1', body: { number: 'A002', staffNo: '2001', pin: '1234' } });
    expect(guide.status).toBe(409);
    expect(guide.body.error).toMatchObject({ code: 'rejoin_limit', details: { max: 1 } });

    // A guide at the kiosk rejoins another no-show; too late after the hall's window.
    expect((await act('c03', 'call-specific', { number: 'A003', reason: '群众在窗口前等着' })).status).toBe(200);
    await noShow('c03');
    const wrongPin = await h.api<ApiErrorBody>('POST', '/api/v1/rejoin', { terminal: 'kiosk-1', body: { number: 'A003', staffNo: '2001', pin: '9999' } });
    expect(wrongPin.status).toBe(401);
    const fromCounterTerminal = await h.api<ApiErrorBody>('POST', '/api/v1/rejoin', { terminal: 'counter-3', body: { number: 'A003', staffNo: '2001', pin: '1234' } });
    expect(fromCounterTerminal.status).toBe(403);
    const byGuide = await h.api<RejoinResponse>('POST', '/api/v1/rejoin', { terminal: 'kiosk-1', body: { number: 'A003', staffNo: '2001', pin: '1234' } });
    expect(byGuide.status).toBe(200);
    expect(byGuide.body.ticket.status).toBe('waiting');

    expect((await act('c03', 'call-specific', { number: 'A003', reason: '群众在窗口前等着' })).status).toBe(200);
    expect((await act('c03', 'finish')).status).toBe(200);
    expect((await act('c03', 'call-specific', { number: 'A001', reason: '群众在窗口前等着' })).status).toBe(200);
    await noShow('c03');
    timers.advance(61 * 60_000);
    expect((await view('c03')).rejoinable.map((t) => t.number)).not.toContain('A001');
    const late = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/rejoin', { ...at('c03'), body: { number: 'A001' } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'rejoin_too_late', details: { minutes: 60 } });
    const notNoShow = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/rejoin', { ...at('c03'), body: { number: 'A005' } });
    expect(notNoShow.body.error.code).toBe('not_no_show');
    const badNumber = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/rejoin', { ...at('c03'), body: { number: '12' } });
    expect(badNumber.status).toBe(400);
  });

  it('suspends with a reason and deadline, resumes at another counter (announced like a call), and withdraws the overdue', async () => {
    const called = await act('c03', 'call-next');
    const number = called.body.current!.number;
    const tooLong = await act('c03', 'suspend', { reason: '缺户口本复印件，容缺受理', minutes: 600 });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.error).toMatchObject({ code: 'suspend_too_long', details: { max: 240 } });
    const noReason = await act('c03', 'suspend', { reason: ' ', minutes: 30 });
    expect(noReason.body.error.code).toBe('reason_required');

    const suspended = await act('c03', 'suspend', { reason: '缺户口本复印件，容缺受理', minutes: 30 });
    expect(suspended.status).toBe(200);
    expect(suspended.body.current).toBeNull();
    const entry = (await view('c01')).suspended.find((t) => t.number === number);
    expect(entry).toMatchObject({ reason: '缺户口本复印件，容缺受理', minutesLeft: 30, counterNumber: 3, until: timers.now() + 30 * 60_000 });
    expect((await view('c01')).actions.resume_suspended.enabled).toBe(true);

    timers.advance(10 * 60_000);
    const resumed = await act('c01', 'resume-suspended', { number });
    expect(resumed.status).toBe(200);
    // Back with the document: announced like a call, and straight into service.
    expect(resumed.body.current).toMatchObject({ number, status: 'serving', counterNumber: 1 });
    expect(resumed.body.why).toMatchObject({ reason: 'resumed' });
    const info = await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'hall-display' });
    expect(info.body.recentCalls[0]).toMatchObject({ ticketNumber: number, counterNumber: 1, recall: false });
    const twice = await act('c03', 'resume-suspended', { number });
    expect(twice.body.error.code).toBe('not_suspended');

    // Set aside again, not resumed in time: the hall withdraws it by itself.
    expect((await act('c01', 'suspend', { reason: '等待补交材料', minutes: 5 })).status).toBe(200);
    timers.advance(6 * 60_000);
    expect(h.hall.runtime.state.tickets.get(resumed.body.current!.id)?.status).toBe('withdrawn');
    expect((await view('c01')).suspended.map((t) => t.number)).not.toContain(number);
  });

  it('transfers to one counter: only that counter calls it, first, and says why', async () => {
    const called = await act('c01', 'call-next');
    expect(called.status).toBe(200);
    const number = called.body.current!.number;
    expect(called.body.transferCounters.map((c) => c.number)).not.toContain(1);
    expect((await act('c01', 'transfer', { toQueueId: null, toCounterId: 'c01' })).body.error.code).toBe('same_counter');
    expect((await act('c01', 'transfer', { toCounterId: 'c99' })).body.error.code).toBe('unknown_counter');
    expect((await act('c01', 'transfer', {})).status).toBe(400);

    const moved = await act('c01', 'transfer', { toQueueId: null, toCounterId: 'c05' });
    expect(moved.status).toBe(200);
    const at5 = await view('c05');
    expect(at5.callable[0]).toMatchObject({ number, directedHere: true });
    expect(at5.nextCalls[0]).toMatchObject({ ticket: { number }, why: { reason: 'transferred_here' } });
    expect((await view('c01')).callable.map((t) => t.number)).not.toContain(number);
    const taken = await act('c05', 'call-next');
    expect(taken.body.current?.number).toBe(number);
    expect(taken.body.why?.reason).toBe('transferred_here');
  });

  it('lets only the signed-in terminal of the counter itself act', async () => {
    const body = { number: 'A005', reason: '群众有急事' };
    const other = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/actions/call-specific', { terminal: 'counter-1', session: sessions.get('c01')!, body });
    expect(other.status).toBe(403);
    const noSession = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/actions/suspend', { terminal: 'counter-3', body: { reason: '缺材料' } });
    expect(noSession.status).toBe(401);
    const display = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/rejoin', { terminal: 'hall-display', body: { number: 'A001' } });
    expect(display.status).toBe(403);
    const kiosk = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/actions/resume-suspended', { terminal: 'kiosk-1', body: { number: 'A001' } });
    expect(kiosk.status).toBe(403);
  });

  it('keeps the explanation, ratio position included, across a restart', async () => {
    await issue('bdc-01');
    await issue('bdc-04');
    await issue('bdc-02', true);
    await issue('bdc-03', true);
    // Counter 3 stands at priority call 1 of 2 (its later calls had no walk-in waiting: plain class order).
    expect((await act('c03', 'call-next')).body.why).toMatchObject({ reason: 'class_first', position: { side: 'priority', index: 2, of: 2 } });
    expect((await act('c03', 'finish')).status).toBe(200);
    expect((await act('c03', 'call-next')).body.why).toMatchObject({ reason: 'ratio_turn', position: { side: 'walk_in', index: 1, of: 1 } });
    expect((await act('c03', 'finish')).status).toBe(200);
    const v = (await act('c03', 'call-next')).body;
    expect(v.why).toMatchObject({ reason: 'class_first', position: { side: 'priority', index: 1, of: 2 } });
    await h.restart();
    const after = await h.api<CounterViewDTO>('GET', '/api/v1/counters/c03', at('c03'));
    expect(after.status).toBe(200);
    expect(after.body.current?.number).toBe(v.current?.number);
    expect(after.body.why).toEqual(v.why);
  });
});
