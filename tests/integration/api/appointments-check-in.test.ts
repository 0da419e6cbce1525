// Appointment check-in at the kiosk through the real hall service (HTTP, SQLite,
// emulated printer and ID card reader), with the hall clock under test control:
// early / on time / late / twice / cancelled / other day / by code, QR or card,
// all without any central platform configured (a check-in is a local event).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, AppointmentDTO, CheckInResponse, CounterViewDTO, HallEventDTO, ImportAppointmentsResponse, IssueTicketResponse } from '../../../hall/api/dto.js';

const MIN = 60_000;
/** 2026-11-23 (a Monday) 09:00 local. */
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
/** The demo card fixture resident-adult. */
const CARD_ID = '150203199003071538';

const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
let session: string;

beforeAll(async () => {
  h = await startHarness({ timers, devices: 'configured' });
  const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  session = s.body.sessionToken;
});
afterAll(() => h?.close());

const admin = <T>(method: string, route: string, body?: unknown) => h.api<T & ApiErrorBody>(method, route, { terminal: 'admin', session, ...(body !== undefined ? { body } : {}) });
const book = (body: object) => admin<AppointmentDTO>('POST', '/api/v1/admin/appointments', { matterId: 'gjj-01', date: '2026-11-23', ...body });
const checkIn = (body: object, terminal = 'kiosk-1') => h.api<CheckInResponse & ApiErrorBody>('POST', '/api/v1/kiosk/check-in', { terminal, body });
const events = async () => (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0', { terminal: 'admin' })).body;
const issuedCount = async () => (await events()).filter((e) => e.type === 'ticket_issued').length;
/** Jobs kiosk-1's printer received (the emulator behind kiosk-1's device agent). */
const kioskJobs = () => h.agentDevice('printer', 'kiosk-1').emulator!.jobs();
/** A ticket's print outcome as kiosk-1's agent reported it (the POST reply says only "sending"). */
const printOutcome = (ticketId: string) => h.hall.devices.printJobs.ticketOutcome(ticketId);

describe('appointment check-in at the kiosk', () => {
  it('tells a visitor who is too early when to come back, printing nothing', async () => {
    const a = (await book({ start: '09:45', end: '10:15' })).body;
    const before = await issuedCount();
    const res = await checkIn({ method: 'code', code: a.code.toLowerCase() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'too_early', details: { opensAt: Date.UTC(2026, 10, 23, 1, 15) } });
    expect(await issuedCount()).toBe(before);
    // Printing is asynchronous: the next test also checks that the printer got exactly its own two tickets.
    expect(kioskJobs()).toHaveLength(0);
  });

  it('gives an on-time visitor an appointment ticket, printed, called at its slot before earlier walk-ins', async () => {
    const walkIn = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-02' } });
    expect(walkIn.status).toBe(201);
    const a = (await book({ start: '09:15', end: '09:45', name: '李晓明' })).body;
    timers.advance(10 * MIN); // 09:10: within 30 minutes of 09:15
    const res = await checkIn({ method: 'code', code: a.code });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ checkIn: 'on_time', appointment: { code: a.code, slotText: '09:15–09:45', matterName: a.matterName } });
    expect(res.body.ticket).toMatchObject({ ticketClass: 'appointment', matterId: 'gjj-01', status: 'waiting' });
    expect(res.body.print).toEqual({ status: 'sending', code: null, message: null });
    await expect.poll(() => printOutcome(res.body.ticket.id)?.status).toBe('printed');
    await expect.poll(() => printOutcome(walkIn.body.ticket.id)?.status).toBe('printed');
    // The walk-in and this ticket, nothing else: the too-early visitor before got no paper.
    expect(kioskJobs()).toHaveLength(2);
    const list = (await admin<AppointmentDTO[]>('GET', '/api/v1/admin/appointments?day=2026-11-23')).body;
    expect(list.find((x) => x.id === a.id)).toMatchObject({ status: 'checked_in', ticketNumber: res.body.ticket.number, maskedName: '李*明' });

    // Counter 6 serves queue E: once its slot has started (09:15) the appointment goes
    // before the walk-in who came earlier (docs/calling-policy.md: appointments on time).
    timers.advance(5 * MIN);
    const staff = await h.signIn('c06', '1006');
    const called = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c06/actions/call-next', { terminal: 'counter-6', session: staff.sessionToken });
    expect(called.body.current?.number).toBe(res.body.ticket.number);
    expect(walkIn.body.ticket.number < res.body.ticket.number).toBe(true);

    const again = await checkIn({ method: 'qr', text: a.qrContent });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_checked_in', details: { number: res.body.ticket.number } });
  });

  it('serves a late visitor as a walk-in, and says so', async () => {
    const a = (await book({ start: '09:00', end: '09:30' })).body;
    timers.advance(10 * MIN); // 09:20: more than 15 minutes after 09:00
    const res = await checkIn({ method: 'qr', text: `servicehall:appt:${a.code}` });
    expect(res.status).toBe(201);
    expect(res.body.checkIn).toBe('late');
    expect(res.body.ticket.ticketClass).toBe('walk_in');
    const issued = (await events()).filter((e) => e.type === 'ticket_issued').at(-1)!;
    expect(issued.payload).toMatchObject({ appointmentId: a.id, checkIn: 'late', ticketClass: 'walk_in' });
  });

  it('refuses cancelled, other-day, unknown and malformed codes with clear codes', async () => {
    const cancelled = (await book({ start: '09:45', end: '10:15' })).body;
    expect((await admin<AppointmentDTO>('POST', `/api/v1/admin/appointments/${cancelled.id}/cancel`, {})).body.status).toBe('cancelled');
    const tomorrow = (await book({ date: '2026-11-24', start: '09:45', end: '10:15' })).body;
    const before = await issuedCount();
    expect((await checkIn({ method: 'code', code: cancelled.code })).body.error.code).toBe('appointment_cancelled');
    const other = await checkIn({ method: 'code', code: tomorrow.code });
    expect(other.body.error).toMatchObject({ code: 'appointment_other_day', details: { slotStart: tomorrow.slotStart } });
    const unknown = await checkIn({ method: 'code', code: 'ZZZZ2222' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_appointment']);
    const bad = await checkIn({ method: 'code', code: '预约号' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_code']);
    expect((await checkIn({ method: 'code' })).status).toBe(400);
    expect(await issuedCount()).toBe(before);
  });

  it('checks in by ID card through the blind index, as a real-name ticket', async () => {
    const a = (await book({ start: '09:30', end: '10:00', idNumber: CARD_ID })).body;
    expect(a.hasIdNumber).toBe(true);
    expect(JSON.stringify(a)).not.toContain(CARD_ID);
    expect((await checkIn({ method: 'card' })).body.error.code).toBe('no_card');
    await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', { terminal: 'admin', session, body: { action: 'swipe_card', fixture: 'resident-adult' } });
    let res = await checkIn({ method: 'card' });
    for (let i = 0; i < 600 && res.status === 409 && res.body.error.code === 'no_card'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      res = await checkIn({ method: 'card' });
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ checkIn: 'on_time', appointment: { code: a.code } });
    expect(res.body.ticket).toMatchObject({ ticketClass: 'appointment', maskedIdentity: '150203********1538' });
    expect(JSON.stringify(res.body)).not.toContain(CARD_ID);
  });

  it('says when the card holder has no appointment today', async () => {
    // Take the last card away first: the reader reads a card once per placing.
    h.agentDevice('id_reader', 'kiosk-1').emulator!.removeCard();
    await new Promise((r) => setTimeout(r, 2200)); // the reader polls once a second
    await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', { terminal: 'admin', session, body: { action: 'swipe_card', fixture: 'resident-elderly' } });
    let res = await checkIn({ method: 'card' });
    for (let i = 0; i < 600 && res.body.error?.code === 'no_card'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      res = await checkIn({ method: 'card' });
    }
    expect([res.status, res.body.error.code]).toEqual([404, 'no_appointment']);
  });

  it('never refuses a walk-in because of appointments', async () => {
    const imported = await admin<ImportAppointmentsResponse>('POST', '/api/v1/admin/appointments/import', {
      format: 'json',
      text: JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ matterId: 'gjj-01', date: '2026-11-23', start: `1${i % 8}:00`, end: `1${i % 8}:30` }))),
    });
    expect(imported.body.imported).toBe(20);
    const walkIn = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01' } });
    expect([walkIn.status, walkIn.body.ticket.ticketClass]).toEqual([201, 'walk_in']);
  });
});

