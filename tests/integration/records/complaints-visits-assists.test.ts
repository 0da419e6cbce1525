// Stories through the API (real hall, real SQLite, simulated days): on-site complaints with a
// reply deadline; 上门服务 from request to completion; 帮办代办 by a guide and at the counter.
// Mutations tried (each fails a named test here): ComplaintBook.reply storing late = false
// always (the late reply test fails); the kiosk complaint's contact stored unsealed (the
// sealed-contact check fails); HomeVisitBook completing an unscheduled visit (the 409 check
// fails); the guide route accepting a counter staff member (the 403 check fails); the counter's
// 代为办理 mark recorded as 'accompany' (the 帮办代办 test fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { callAndStart, eventsOf, helpHallConfig, issue } from '../../helpers/service-records.js';
import type { AssistDTO, AssistSummaryDTO, ComplaintDTO, CounterCasesDTO, HomeVisitDTO, HomeVisitsDTO } from '../../../hall/api/service-records-dto.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';
import fs from 'node:fs';
import path from 'node:path';
import { startHallService } from '../../../hall/service.js';
import { forgetIdentities, IdentityKeyError } from '../../../hall/identity/sealer.js';
import { openDatabase } from '../../../hall/store/db.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const HOUR = 3_600_000;
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * HOUR;

const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
let manager = '';
beforeAll(async () => {
  // serviceRecords.complaints.replyWorkingDays set through the hall's file: 2 (the default is 3).
  h = await startHarness({ timers, configPath: helpHallConfig((c) => ((c as { serviceRecords?: unknown }).serviceRecords = { complaints: { replyWorkingDays: 2 } })) });
  manager = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
});
afterAll(() => h?.close());

/** The manager at the admin page; signs in again when the simulated days outlived the session. */
async function admin<T>(method: string, route: string, body?: unknown) {
  const call = () => h.api<T & ApiErrorBody>(method, route, { terminal: 'admin', session: manager, ...(body === undefined ? {} : { body }) });
  const res = await call();
  if (res.status !== 401) return res;
  manager = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
  return call();
}

describe('on-site complaints (现场投诉)', () => {
  it('takes a complaint at the kiosk with a reply deadline, keeps the contact sealed, and records the reply', async () => {
    const res = await h.api<ComplaintDTO>('POST', '/api/v1/kiosk/complaints', {
      terminal: 'kiosk-1',
      body: { category: 'attitude', content: '3号窗口工作人员态度生硬', contact: { name: '张三丰', phone: '13812345678' } },
    });
    expect(res.status).toBe(201);
    // 2 working days from Monday (the hall's setting): the end of Wednesday.
    expect(res.body).toMatchObject({ channel: 'kiosk', status: 'open', late: false, replyDueAt: localMidnight(2026, 11, 26), contact: { name: '张*丰', phone: '138****5678' } });
    const raw = h.hall.runtime.db.prepare('SELECT contact_sealed FROM complaints WHERE id = ?').pluck().get(res.body.id) as Buffer;
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.toString('utf8')).not.toMatch(/13812345678|张三丰/);

    const listed = await admin<ComplaintDTO[]>('GET', '/api/v1/admin/complaints');
    expect(listed.body.map((c) => c.code)).toContain(res.body.code);
    const replied = await admin<ComplaintDTO>('POST', `/api/v1/admin/complaints/${res.body.id}/reply`, { reply: '已核实并约谈当事工作人员，向您致歉' });
    expect(replied.body).toMatchObject({ status: 'replied', late: false, repliedBy: 's10' });
    expect((await admin('POST', `/api/v1/admin/complaints/${res.body.id}/reply`, { reply: '再次答复内容' })).status).toBe(409);
  });

  it('takes one at a counter; a reply after the deadline is recorded as late, and central accepts every event', async () => {
    const session = (await h.signIn('c02', '1002')).sessionToken;
    const res = await h.api<ComplaintDTO>('POST', '/api/v1/counters/c02/complaints', { terminal: 'counter-2', session, body: { category: 'efficiency', content: '排队两个小时仍未办理' } });
    expect(res.body).toMatchObject({ channel: 'counter', counterId: 'c02', contact: null });
    timers.advance(res.body.replyDueAt - timers.now() + HOUR);
    expect((await admin<ComplaintDTO[]>('GET', '/api/v1/admin/complaints')).body.find((c) => c.id === res.body.id)).toMatchObject({ status: 'open', late: true });
    const replied = await admin<ComplaintDTO>('POST', `/api/v1/admin/complaints/${res.body.id}/reply`, { reply: '已增开窗口并致歉' });
    expect(replied.body.late).toBe(true);
    const events = eventsOf(h, ['complaint_received', 'complaint_replied']);
    expect(events.map((e) => [e.type, e.payload.late ?? e.payload.channel])).toEqual([
      ['complaint_received', 'kiosk'],
      ['complaint_replied', false],
      ['complaint_received', 'counter'],
      ['complaint_replied', true],
    ]);
    // The whole phone number: a short digit run like 138 also turns up by chance in event ids.
    expect(JSON.stringify(events)).not.toMatch(/态度|排队|致歉|13812345678/);
  });
});

