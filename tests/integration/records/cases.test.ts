// Story through the API (real hall, real SQLite, the kiosk's device agent and its ESC/POS
// printer emulator, simulated days): 容缺受理 over several days with its printed 告知, the case
// surviving day close, the follow-up at another counter, 首问负责 and 限时办结.
// Mutations tried (each fails a named test here): CaseBook.complete without its owner check
// (首问负责 test fails); withdrawOverdue doing nothing (逾期视为撤回 test fails — and before
// RecordTimer's retry guard it spun forever on the past deadline); the first missing material left
// off the printed 告知 (the printing test fails); limitState never 'warning' (the time-limit test fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { callAndStart, counterSessions, eventsOf, helpHallConfig, issue } from '../../helpers/service-records.js';
import { decodeEscPos, splitAtCuts, textLines } from '../../../drivers/printer/index.js';
import type { AcceptPendingResponse, CaseDTO, CaseListDTO, CounterCasesDTO } from '../../../hall/api/service-records-dto.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';

const HOUR = 3_600_000;
/** Monday 2026-11-23 09:00 in the hall (UTC+8). */
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * HOUR;

const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timers, devices: 'configured', configPath: helpHallConfig((c) => ((c as { serviceRecords?: unknown }).serviceRecords = { acceptPending: { maxWorkingDays: 5 }, timeLimits: { warnBeforeHours: 30 } })) });
});
afterAll(() => h?.close());

const at = counterSessions(() => h);
const post = async <T>(counterId: string, staffNo: string, route: string, body: unknown = {}) => h.api<T & ApiErrorBody>('POST', `/api/v1/counters/${counterId}${route}`, { ...(await at(counterId, staffNo)), body });

