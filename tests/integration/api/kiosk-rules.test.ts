// The kiosk's honest availability and modes through the real hall service with a
// hall calendar (Mon–Fri 09:00–17:00, flex ±60 min, weekend service for one
// matter, a 24-hour zone), a daily cap and a cut-off: refusals are said before
// anything is printed, a 24h-zone kiosk runs self-service outside hours, and a
// printer fault there with nobody around reaches the admin page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, HallEventDTO, IssueTicketResponse, KioskAvailabilityDTO, KioskFaultsDTO, QueueWarningDTO } from '../../../hall/api/dto.js';

const MIN = 60_000;
/** Local "YYYY-MM-DD HH:MM" (UTC+8) → epoch ms. */
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

const timers = new ManualTimers(at('2026-11-23 10:00')); // a Monday
let h: Harness;
let configDir: string;
let session: string;

beforeAll(async () => {
  const demo = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'), 'utf8')) as Record<string, unknown> & { queues: Record<string, unknown>[] };
  for (const q of demo.queues) {
    if (q.id === 'C') q.dailyCap = 2;
    if (q.id === 'D') q.cutOff = '16:00';
  }
  demo.calendar = { weekendService: { enabled: true, days: ['sat'], counterMatterIds: ['gjj-01'] }, selfServiceZone: { enabled: true, ticketsDuringHours: true } };
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-kiosk-rules-'));
  const configPath = path.join(configDir, 'hall.json');
  fs.writeFileSync(configPath, JSON.stringify(demo));
  h = await startHarness({ timers, configPath, devices: 'configured' });
  session = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

const availability = async (terminal = 'kiosk-1') => (await h.api<KioskAvailabilityDTO>('GET', '/api/v1/kiosk/availability', { terminal })).body;
const matter = (a: KioskAvailabilityDTO, id: string) => a.matters.find((m) => m.matterId === id)!;
const issue = (matterId: string, terminal = 'kiosk-1') => h.api<IssueTicketResponse & ApiErrorBody>('POST', '/api/v1/tickets', { terminal, body: { matterId } });
const eventCount = async () => (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=1000', { terminal: 'admin' })).body.length;
/** Jobs kiosk-1's printer received (the emulator behind kiosk-1's device agent). */
const printedJobs = () => h.agentDevice('printer', 'kiosk-1').emulator!.jobs().length;
/** The kiosk's print outcome arrives after the reply (the agent prints): wait until the agent reported it. */
const printedOutcome = (ticketId: string) => expect.poll(() => h.hall.devices.printJobs.ticketOutcome(ticketId)?.status).toBe('printed');
const moveTo = (local: string) => timers.advance(at(local) - timers.now());

describe('kiosk availability and modes', () => {
  it('offers full service in opening hours, with the estimate and its basis, and the next change', async () => {
    const a = await availability();
    expect(a.mode).toMatchObject({ zone: 'hall', screen: 'service', walkInTickets: true, checkIns: true, guides: true, hours: { open: '09:00', close: '17:00' } });
    expect(a.mode.nextChangeAt).toBeGreaterThan(timers.now());
    expect(matter(a, 'rsj-01')).toMatchObject({ available: true, reason: null, estimate: { basis: 'typical' } });
    expect((await availability('kiosk-24h')).mode).toMatchObject({ zone: '24h', screen: 'service', walkInTickets: true });
  });

  it('says "today\'s numbers are gone" before printing once the daily cap is reached', async () => {
    const first = await issue('rsj-01');
    const second = await issue('rsj-03');
    expect([first.status, second.status]).toEqual([201, 201]);
    // Both tickets printed before counting, so a job still on its way is not mistaken for one the refusal caused.
    await printedOutcome(first.body.ticket.id);
    await printedOutcome(second.body.ticket.id);
    expect(matter(await availability(), 'rsj-05')).toMatchObject({ available: false, reason: 'daily_cap_reached', facts: { cap: 2 } });
    expect(matter(await availability(), 'ybj-01').available).toBe(true); // another queue is not affected
    const [events, jobs] = [await eventCount(), printedJobs()];
    const refused = await issue('rsj-05');
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'daily_cap_reached', { cap: 2 }]);
    expect(await eventCount()).toBe(events);
    // Printing is asynchronous now: a ticket printed after the refusal is a barrier — had the refusal sent
    // a job to the printer, it would have come out before this one, and the count would be jobs + 2.
    const barrier = await issue('ybj-01');
    expect(barrier.status).toBe(201);
    await printedOutcome(barrier.body.ticket.id);
    expect(printedJobs()).toBe(jobs + 1);
  });

  it('says the issuing time is over after the cut-off', async () => {
    moveTo('2026-11-23 16:30');
    expect(matter(await availability(), 'ybj-01')).toMatchObject({ available: false, reason: 'after_cut_off', facts: { cutOff: '16:00' } });
    expect(matter(await availability(), 'gjj-01').available).toBe(true);
    expect((await issue('ybj-01')).body.error.code).toBe('after_cut_off');
  });

  it('takes check-ins only in the evening flex window', async () => {
    moveTo('2026-11-23 17:30');
    const a = await availability();
    expect(a.mode).toMatchObject({ screen: 'booked_only', walkInTickets: false, checkIns: true });
    expect(matter(a, 'gjj-01')).toMatchObject({ available: false, reason: 'booked_only' });
    expect((await issue('gjj-01')).body.error.code).toBe('booked_only');
  });

  it('closes a hall-zone kiosk after hours with the next opening; a 24h-zone kiosk runs self-service only', async () => {
    moveTo('2026-11-23 19:00');
    const hallKiosk = await availability();
    expect(hallKiosk.mode).toMatchObject({ screen: 'closed', walkInTickets: false, checkIns: false, guides: true, opensAt: { localDate: '2026-11-24', localTime: '09:00' } });
    const zone = await availability('kiosk-24h');
    expect(zone.mode).toMatchObject({ zone: '24h', screen: 'self_service', walkInTickets: false, checkIns: false, selfServiceMatters: true, guides: true });
    expect(matter(zone, 'rsj-02')).toMatchObject({ available: false, reason: 'self_service_only', selfService: true });
    const refused = await issue('gjj-01', 'kiosk-24h');
    expect(refused.body.error).toMatchObject({ code: 'self_service_only', details: { opensAt: at('2026-11-24 09:00'), opensAtText: '2026-11-24 09:00' } });
    const booked = await h.api<{ code: string }>('POST', '/api/v1/admin/appointments', { terminal: 'admin', session, body: { matterId: 'gjj-01', date: '2026-11-23', start: '19:15', end: '19:45' } });
    expect(booked.status).toBe(201);
    const checkIn = (terminal: string) => h.api<ApiErrorBody>('POST', '/api/v1/kiosk/check-in', { terminal, body: { method: 'code', code: booked.body.code } });
    expect((await checkIn('kiosk-24h')).body.error).toMatchObject({ code: 'self_service_only', details: { opensAtText: '2026-11-24 09:00' } });
    expect((await checkIn('kiosk-1')).body.error.code).toBe('hall_closed');
  });

  it('records a 24h-zone printer fault with nobody around, for the admin page', async () => {
    const emulate = (body: object) => h.api('POST', '/api/v1/admin/devices/kiosk-24h-printer/emulator', { terminal: 'admin', session, body });
    expect((await emulate({ action: 'printer_state', state: { paperOut: true } })).status).toBe(200);
    const faults = async () => (await h.api<KioskFaultsDTO>('GET', '/api/v1/admin/kiosk-faults', { terminal: 'admin', session })).body;
    let seen = await faults();
    for (let i = 0; i < 200 && !seen.faults.some((f) => f.deviceId === 'kiosk-24h-printer'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await faults();
    }
    expect(seen.faults.find((f) => f.deviceId === 'kiosk-24h-printer')).toMatchObject({ terminalId: 'kiosk-24h', zone: '24h', kind: 'printer', unattended: true, endedAt: null, since: timers.now() });
    timers.advance(30 * MIN);
    await emulate({ action: 'printer_state', state: { paperOut: false } });
    for (let i = 0; i < 200 && seen.faults.find((f) => f.deviceId === 'kiosk-24h-printer')?.endedAt === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await faults();
    }
    // Recovered, but still listed: the morning shift sees what happened at night.
    expect(seen.faults.find((f) => f.deviceId === 'kiosk-24h-printer')).toMatchObject({ unattended: true, endedAt: timers.now() });
    expect((await h.api('GET', '/api/v1/admin/kiosk-faults', { terminal: 'kiosk-24h' })).status).toBe(403);
  });

  it('serves only the listed matters at weekend service', async () => {
    moveTo('2026-11-28 10:00'); // Saturday
    const a = await availability();
    expect(a.mode.screen).toBe('weekend_service');
    expect(matter(a, 'gjj-01').available).toBe(true);
    expect(matter(a, 'bdc-01')).toMatchObject({ available: false, reason: 'matter_not_offered' });
    expect((await issue('gjj-01')).status).toBe(201);
    expect((await issue('bdc-01')).body.error.code).toBe('matter_not_offered');
  });
});

describe('queue warnings', () => {
  it('lists queues past their wait target with the figures, worst first', async () => {
    // Days have passed since the morning sign-in: sign in again.
    session = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
    const warnings = async () => (await h.api<QueueWarningDTO[]>('GET', '/api/v1/admin/queue-warnings', { terminal: 'admin', session })).body;
    expect((await warnings()).map((w) => w.queueId)).toEqual([]);
    // Queue E (target 15 min): the weekend ticket from before waits 40 minutes with no counter open.
    timers.advance(40 * MIN);
    const list = await warnings();
    expect(list.map((w) => w.queueId)).toEqual(['E']);
    expect(list[0]).toMatchObject({ warning: 'over_target', waiting: 1, longestWaitMinutes: 40, waitTargetMinutes: 15, openCounters: 0 });
  });
});
