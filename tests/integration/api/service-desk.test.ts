// Issue 13's service desk through the real hall service (real SQLite, real HTTP), each rule set
// through the hall configuration file a user writes:
//   - 办不成事 cases (004 第三十三条): recorded at the unresolved-issue counter, escalated to the
//     leader on duty the configuration names, answered on the admin page, seen by the manager,
//     and their events accepted by central's schemas;
//   - daily caps versus 不得拒绝服务 (000 第十七条; 003 §二.4): the kiosk's offers when a queue's
//     numbers are gone, each taken offer counted;
//   - pausing announced (000 第十七条): a queue closing early, posted in advance with a reason
//     and the time it resumes, shown to displays and kiosks, enforced at the kiosk.
// Time is a manual clock. Each test names the mutation it was checked against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { EVENT_SCHEMAS } from '../../../protocol/central/events.js';
import type { ApiErrorBody, CapOffersDTO, IssueTicketResponse, KioskAvailabilityDTO, ServiceDeskDTO, ServiceNoticesDTO, TakeCapOfferResponse, UnresolvedCaseDTO } from '../../../hall/api/dto.js';

type Config = Record<string, unknown> & { queues: { id: string; dailyCap?: number | null }[]; serviceDesk?: unknown };

let h: Harness;
let timers: ManualTimers;
let admin: string;
let c08: string;
let c03: string;