describe('上门服务', () => {
  it('takes a request at the kiosk and by phone at a counter, schedules, assigns and completes it for the manager', async () => {
    const contact = { name: '李秀英', phone: '13900001111', address: '东胜区天骄街道富兴小区3号楼2单元' };
    const kiosk = await h.api<HomeVisitDTO>('POST', '/api/v1/kiosk/home-visits', { terminal: 'kiosk-1', body: { matterId: 'rsj-01', reason: '老人卧床，无法到厅', contact } });
    expect(kiosk.status).toBe(201);
    expect(kiosk.body).toMatchObject({ channel: 'kiosk', status: 'requested', contact: { name: '李*英', phone: '139****1111', address: '东胜区****' } });
    const session = (await h.signIn('c05', '1005')).sessionToken;
    const phone = await h.api<HomeVisitDTO>('POST', '/api/v1/counters/c05/home-visits', { terminal: 'counter-5', session, body: { matterId: 'rsj-01', reason: '残疾人，电话申请', contact } });
    expect(phone.body.channel).toBe('counter_phone');

    const early = await admin('POST', `/api/v1/admin/home-visits/${kiosk.body.id}/action`, { action: 'complete', outcome: '已办结' });
    expect(early.status).toBe(409);
    const at = timers.now() + 26 * HOUR;
    const scheduled = await admin<HomeVisitDTO>('POST', `/api/v1/admin/home-visits/${kiosk.body.id}/action`, { action: 'schedule', at, staffId: 's05' });
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: at, assignedStaffName: '杨洋' });
    timers.advance(27 * HOUR);
    const done = await admin<HomeVisitDTO>('POST', `/api/v1/admin/home-visits/${kiosk.body.id}/action`, { action: 'complete', outcome: '上门采集材料并受理' });
    expect(done.body).toMatchObject({ status: 'completed', outcome: '上门采集材料并受理' });
    const list = await admin<HomeVisitsDTO>('GET', '/api/v1/admin/home-visits');
    expect(list.body.staff.map((s) => s.id)).toContain('s05');
    expect(list.body.visits.map((v) => [v.code, v.status])).toEqual([
      [phone.body.code, 'requested'],
      [kiosk.body.code, 'completed'],
    ]);
    expect(eventsOf(h, ['home_visit_requested', 'home_visit_scheduled', 'home_visit_completed']).map((e) => e.type)).toEqual(['home_visit_requested', 'home_visit_requested', 'home_visit_scheduled', 'home_visit_completed']);
  });
});

