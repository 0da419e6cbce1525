// The whole hall service connected to the central platform, end to end:
// startHallService (tests/helpers/hall-harness.ts) with the `sync`,
// `downlink` and `ratingUpload` sections set, the real central server on a
// real PostgreSQL 15 (tests/helpers/central-harness.ts), and the real
// provincial 好差评 emulator. Everything goes through the LAN API, as the
// kiosk, counter, counter display and admin pages use it; central is checked
// in its own tables and through its operator API.
// The first story runs in order (one hall, one central): online service,
// central down and back, a catalog and appointments published (one later
// withdrawn), ratings mapped to the provincial profile, the hall token rotated,
// hall restarts (also while central is down). The second: a hall registered on
// central under another id (sync.hallId), rating through central (national
// profile), which forwards to the province.
// Real time (system timers): the workers' backoff and poll intervals are set
// small in the hall configuration; waits poll for a state, never for a time.
// Danger: a run that crosses the hall's service-day boundary (03:00 UTC+8)
// closes the day mid-story and the per-day figures no longer match.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog } from '../../../central/datasets/demo-catalog.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';
import { serviceDayOf } from '../../../hall/domain/index.js';
import type { ApiErrorBody, AppointmentDTO, CheckInResponse, CounterDisplayDTO, CounterViewDTO, HallEventDTO, IssueTicketResponse, RatingDTO } from '../../../hall/api/dto.js';
import type { SyncStatusDTO } from '../../../hall/sync/status.js';
import type { RatingUploadsDTO } from '../../../hall/api/routes/rating-uploads.js';
import type { MatterGuideResponse } from '../../../hall/api/routes/guides.js';
import type { DownlinkStatus } from '../../../hall/sync/downlink/worker.js';
import type { OverviewDay } from '../../../central/overview/overview.js';
import { adminSignIn, demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { startCentralHarness, type CentralHarness, type CentralHarnessOptions } from '../../helpers/central-harness.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';

const HALL_ID = demoHall.hall.id;
const DAY_RULE = { utcOffsetMinutes: demoHall.hall.utcOffsetMinutes, dayStartsAtHour: demoHall.hall.dayStartsAtHour };
const DEPT_CODE = '11150602MB1234567X';
const MIN = 60_000;

let pg: TestPostgres;
let province: ProvincialEmulator;
let central: CentralHarness;
let h: Harness;
let adminSession: string;
let counterSession: string;

beforeAll(async () => {
  pg = await startPostgres();
  province = await startProvincialEmulator({ clients: [{ clientId: 'hall', clientSecret: 'province-secret' }] });
}, 60_000);

afterAll(async () => {
  await province?.close();
  await pg?.stop();
});

/** The hall's configuration: the demo hall, always open, pointing at `central`, small backoff and poll settings. */
function hallConfig(ratingUpload: Record<string, unknown>): string {
  return demoConfigWith((c) => {
    // Always open, whatever the time of day the test runs at.
    c.calendar = null;
    c.sync = central.syncSection({ backoff: { baseMs: 20, capMs: 300 }, idlePollSeconds: 1, requestTimeoutSeconds: 5 });
    c.downlink = { pollSeconds: 5, backoff: { baseMs: 20, capMs: 500 } };
    c.ratingUpload = { deptCode: DEPT_CODE, pollSeconds: 1, requestTimeoutSeconds: 5, ...ratingUpload };
    // A bad rating's upload waits the tag window (docs/bad-rating-cases.md, default 90 s): the shortest
    // the schema allows keeps the dissatisfied ratings' uploads within the waits below.
    c.badRatingCases = { tagWindowSeconds: 10 };
  });
}

/**
 * Central on the shared PostgreSQL with the demo hall registered as `hallId`, then the hall service
 * uploading ratings to the destination `rating` names for it (its credentials file written into the
 * hall's data directory first), signed in at the admin page and counter c03.
 */
async function startCentralAndHall(
  o: { hallId: string; provincial?: CentralHarnessOptions['provincial'] },
  rating: (c: CentralHarness) => { destination: { id: string; profile: string; url: string; credentialsFile: string }; credentials: Record<string, string> },
): Promise<void> {
  central = await startCentralHarness({ pg, hallId: o.hallId, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode, ...(o.provincial ? { provincial: o.provincial } : {}) });
  const dataDir = central.hallDataDir();
  const { destination, credentials } = rating(central);
  fs.writeFileSync(path.join(dataDir, destination.credentialsFile), JSON.stringify(credentials), { mode: 0o600 });
  h = await startHarness({ configPath: hallConfig({ destination }), dataDir });
  await signIn();
}

async function stopCentralAndHall(): Promise<void> {
  await h?.close();
  await central?.close();
}

async function signIn(): Promise<void> {
  adminSession = await adminSignIn(h);
  counterSession = (await h.signIn('c03', '1003')).sessionToken;
}

const admin = <T>(route: string) => h.api<T>('GET', route, { terminal: 'admin', session: adminSession });
const syncStatus = async () => (await admin<SyncStatusDTO>('/api/v1/admin/sync')).body;
const uploads = async () => (await admin<Extract<RatingUploadsDTO, { configured: true }>>('/api/v1/admin/rating-uploads')).body;
const serviceDay = async () => (await h.api<{ serviceDay: string }>('GET', '/api/v1/health')).body.serviceDay;

/** Polls (real time) until `check` holds; `what` and the last value read are in the error when it never does. */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}