beforeAll(async () => {
  timers = new ManualTimers(MONDAY_9AM);
  const configPath = demoConfigWith((c) => {
    const config = c as Config;
    config.queues.find((q) => q.id === 'A')!.dailyCap = 1;
    config.serviceDesk = {
      contact: { label: '咨询监督电话', value: '0477-8581234' },
      leadersOnDuty: [{ staffId: 's10', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
      capOffers: { offers: ['unresolved_counter', 'next_day_booking', 'guide_help'], bookingSlotMinutes: 30 },
      pauseReasons: [
        { id: 'training', label: '业务培训' },
        { id: 'system', label: '系统故障' },
      ],
    };
  });
  h = await startHarness({ timers, configPath });
  admin = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
  c08 = (await h.signIn('c08', '1008')).sessionToken;
  c03 = (await h.signIn('c03', '1003')).sessionToken;
});
afterAll(async () => {
  await h.close();
});

const adminApi = <T>(method: string, route: string, body?: unknown) => h.api<T & ApiErrorBody>(method, route, { terminal: 'admin', session: admin, ...(body === undefined ? {} : { body }) });
const kiosk = <T>(method: string, route: string, body?: unknown) => h.api<T & ApiErrorBody>(method, route, { terminal: 'kiosk-1', ...(body === undefined ? {} : { body }) });
const storedEvents = (type: string) => h.hall.runtime.db.prepare('SELECT type, payload FROM events WHERE type = ? ORDER BY seq').all(type) as { type: string; payload: string }[];
const acceptedByCentral = (type: string) => storedEvents(type).every((e) => EVENT_SCHEMAS.get(1)![e.type]?.safeParse(JSON.parse(e.payload)).success === true);

describe('办不成事 cases: recorded, escalated to the leader on duty, answered, seen by the manager', () => {
  // Mutations tried: recording at any counter kind (the kind check removed) fails the c03 refusal;
  // escalating to nobody (leaderStaffId null) fails `escalatedTo`; a second answer allowed fails the 409.
  it('takes a case at the 办不成事 counter only, sends it to the leader on duty and records the answer once', async () => {
    const refused = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c03/unresolved-cases', { terminal: 'counter-3', session: c03, body: { summary: '二手房过户被要求补交无关材料' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('counter_kind_not_for_cases');

    const recorded = await h.api<UnresolvedCaseDTO>('POST', '/api/v1/counters/c08/unresolved-cases', {
      terminal: 'counter-8',
      session: c08,
      body: { matterId: 'bdc-01', ticketNumber: 'a001', summary: '二手房过户被要求补交无关材料' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ counterNumber: 8, staffName: '黄磊', matterName: '不动产转移登记（二手房买卖）', ticketNumber: 'A001', escalatedTo: { staffId: 's10', name: '周明' }, answer: null });

    const desk = await adminApi<ServiceDeskDTO>('GET', '/api/v1/admin/service-desk');
    expect(desk.body.leaderOnDuty).toMatchObject({ name: '周明', post: '大厅主任' });
    expect(desk.body.warnings).toEqual([]);
    expect(desk.body.cases.map((c) => c.caseId)).toEqual([recorded.body.caseId]);

    timers.advance(20 * 60_000);
    const answered = await adminApi<UnresolvedCaseDTO>('POST', `/api/v1/admin/unresolved-cases/${recorded.body.caseId}/answer`, { answer: '已协调不动产登记中心当场受理，无需补交' });
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toMatchObject({ text: '已协调不动产登记中心当场受理，无需补交', staffName: '周明' });
    const again = await adminApi('POST', `/api/v1/admin/unresolved-cases/${recorded.body.caseId}/answer`, { answer: '再答一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_answered');

    for (const type of ['unresolved_case_recorded', 'unresolved_case_escalated', 'unresolved_case_answered']) {
      expect(storedEvents(type)).toHaveLength(1);
      expect(acceptedByCentral(type), type).toBe(true);
    }
  });

  // Mutation tried: configWarnings returning [] fails this (no flag for a hall without a 办不成事 counter).
  it('flags a hall without a 办不成事 counter on the admin page', async () => {
    const configPath = demoConfigWith((c) => {
      const counters = c.counters as { id: string; kind: string }[];
      counters.find((k) => k.id === 'c08')!.kind = 'enquiry';
    });
    const other = await startHarness({ timers: new ManualTimers(MONDAY_9AM), configPath });
    try {
      const session = (await other.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
      const desk = await other.api<ServiceDeskDTO>('GET', '/api/v1/admin/service-desk', { terminal: 'admin', session });
      expect(desk.body.warnings.map((w) => w.code)).toEqual(['no_unresolved_counter']);
    } finally {
      await other.close();
    }
  });
});

describe('daily caps versus 不得拒绝服务: the kiosk offers, never a bare "no"', () => {
  // Mutations tried: offersFor returning [] fails the three offers; dropping the cause check in
  // takeCapOffer fails `tickets_available`; not recording cap_offer_taken fails the counts.
  it('offers the 办不成事 counter, a next-working-day slot and a guide, and counts each taken', async () => {
    const early = await kiosk<ApiErrorBody>('POST', '/api/v1/kiosk/cap-offers', { matterId: 'bdc-01', offer: 'guide_help' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('tickets_available');

    expect((await kiosk<IssueTicketResponse>('POST', '/api/v1/tickets', { matterId: 'bdc-01' })).status).toBe(201);
    const capped = await kiosk('POST', '/api/v1/tickets', { matterId: 'bdc-02' });
    expect(capped.status).toBe(409);
    expect(capped.body.error.code).toBe('daily_cap_reached');

    const offered = await kiosk<CapOffersDTO>('GET', '/api/v1/kiosk/cap-offers?matterId=bdc-02');
    expect(offered.body.cause).toBe('daily_cap_reached');
    expect(offered.body.offers).toEqual([
      { kind: 'unresolved_counter', counterNumbers: [8], counterName: '办不成事反映窗口' },
      { kind: 'next_day_booking', date: '2026-11-24', start: '09:00', end: '09:30' },
      { kind: 'guide_help' },
    ]);

    const counter = await kiosk<TakeCapOfferResponse>('POST', '/api/v1/kiosk/cap-offers', { matterId: 'bdc-02', offer: 'unresolved_counter' });
    expect(counter.status).toBe(201);
    expect(counter.body.ticket).toMatchObject({ number: 'H001', queueId: 'H' });

    const booked = await kiosk<TakeCapOfferResponse>('POST', '/api/v1/kiosk/cap-offers', { matterId: 'bdc-02', offer: 'next_day_booking' });
    expect(booked.status).toBe(201);
    expect(booked.body.appointment).toMatchObject({ matterName: '不动产抵押权登记', date: '2026-11-24', start: '09:00', end: '09:30' });
    expect(booked.body.print).not.toBeNull();
    // The next visitor gets the next slot: bookings are spread, not piled on 09:00.
    const next = await kiosk<CapOffersDTO>('GET', '/api/v1/kiosk/cap-offers?matterId=bdc-02');
    expect(next.body.offers[1]).toMatchObject({ kind: 'next_day_booking', start: '09:30' });

    expect((await kiosk('POST', '/api/v1/kiosk/cap-offers', { matterId: 'bdc-02', offer: 'guide_help' })).status).toBe(201);

    const desk = await adminApi<ServiceDeskDTO>('GET', '/api/v1/admin/service-desk');
    expect(desk.body.capOffersToday).toEqual({ unresolved_counter: 1, next_day_booking: 1, guide_help: 1 });
    expect(acceptedByCentral('cap_offer_taken')).toBe(true);
    const day = await adminApi<{ code: string; matterId: string }[]>('GET', '/api/v1/admin/appointments?day=2026-11-24');
    expect(day.body.map((a) => [a.code, a.matterId])).toEqual([[booked.body.appointment!.code, 'bdc-02']]);
  });
});

describe('pausing service is announced: a queue closing early', () => {
  // Mutations tried: removing notices.assertQueueOpen from POST /tickets fails the 409; withClosures
  // returning the availability unchanged fails the kiosk's `queue_closed_early`; current() keeping
  // withdrawn notices fails the last expectation.
  it('shows the notice in advance with its reason and resume time, closes the queue in its window, and reopens it', async () => {
    const now = h.hall.runtime.timers.now();
    const posted = await adminApi<{ noticeId: string; reasonLabel: string; active: boolean }>('POST', '/api/v1/admin/notices', { queueId: 'B', reasonId: 'training', startsAt: now + 10 * 60_000, resumesAt: now + 70 * 60_000 });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ reasonLabel: '业务培训', active: false });
    const bad = await adminApi('POST', '/api/v1/admin/notices', { queueId: 'B', reasonId: 'lunch', startsAt: now, resumesAt: now + 60_000 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('training, system');

    const display = await h.api<ServiceNoticesDTO>('GET', '/api/v1/notices', { terminal: 'hall-display' });
    expect(display.body.notices).toEqual([expect.objectContaining({ queueId: 'B', queueName: '市场准入', reasonLabel: '业务培训', resumesAt: now + 70 * 60_000, active: false })]);
    expect((await kiosk<IssueTicketResponse>('POST', '/api/v1/tickets', { matterId: 'scjg-01' })).status).toBe(201);

    timers.advance(10 * 60_000);
    const availability = await kiosk<KioskAvailabilityDTO>('GET', '/api/v1/kiosk/availability');
    expect(availability.body.matters.find((m) => m.matterId === 'scjg-01')).toMatchObject({ available: false, reason: 'queue_closed_early', facts: { reasonId: 'training', resumesAt: now + 70 * 60_000 } });
    const refused = await kiosk('POST', '/api/v1/tickets', { matterId: 'scjg-01' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('queue_closed_early');
    const offers = await kiosk<CapOffersDTO>('GET', '/api/v1/kiosk/cap-offers?matterId=scjg-01');
    expect(offers.body.cause).toBe('queue_closed_early');
    expect(offers.body.offers.length).toBeGreaterThan(0);

    timers.advance(60 * 60_000);
    expect((await kiosk('POST', '/api/v1/tickets', { matterId: 'scjg-01' })).status).toBe(201);
    expect((await h.api<ServiceNoticesDTO>('GET', '/api/v1/notices', { terminal: 'hall-display' })).body.notices).toEqual([]);

    const counterPause = await adminApi<{ noticeId: string; counterNumber: number }>('POST', '/api/v1/admin/notices', { counterId: 'c04', reasonId: 'system', startsAt: now + 2 * 3_600_000, resumesAt: now + 3 * 3_600_000 });
    expect(counterPause.body.counterNumber).toBe(4);
    expect((await adminApi('POST', `/api/v1/admin/notices/${counterPause.body.noticeId}/withdraw`, {})).status).toBe(200);
    expect((await h.api<ServiceNoticesDTO>('GET', '/api/v1/notices', { terminal: 'kiosk-1' })).body.notices).toEqual([]);
    expect(acceptedByCentral('service_notice_posted') && acceptedByCentral('service_notice_withdrawn')).toBe(true);
  });

  // Mutation tried: announceCounterPause without the own-counter check (ownCounter) lets counter 8 post for counter 4.
  it("lets a counter's staff announce their own pause, and only their own", async () => {
    const now = h.hall.runtime.timers.now();
    const own = await h.api<{ counterNumber: number; reasonLabel: string; staffId?: string }>('POST', '/api/v1/counters/c08/pause-notices', {
      terminal: 'counter-8',
      session: c08,
      body: { reasonId: 'system', startsAt: now + 15 * 60_000, resumesAt: now + 45 * 60_000 },
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ counterNumber: 8, reasonLabel: '系统故障' });
    const shown = await h.api<ServiceNoticesDTO>('GET', '/api/v1/notices', { terminal: 'kiosk-1' });
    expect(shown.body.notices).toEqual([expect.objectContaining({ counterId: 'c08', reasonId: 'system', resumesAt: now + 45 * 60_000, active: false })]);
    const other = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c04/pause-notices', { terminal: 'counter-8', session: c08, body: { reasonId: 'system', startsAt: now, resumesAt: now + 60_000 } });
    expect(other.status).toBe(403);
  });
});