describe('帮办代办', () => {
  it('a guide takes a ticket for the help-and-agency counter and holds it; 代为认证 / 代为办理 are marked, shown and counted', async () => {
    const refused = await h.api<ApiErrorBody>('POST', '/api/v1/assists', { terminal: 'kiosk-1', body: { staffNo: '1001', pin: '1234' } });
    expect(refused.status).toBe(403);
    const taken = await h.api<AssistDTO>('POST', '/api/v1/assists', { terminal: 'kiosk-1', body: { staffNo: '2001', pin: '1234', proxy: 'proxy_auth' } });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ staffId: 's09', staffName: '孙婷', kinds: ['accompany', 'proxy_auth'] });
    expect(taken.body.number).toMatch(/^J\d+/);

    // A visitor's own ticket, held by the guide; the counter serving it marks 代为办理.
    const own = await issue(h, 'rsj-01');
    const held = await h.api<AssistDTO>('POST', '/api/v1/assists', { terminal: 'admin', body: { staffNo: '2001', pin: '1234', number: own.number } });
    expect(held.body.kinds).toEqual(['accompany']);
    const session = (await h.signIn('c01', '1001')).sessionToken;
    const view = await callAndStart(h, 'c01', session);
    expect(view.counter.currentTicketNumber).toBe(own.number);
    const marked = await h.api<AssistDTO>('POST', '/api/v1/counters/c01/assist', { terminal: 'counter-1', session, body: { kind: 'proxy_handle' } });
    expect(marked.body.kinds).toEqual(['accompany', 'proxy_handle']);
    const onCounter = await h.api<CounterCasesDTO>('GET', '/api/v1/counters/c01/cases', { terminal: 'counter-1', session });
    expect(onCounter.body.currentAssist).toMatchObject({ number: own.number, staffName: '孙婷', kinds: ['accompany', 'proxy_handle'] });

    const day = await admin<AssistSummaryDTO>('GET', '/api/v1/admin/assists');
    expect(day.body.counts).toEqual({ accompany: 2, proxy_auth: 1, proxy_handle: 1 });
    expect(eventsOf(h, ['ticket_assisted']).map((e) => e.payload.kind)).toEqual(['accompany', 'proxy_auth', 'accompany', 'proxy_handle']);
  });

  it('without a help-and-agency counter, a guide must name the matter', async () => {
    const other = await startHarness({ timers: new ManualTimers(MONDAY_9AM) });
    try {
      const res = await other.api<ApiErrorBody>('POST', '/api/v1/assists', { terminal: 'kiosk-1', body: { staffNo: '2001', pin: '1234' } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('no_help_counter');
    } finally {
      await other.close();
    }
  });
});

describe('sealed contacts and a lost identity.key', () => {
  // Mutation tried: sealedRows() not counting complaint and home-visit contacts — the hall starts
  // on a cut key and the first list of complaints fails to open the contact; this test fails.
  it('a cut key with only contacts sealed stops the start; forget-identities deletes the contacts and keeps the records', async () => {
    const dataDir = tempDataDir();
    const configPath = helpHallConfig();
    let hall = await startHallService({ dataDir, port: 0, configPath, timers: new ManualTimers(MONDAY_9AM) });
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${hall.tokens.get('kiosk-1')!}` };
    const post = (route: string, body: unknown) => fetch(`${hall.url}${route}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    expect((await post('/api/v1/kiosk/complaints', { category: 'other', content: '投诉内容五个字以上', contact: { phone: '13812345678' } })).status).toBe(201);
    expect((await post('/api/v1/kiosk/home-visits', { matterId: 'rsj-01', reason: '卧床', contact: { name: '李四', phone: '13900001111', address: '东胜区某街道' } })).status).toBe(201);
    await hall.close();
    const keyFile = path.join(dataDir, 'identity.key');
    fs.writeFileSync(keyFile, fs.readFileSync(keyFile).subarray(0, 17));
    await expect(startHallService({ dataDir, port: 0, configPath, timers: new ManualTimers(MONDAY_9AM) })).rejects.toBeInstanceOf(IdentityKeyError);

    const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
    expect(forgetIdentities(db, dataDir, MONDAY_9AM)).toBe(2);
    db.close();
    hall = await startHallService({ dataDir, port: 0, configPath, timers: new ManualTimers(MONDAY_9AM) });
    try {
      const books = hall.runtime.db;
      expect(books.prepare('SELECT code, contact_sealed FROM complaints').all()).toEqual([expect.objectContaining({ contact_sealed: null })]);
      expect(books.prepare("SELECT length(contact_sealed) AS n FROM home_visits").all()).toEqual([{ n: 0 }]);
    } finally {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