/** The hall's whole outbox, read through the LAN API in pages. */
async function hallEvents(): Promise<HallEventDTO[]> {
  const all: HallEventDTO[] = [];
  for (;;) {
    const page = (await h.api<HallEventDTO[]>('GET', `/api/v1/events?since=${all.at(-1)?.seq ?? 0}&limit=500`, { terminal: 'admin' })).body;
    all.push(...page);
    if (page.length < 500) return all;
  }
}

const caughtUp = () => until(syncStatus, (s) => s.connected && s.backlog === 0 && s.lastSeq > 0, 'the uplink to catch up');

/** Central holds every hall event exactly once, interpreted, in one stream, under the hall's own ids and seqs. */
async function expectCentralHoldsExactly(): Promise<HallEventDTO[]> {
  const events = await hallEvents();
  const rows = await central.rows();
  expect(rows.filter((r) => r.table !== 'events')).toEqual([]);
  expect(new Set(rows.map((r) => r.stream)).size).toBe(1);
  expect(rows.map((r) => [r.seq, r.eventId, r.type])).toEqual(events.map((e) => [e.seq, e.id, e.type]));
  expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
  return events;
}

async function overviewOf(day: string): Promise<OverviewDay> {
  const r = await central.operator<{ days: OverviewDay[] }>('GET', `/v1/overview?from=${day}&to=${day}&hallId=${central.hallId}`);
  expect(r.status).toBe(200);
  expect(r.body.days).toHaveLength(1);
  return r.body.days[0]!;
}

interface Served {
  ticketId: string;
  number: string;
  matterId: string;
  rating: RatingDTO;
}

/** A visitor at counter c03 (queue A): ticket at the kiosk, call, start, finish, rating on the counter display. */
async function serveOne(matterId: string, level: 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied'): Promise<Served> {
  const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } });
  expect(issued.status).toBe(201);
  const s = { terminal: 'counter-3', session: counterSession };
  const called = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c03/actions/call-next', s);
  expect(called.status).toBe(200);
  expect(called.body.current?.id).toBe(issued.body.ticket.id);
  expect((await h.api('POST', '/api/v1/counters/c03/actions/start', s)).status).toBe(200);
  expect((await h.api('POST', '/api/v1/counters/c03/actions/finish', s)).status).toBe(200);
  const pad = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
  const ratingId = pad.body.pendingRating!.id;
  const rated = await h.api<RatingDTO>('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level } });
  expect(rated.status).toBe(200);
  expect(rated.body.outcome).toBe(level);
  return { ticketId: issued.body.ticket.id, number: issued.body.ticket.number, matterId, rating: rated.body };
}

const count = (events: HallEventDTO[], type: string) => events.filter((e) => e.type === type).length;
const served: Served[] = [];

