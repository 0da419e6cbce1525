// Personal data kept no longer than needed: a closed complaint's or home visit's contact (name,
// phone, address) is deleted `serviceRecords.contactRetentionDays` after it was answered,
// completed or cancelled — set here through the hall's configuration file (3; the default is 30).
// The records stay, without the contact; an open one keeps its contact whatever its age.
// Mutations checked: no purge at day close (the "after 3 days" checks fail); purging open
// records too (the open visit's contact check fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { helpHallConfig } from '../../helpers/service-records.js';
import type { ComplaintDTO, HomeVisitDTO, HomeVisitsDTO } from '../../../hall/api/service-records-dto.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const timers = new ManualTimers(MONDAY_9AM);
const contact = { name: '李秀英', phone: '13900001111', address: '东胜区天骄街道富兴小区3号楼2单元' };
let h: Harness;
let manager = '';

beforeAll(async () => {
  h = await startHarness({ timers, configPath: helpHallConfig((c) => ((c as { serviceRecords?: unknown }).serviceRecords = { contactRetentionDays: 3 })) });
  manager = await signInManager();
});
afterAll(() => h?.close());

async function signInManager(): Promise<string> {
  return (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
}
const admin = <T>(method: string, route: string, body?: unknown) => h.api<T>(method, route, { terminal: 'admin', session: manager, ...(body === undefined ? {} : { body }) });
const sealed = (table: string, id: string) => h.hall.runtime.db.prepare(`SELECT contact_sealed FROM ${table} WHERE id = ?`).pluck().get(id) as Buffer | null;

describe('contacts of closed complaints and home visits', () => {
  it('are deleted after the configured days; open records keep theirs', async () => {
    const complaint = (await h.api<ComplaintDTO>('POST', '/api/v1/kiosk/complaints', { terminal: 'kiosk-1', body: { category: 'attitude', content: '窗口工作人员态度生硬', contact: { name: contact.name, phone: contact.phone } } })).body;
    const done = (await h.api<HomeVisitDTO>('POST', '/api/v1/kiosk/home-visits', { terminal: 'kiosk-1', body: { matterId: 'rsj-01', reason: '老人卧床', contact } })).body;
    const open = (await h.api<HomeVisitDTO>('POST', '/api/v1/kiosk/home-visits', { terminal: 'kiosk-1', body: { matterId: 'rsj-01', reason: '残疾人', contact } })).body;
    expect((await admin('POST', `/api/v1/admin/complaints/${complaint.id}/reply`, { reply: '已核实并致歉' })).status).toBe(200);
    expect((await admin('POST', `/api/v1/admin/home-visits/${done.id}/action`, { action: 'cancel', outcome: '申请人已自行到厅办理' })).status).toBe(200);

    // Two days on (two day closes): still within the three days.
    timers.advance(2 * DAY);
    manager = await signInManager();
    expect(sealed('complaints', complaint.id)!.length).toBeGreaterThan(0);
    expect(sealed('home_visits', done.id)!.length).toBeGreaterThan(0);

    // Past three days: the next day close deletes both closed contacts; the open visit keeps its own.
    timers.advance(2 * DAY);
    manager = await signInManager();
    expect(sealed('complaints', complaint.id)).toBeNull();
    expect(sealed('home_visits', done.id)!.length).toBe(0);
    expect(sealed('home_visits', open.id)!.length).toBeGreaterThan(0);

    const complaints = (await admin<ComplaintDTO[]>('GET', '/api/v1/admin/complaints')).body;
    expect(complaints.find((c) => c.id === complaint.id)).toMatchObject({ status: 'replied', contact: null });
    const visits = (await admin<HomeVisitsDTO>('GET', '/api/v1/admin/home-visits')).body.visits;
    expect(visits.find((v) => v.id === done.id)).toMatchObject({ status: 'cancelled', contact: { name: '-', phone: '-', address: '-' } });
    expect(visits.find((v) => v.id === open.id)!.contact.phone).toBe('139****1111');
  });
});