describe('appointment admin API', () => {
  it('imports all rows or none, listing the bad lines', async () => {
    const before = (await admin<AppointmentDTO[]>('GET', '/api/v1/admin/appointments?day=2026-11-25')).body.length;
    const csv = ['matterId,date,start,end,name', 'gjj-01,2026-11-25,09:00,09:30,张三', 'gjj-99,2026-11-25,09:00,09:30,', 'gjj-01,2026-11-25,10:00,09:30,'].join('\n');
    const bad = await admin<unknown>('POST', '/api/v1/admin/appointments/import', { format: 'csv', text: csv });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('import_invalid');
    expect((bad.body.error.details as { path: string }[]).map((d) => d.path)).toEqual(['line 3', 'line 4']);
    expect((await admin<AppointmentDTO[]>('GET', '/api/v1/admin/appointments?day=2026-11-25')).body).toHaveLength(before);
    const good = await admin<ImportAppointmentsResponse>('POST', '/api/v1/admin/appointments/import', { format: 'csv', text: csv.split('\n').slice(0, 2).join('\n') });
    expect(good.status).toBe(201);
    expect(good.body.appointments[0]).toMatchObject({ maskedName: '张*', source: 'import', status: 'booked', slotText: '09:00–09:30' });
  });

  it('needs an admin terminal and a staff session, and validates entries', async () => {
    expect((await h.api('GET', '/api/v1/admin/appointments', { terminal: 'kiosk-1' })).status).toBe(403);
    expect((await h.api('GET', '/api/v1/admin/appointments', { terminal: 'admin' })).status).toBe(401);
    const bad = await book({ start: '9:00', end: '09:30' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_appointment']);
    const wrongId = await book({ start: '11:00', end: '11:30', idNumber: '150203199003071539' });
    expect([wrongId.status, wrongId.body.error.code]).toEqual([400, 'invalid_appointment']);
    expect(wrongId.body.error.message).not.toContain('150203199003071539');
  });
});