describe('a hall service connected to the central platform', () => {
  beforeAll(
    () =>
      startCentralAndHall({ hallId: HALL_ID }, () => ({
        destination: { id: 'province', profile: 'provincial', url: province.url, credentialsFile: 'province-credentials.json' },
        credentials: { clientId: 'hall', clientSecret: 'province-secret' },
      })),
    60_000,
  );

  afterAll(stopCentralAndHall);

  it('sends every event of a working morning to central exactly once and says it is connected', async () => {
    const before = await syncStatus();
    expect(before).toMatchObject({ enabled: true, centralUrl: central.url, hallId: HALL_ID });

    served.push(await serveOne('bdc-01', 'very_satisfied'));
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'scjg-01' } });
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01' } });

    const status = await caughtUp();
    expect(status.state).not.toBe('blocked');
    expect(status.lastError === null || status.lastSuccessAt! >= status.lastError.at).toBe(true);
    expect(status.quarantined.count).toBe(0);
    const events = await expectCentralHoldsExactly();
    expect(status.ackSeq).toBe(events.at(-1)!.seq);

    const day = await overviewOf(await serviceDay());
    expect(day).toMatchObject({ ticketsIssued: count(events, 'ticket_issued'), served: 1, calledTickets: 1 });
    expect(day.ticketsIssued).toBe(3);
    expect(day.ratings.very_satisfied).toBe(1);
  });

  it('keeps working while central is down, shows the backlog, and catches up without losing or doubling anything', async () => {
    const heldBefore = (await central.rows()).length;
    await central.stop();

    served.push(await serveOne('bdc-02', 'dissatisfied'));
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'ybj-01' } });
    const lastSeq = (await hallEvents()).at(-1)!.seq;

    const offline = await until(syncStatus, (s) => !s.connected && s.lastSeq === lastSeq && s.lastError !== null, 'the status to show central unreachable');
    expect(offline.backlog).toBe(lastSeq - heldBefore);
    expect(offline.backlog).toBeGreaterThan(0);
    expect(offline.oldestPendingAt).not.toBeNull();
    expect(['backing_off', 'sending']).toContain(offline.state);
    expect((await central.rows()).length).toBe(heldBefore);

    await central.start();
    await caughtUp();
    const events = await expectCentralHoldsExactly();
    expect(events).toHaveLength(lastSeq);
    const day = await overviewOf(await serviceDay());
    expect(day).toMatchObject({ ticketsIssued: count(events, 'ticket_issued'), served: 2 });
    expect(day.ratings).toMatchObject({ very_satisfied: 1, dissatisfied: 1 });
    expect(day.badRatings).toBe(1);
  });

  it('serves the guide and checks in the appointment an operator publishes on central', async () => {
    // Before central publishes, the hall serves its own guide (guides.file, docs/guides.md); central's replaces it.
    const guideBefore = await h.api<MatterGuideResponse>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' });
    expect(guideBefore.status).toBe(200);
    expect(guideBefore.body.origin).toBe('hall');

    const catalog = demoCatalog(demoHall as unknown as Parameters<typeof demoCatalog>[0]);
    expect((await central.publish('catalog', catalog)).itemCount).toBe(catalog.length);
    // A slot starting in ten minutes (on time: the window opens 30 minutes before); just
    // before the service-day boundary, one that started five minutes ago instead.
    const now = Date.now();
    let slotStart = Math.floor((now + 10 * MIN) / MIN) * MIN;
    if (serviceDayOf(slotStart, DAY_RULE) !== serviceDayOf(now, DAY_RULE)) slotStart = Math.floor((now - 5 * MIN) / MIN) * MIN;
    const code = 'ZX7K2M9Q';
    const booked = { id: 'central-apt-1', matterCode: '150602-GJJ-0002', slotStart, slotEnd: slotStart + 30 * MIN, applicantName: '王*', appointmentCode: code, status: 'booked', channel: 'online' };
    const other = { ...booked, id: 'central-apt-2', applicantName: '赵*', appointmentCode: 'WD4N8R3T', channel: 'phone' };
    await central.publish('appointments', [booked, other]);

    const guide = await until(
      () => h.api<MatterGuideResponse>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' }),
      (r) => r.status === 200 && r.body.origin === 'central',
      'the guide to arrive by the downlink',
    );
    const published = catalog.find((g) => g.code === '150602-BDC-0001');
    expect(guide.body.matterCode).toBe('150602-BDC-0001');
    expect(published).toBeDefined();
    expect(guide.body.materials.map((m) => m.name).sort()).toEqual(published!.materials.map((m) => m.name).sort());
    expect(guide.body.catalogVersion).toBeGreaterThan(0);

    const day = serviceDayOf(slotStart, DAY_RULE);
    const list = await until(
      () => admin<AppointmentDTO[]>(`/api/v1/admin/appointments?day=${day}`),
      (r) => r.status === 200 && r.body.some((a) => a.code === code),
      'the central appointment to be merged into the hall',
    );
    expect(list.body.find((a) => a.code === code)).toMatchObject({ matterId: 'gjj-02', status: 'booked' });

    const checkIn = await h.api<CheckInResponse>('POST', '/api/v1/kiosk/check-in', { terminal: 'kiosk-1', body: { method: 'code', code: 'zx7k-2m9q' } });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.checkIn).toBe('on_time');
    expect(checkIn.body.ticket).toMatchObject({ ticketClass: 'appointment', matterId: 'gjj-02', status: 'waiting' });

    await caughtUp();
    const events = await expectCentralHoldsExactly();
    const issued = events.filter((e) => e.type === 'ticket_issued').at(-1)!;
    expect(issued.payload).toMatchObject({ ticketId: checkIn.body.ticket.id, appointmentId: 'central-apt-1', ticketClass: 'appointment' });

    // Central withdraws the second booking (gone from the dataset): the hall cancels it, the check-in of the first stands.
    await central.publish('appointments', [booked]);
    const after = await until(
      () => admin<AppointmentDTO[]>(`/api/v1/admin/appointments?day=${day}`),
      (r) => r.body.find((a) => a.code === 'WD4N8R3T')?.status !== 'booked',
      'the withdrawn appointment to be cancelled in the hall',
    );
    expect(after.body.find((a) => a.code === 'WD4N8R3T')?.status).toBe('cancelled');
    expect(after.body.find((a) => a.code === code)?.status).toBe('checked_in');
    const withdrawn = await h.api<ApiErrorBody>('POST', '/api/v1/kiosk/check-in', { terminal: 'kiosk-1', body: { method: 'code', code: 'WD4N8R3T' } });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.code).toBe('appointment_cancelled');
  });

  it('picks up a rotated hall token from the token file without a restart, for uplink and downlink', async () => {
    await central.rotateToken();
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'sw-01' } });
    const refused = await until(syncStatus, (s) => s.lastError?.httpStatus === 401 && s.backlog > 0, 'the old token to be refused');
    expect(refused.connected).toBe(false);

    central.writeToken(h.dataDir);
    await caughtUp();
    await expectCentralHoldsExactly();
    const notices = [{ id: 'n-rotated', title: '系统维护通知', body: '本周六上午暂停自助服务区。', audience: 'all', priority: 1 }];
    const { version } = await central.publish('notices', notices);
    await until(
      () => admin<DownlinkStatus>('/api/v1/admin/datasets'),
      (r) => r.body.datasets.some((d) => d.dataset === 'notices' && d.version === version && d.state === 'ok'),
      'the notices published after the rotation to arrive',
    );
  });

  it('uploads the counter display ratings to the province in its profile and shows them acked', async () => {
    const status = await until(uploads, (u) => u.counts.acked === served.length, 'both ratings to be acked by the province');
    expect(status).toMatchObject({ destination: 'province', profile: 'provincial', rejected: [] });
    expect(status.counts.pending + status.counts.sent + status.counts.unknown + status.counts.rejected).toBe(0);
    const expected = { very_satisfied: '5', dissatisfied: '2' } as const;
    for (const s of served) {
      const stored = province.ratings.get(`${s.ticketId}#1`);
      expect(stored, `rating of ticket ${s.number} at the province`).toBeDefined();
      const local = new Date(s.rating.ratedAt! + DAY_RULE.utcOffsetMinutes * MIN).toISOString();
      const matter = demoHall.matters.find((m) => m.id === s.matterId)!;
      expect(stored!.body).toMatchObject({
        projectNo: s.ticketId,
        assessNumber: 1,
        satisfaction: expected[s.rating.outcome as keyof typeof expected],
        assessTime: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
        pf: '4',
        areaCode: demoHall.hall.areaCode,
        deptCode: DEPT_CODE,
        taskCode: matter.code,
      });
      expect(province.submissions(s.ticketId)).toHaveLength(1);
    }
  });

  it('stays consistent across hall restarts, also with central down at the time', async () => {
    served.push(await serveOne('bdc-05', 'satisfied'));
    // Restart at once: the uplink and the rating upload may be mid-exchange.
    await h.restart();
    await signIn();
    expect((await h.api<MatterGuideResponse>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' })).status).toBe(200);
    const again = await h.api<ApiErrorBody>('POST', '/api/v1/kiosk/check-in', { terminal: 'kiosk-1', body: { method: 'code', code: 'ZX7K2M9Q' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_checked_in');
    await caughtUp();
    await expectCentralHoldsExactly();

    await central.stop();
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-01' } });
    await h.restart();
    await signIn();
    const waiting = await until(syncStatus, (s) => !s.connected && s.backlog > 0 && s.lastError !== null, 'the restarted hall to show its backlog');
    expect(waiting.lastSeq - waiting.ackSeq).toBe(waiting.backlog);
    await central.start();
    await caughtUp();
    const events = await expectCentralHoldsExactly();

    const day = await overviewOf(await serviceDay());
    expect(day).toMatchObject({ ticketsIssued: count(events, 'ticket_issued'), served: 3, ratings: expect.objectContaining({ very_satisfied: 1, satisfied: 1, dissatisfied: 1 }) });

    const acked = await until(uploads, (u) => u.counts.acked === served.length, 'the third rating to be acked');
    expect(acked.rejected).toEqual([]);
    for (const s of served) expect(province.submissions(s.ticketId).filter((r) => r.status === 200)).toHaveLength(1);
    expect(province.ratings.get(`${served[2]!.ticketId}#1`)?.body.satisfaction).toBe('4');
  });
});

describe('a hall known to central by another id, uploading ratings to central (national profile)', () => {
  const CENTRAL_ID = 'dsq-zwfw-central';

  beforeAll(
    () =>
      startCentralAndHall({ hallId: CENTRAL_ID, provincial: { url: province.url, clientId: 'hall', clientSecret: 'province-secret' } }, (c) => ({
        destination: { id: 'central', profile: 'national', url: c.url, credentialsFile: 'central-credentials.json' },
        credentials: { hallToken: c.token },
      })),
    60_000,
  );

  afterAll(stopCentralAndHall);

  it('sends events and ratings under the central id; central stores the rating once and forwards it to the province', async () => {
    expect(CENTRAL_ID).not.toBe(HALL_ID);
    const visit = await serveOne('bdc-02', 'very_dissatisfied');
    const status = await caughtUp();
    expect(status.hallId).toBe(CENTRAL_ID);
    await expectCentralHoldsExactly();

    const acked = await until(uploads, (u) => u.counts.acked === 1, 'the rating to be acked by central');
    expect(acked).toMatchObject({ destination: 'central', profile: 'national', rejected: [] });
    const held = await central.central!.pool.query<{ n: string }>("SELECT count(*) AS n FROM ratings_received WHERE hall_id = $1 AND level = 'very_dissatisfied'", [CENTRAL_ID]);
    expect(Number(held.rows[0]!.n)).toBe(1);

    await until(async () => province.ratings.get(`${visit.ticketId}#1`), (r) => r !== undefined, 'central to forward the rating to the province');
    expect(province.ratings.get(`${visit.ticketId}#1`)!.body).toMatchObject({ projectNo: visit.ticketId, satisfaction: '1', deptCode: DEPT_CODE, taskCode: '150602-BDC-0002' });
    const forwards = await central.operator<{ forwarding: boolean; counts: Record<string, number> }>('GET', '/v1/rating-forwards');
    expect(forwards.body.forwarding).toBe(true);
    expect(forwards.body.counts.acked).toBe(1);
  });
});