describe('容缺受理 over days, 首问负责 and 限时办结', () => {
  let caseId = '';
  let code = '';
  let number = '';

  it('accepts on a written promise, prints the 容缺受理告知 on the kiosk printer, and keeps the case across day close', async () => {
    number = (await issue(h, 'bdc-01')).number;
    await callAndStart(h, 'c01', (await at('c01', '1001')).session);
    const opened = await post<CaseDTO>('c01', '1001', '/cases', { question: '二手房过户，缺户口簿复印件' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', ticketNumber: number, matterId: 'bdc-01', firstCounterId: 'c01', ownerCounterId: 'c01' });
    caseId = opened.body.id;
    code = opened.body.code;

    // More working days than the hall allows: refused, nothing changed.
    const tooLong = await post('c01', '1001', `/cases/${caseId}/accept-pending`, { missing: ['户口簿复印件'], workingDays: 6 });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.error.code).toBe('promise_too_long');

    const printer = h.agentDevice('printer', 'kiosk-1').emulator!;
    const before = printer.jobs().length;
    const accepted = await post<AcceptPendingResponse>('c01', '1001', `/cases/${caseId}/accept-pending`, { missing: ['户口簿复印件', '完税证明'], workingDays: 3 });
    expect(accepted.status).toBe(200);
    // Monday + 3 working days: by the end of Thursday 2026-11-26.
    expect(accepted.body.case).toMatchObject({ status: 'pending_materials', missing: ['户口簿复印件', '完税证明'], materialsDueAt: localMidnight(2026, 11, 27) });
    expect(accepted.body.print.status).toBe('printed');
    const jobs = await printer.waitForJobs(before + 1);
    const text = textLines(splitAtCuts(decodeEscPos(jobs.at(-1)!))[0]!).join('');
    for (const words of ['容缺受理告知书', code, number, '户口簿复印件', '完税证明', '2026-11-26', '任一窗口', '视为撤回']) expect(text).toContain(words);

    await h.api('POST', '/api/v1/counters/c01/actions/finish', { ...(await at('c01', '1001')), body: {} });
    timers.advance(2 * 24 * HOUR); // Wednesday: two day closes later
    expect(h.hall.runtime.state.serviceDay).toBe('2026-11-25');
    const found = await h.api<CounterCasesDTO>('GET', `/api/v1/counters/c03/cases?q=${encodeURIComponent(code)}`, await at('c03', '1003'));
    expect(found.body.cases.map((c) => [c.id, c.status])).toEqual([[caseId, 'pending_materials']]);
  });

  it('takes the materials at any counter (found by ticket number), starts the promised time limit, and warns before it ends', async () => {
    const byNumber = await h.api<CounterCasesDTO>('GET', `/api/v1/counters/c02/cases?q=${number.toLowerCase()}`, await at('c02', '1002'));
    expect(byNumber.body.cases.map((c) => c.code)).toEqual([code]);
    const supplied = await post<CaseDTO>('c02', '1002', `/cases/${caseId}/materials-supplied`);
    expect(supplied.status).toBe(200);
    // Accepted Wednesday 2026-11-25; bdc-01 promises 5 working days: Thu, Fri, Mon, Tue, Wed → the end of 2026-12-02.
    expect(supplied.body).toMatchObject({ status: 'accepted', acceptedAt: timers.now(), promised: { value: 5, unit: 'working_days' }, dueAt: localMidnight(2026, 12, 3), limitState: 'ok', ownerCounterId: 'c01' });

    // serviceRecords.timeLimits.warnBeforeHours is 30 in this hall's file (the default, 24, would say 'ok' at 28 h).
    timers.advance(localMidnight(2026, 12, 3) - 31 * HOUR - timers.now());
    expect((await h.api<CounterCasesDTO>('GET', '/api/v1/counters/c01/cases', await at('c01', '1001'))).body.cases.find((c) => c.id === caseId)?.limitState).toBe('ok');
    timers.advance(3 * HOUR); // 28 h left
    const admin = await h.api<CaseListDTO>('GET', '/api/v1/admin/cases', { terminal: 'admin', session: (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken });
    expect(admin.body.cases.find((c) => c.id === caseId)?.limitState).toBe('warning');
    const own = await h.api<CounterCasesDTO>('GET', '/api/v1/counters/c01/cases', await at('c01', '1001'));
    expect(own.body.cases.find((c) => c.id === caseId)?.limitState).toBe('warning');
  });

  it('首问负责: only the owner completes or hands over; a hand-over is recorded and moves the ownership', async () => {
    const notOwner = await post('c02', '1002', `/cases/${caseId}/complete`);
    expect(notOwner.status).toBe(409);
    expect(notOwner.body.error.code).toBe('not_case_owner');
    expect((await post('c02', '1002', `/cases/${caseId}/hand-over`, { toCounterId: 'c03', note: '转不动产窗口' })).status).toBe(409);

    const handed = await post<CaseDTO>('c01', '1001', `/cases/${caseId}/hand-over`, { toCounterId: 'c02', note: '补件已在2号窗口收取' });
    expect(handed.body).toMatchObject({ ownerCounterId: 'c02', firstCounterId: 'c01', handovers: [{ fromCounterId: 'c01', toCounterId: 'c02', note: '补件已在2号窗口收取' }] });
    const done = await post<CaseDTO>('c02', '1002', `/cases/${caseId}/complete`);
    expect(done.body).toMatchObject({ status: 'completed', limitState: null });

    const events = eventsOf(h, ['case_opened', 'case_pending_materials', 'case_materials_supplied', 'case_accepted', 'case_handed_over', 'case_completed']);
    expect(events.map((e) => e.type)).toEqual(['case_opened', 'case_pending_materials', 'case_materials_supplied', 'case_accepted', 'case_handed_over', 'case_completed']);
    expect(events.at(-1)!.payload).toMatchObject({ code, counterId: 'c02', overdue: false });
    // No free text leaves the hall: neither the question nor the missing materials' names.
    expect(JSON.stringify(events)).not.toMatch(/户口簿|二手房|补件/);
  });

  it('逾期未补正视为撤回: a case whose promise date passes is withdrawn by the hall, and a late visit is refused', async () => {
    await issue(h, 'bdc-01');
    await callAndStart(h, 'c01', (await at('c01', '1001')).session);
    const opened = await post<CaseDTO>('c01', '1001', '/cases', { question: '缺完税证明' });
    const pending = await post<AcceptPendingResponse>('c01', '1001', `/cases/${opened.body.id}/accept-pending`, { missing: ['完税证明'], workingDays: 1 });
    expect(pending.body.case.status).toBe('pending_materials');
    timers.advance(pending.body.case.materialsDueAt! - timers.now() + 1_000);
    const after = await h.api<CounterCasesDTO>('GET', `/api/v1/counters/c02/cases?q=${pending.body.case.code}`, await at('c02', '1002'));
    expect(after.body.cases[0]!.status).toBe('withdrawn');
    const late = await post('c02', '1002', `/cases/${opened.body.id}/materials-supplied`);
    expect(late.status).toBe(409);
    expect(eventsOf(h, ['case_withdrawn']).map((e) => e.payload.code)).toEqual([pending.body.case.code]);
  });
});
