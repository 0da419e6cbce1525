// Rating by the ticket's QR code through central (issue 16, docs/phone.md "Rating by QR code"):
// the real hall service with its device agents (the counter's emulated serial rating pad), the
// real central on PostgreSQL, the phone speaking central's public JSON. Also the QR address the
// kiosk's printer prints for a hall with central: decoded from the ESC/POS bytes on the wire.
// Waits poll for a state, never for a time.
// Mutations tried: the hall handler's tag check removed (unknown codes handed to the case book) —
// the case book throws inside the message's transaction, the answer becomes `hall_error` instead of
// `unknown_tag`: "an unknown tag changes nothing" fails. Not run, by construction: the QR address
// left in the LAN form makes issue() fail (a relative URL); central's open-rating check removed
// lets "refused by central" get 202.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startCentralHarness, type CentralHarness } from '../../helpers/central-harness.js';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { until } from '../../helpers/hall-with-central.js';
import { call } from '../central/helpers.js';
import { decodeEscPos, splitAtCuts } from '../../../drivers/printer/index.js';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import type { CounterViewDTO, IssueTicketResponse } from '../../../hall/api/dto.js';
import type { PublicTicketView } from '../../../protocol/central/phone.js';
import { PHONE_RATING_KIND, type PhoneRatingBody } from '../../../protocol/central/phone-rating.js';
import { appendInboxMessage, findInboxMessage } from '../../../central/phone/inbox.js';

let central: CentralHarness;
let h: Harness;
let counter: { terminal: string; session: string };
let admin: { terminal: string; session: string };
const PHONE_URL = 'https://zwfw.example.gov.cn/hall-phone';

beforeAll(async () => {
  // The public routes' per-address allowance off: every request here comes from 127.0.0.1.
  central = await startCentralHarness({ hallId: demoHall.hall.id, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode, phone: { publicRateLimit: false } });
  const configPath = demoConfigWith((c) => {
    c.calendar = null;
    c.sync = central.syncSection({ backoff: { baseMs: 20, capMs: 300 }, idlePollSeconds: 1, requestTimeoutSeconds: 5 });
    c.phone = { heartbeatSeconds: 5, pushDebounceMs: 100, inboxWaitSeconds: 2, publicUrl: PHONE_URL };
  });
  h = await startHarness({ configPath, dataDir: central.hallDataDir(), devices: 'configured' });
  counter = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
  admin = { terminal: 'admin', session: (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken };
}, 180_000);

afterAll(async () => {
  await h?.close();
  await central?.close();
});

interface Held {
  id: string;
  key: string;
  number: string;
  progressUrl: string;
}

async function issue(): Promise<Held> {
  const r = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
  expect(r.status).toBe(201);
  const url = new URL(r.body.ticket.progressUrl);
  return { id: r.body.ticket.id, key: url.searchParams.get('key')!, number: r.body.ticket.number, progressUrl: r.body.ticket.progressUrl };
}

const view = (t: Held) => call<PublicTicketView>(central.url, 'GET', `/v1/public/halls/${central.hallId}/tickets/${t.id}?key=${encodeURIComponent(t.key)}`);
const ratePhone = (t: Held, level: string, tags: string[] = [], key = t.key) =>
  call<{ state: string }>(central.url, 'POST', `/v1/public/halls/${central.hallId}/tickets/${t.id}/rating`, { body: { key, level, tags } });
const act = (action: string) => h.api<CounterViewDTO>('POST', `/api/v1/counters/c03/actions/${action}`, { ...counter, body: {} });

/**
 * Calls and finishes `t` at counter 3; returns the rating's id once the pad is asking (a key pressed
 * before its prompt arrives is ignored, as on a real pad) and central's board shows the rating open.
 */
async function serve(t: Held): Promise<string> {
  const pad = h.agentDevice('rating_pad', 'counter-3').emulator!;
  const promptsBefore = pad.count('start');
  expect((await act('call-next')).status).toBe(200);
  const finished = await act('finish');
  const ratingId = finished.body.pendingRating!.id;
  await until(async () => pad.count('start') > promptsBefore, `the pad asking for the rating of ${t.number}`);
  await until(async () => (await view(t)).body.ticket?.rating?.open === true, `the open rating of ${t.number} on central`);
  return ratingId;
}

let lastPressAt = 0;
/**
 * Presses a key on counter 3's emulated pad. The driver takes keys closer together than the pad
 * profile's debounce (150 ms) as one bouncing key, so a press waits until 200 ms after the last
 * (on a fast machine the race rounds below are ~140 ms apart: every later press was a bounce).
 */
async function pressPad(level: string) {
  const wait = lastPressAt + 200 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastPressAt = Date.now();
  return h.api('POST', '/api/v1/admin/devices/counter-3-rating-pad/emulator', { ...admin, body: { action: 'press', level } });
}

/** The hall's rating_recorded events of one rating, from its event log. */
const recorded = async (ratingId: string): Promise<{ payload: { source: string; outcome: string } }[]> =>
  (h.hall.runtime.db.prepare(`SELECT payload FROM events WHERE type = 'rating_recorded' ORDER BY seq`).all() as { payload: string }[])
    .map((r) => ({ payload: JSON.parse(r.payload) as { ratingId: string; source: string; outcome: string } }))
    .filter((e) => e.payload.ratingId === ratingId);

async function phoneRatingSettled(t: Held): Promise<NonNullable<PublicTicketView['phoneRating']>> {
  let seen: PublicTicketView['phoneRating'] = null;
  await until(async () => {
    seen = (await view(t)).body.phoneRating;
    return seen !== null && seen.state !== 'pending';
  }, `the hall's answer to the phone rating of ${t.number}`);
  return seen!;
}

describe('the ticket QR code of a hall with central', () => {
  it('prints central’s phone page address with the ticket’s key, which opens the ticket on central', async () => {
    const printer = h.agentDevice('printer', 'kiosk-1').emulator!;
    const before = printer.jobs().length;
    const t = await issue();
    const [job] = (await printer.waitForJobs(before + 1)).slice(before);
    const qr = splitAtCuts(decodeEscPos(job!))[0]!.find((el) => el.kind === 'qr') as { content: string } | undefined;
    expect(qr?.content).toBe(`${PHONE_URL}/m/?hall=${central.hallId}&id=${encodeURIComponent(t.id)}&key=${t.key}`);
    // The key in the printed address is the one central's board holds the hash of.
    await until(async () => (await view(t)).status === 200, 'the ticket on central');
    const stored = await central.central!.phone.board(central.hallId);
    expect(stored!.tickets.get(t.id)!.keyHash).toBe(createHash('sha256').update(t.key).digest('hex'));
    expect((await call(central.url, 'GET', `/v1/public/halls/${central.hallId}/tickets/${t.id}?key=wrong`)).status).toBe(404);
    // Served so it is not left waiting in the queue for the tests below.
    await serve(t);
    expect((await ratePhone(t, 'satisfied')).status).toBe(202);
    expect(await phoneRatingSettled(t)).toMatchObject({ state: 'applied', level: 'satisfied' });
  });
});

describe('a 好差评 from the phone through central', () => {
  it('is refused by central before the service ended, and with a wrong key like an unknown ticket', async () => {
    const t = await issue();
    await until(async () => (await view(t)).status === 200, 'the ticket on central');
    expect(await ratePhone(t, 'satisfied')).toMatchObject({ status: 409, body: { error: { code: 'not_rateable' } } });
    expect((await ratePhone(t, 'satisfied', [], 'not-the-key')).status).toBe(404);
    const ratingId = await serve(t);
    // The pad's rating comes first; then the board shows it closed and central refuses the phone at once.
    const pad = h.agentDevice('rating_pad', 'counter-3').emulator!;
    await pressPad('basic');
    await until(async () => (await recorded(ratingId)).length === 1, 'the pad’s rating');
    await until(async () => (await view(t)).body.ticket.rating?.open === false, 'the closed rating on central');
    const late = await ratePhone(t, 'very_dissatisfied', ['service_attitude']);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'rating_closed', details: [{ path: 'rating.source', message: 'pad' }, { path: 'rating.outcome', message: 'basic' }] } });
    expect((await view(t)).body.ticket.rating).toMatchObject({ outcome: 'basic', source: 'pad' });
    expect(pad.received.some((c) => c.kind === 'start')).toBe(true);
  });

  it('records a 差评 with its reason tags on the case, once; the pad stops asking', async () => {
    const t = await issue();
    const pad = h.agentDevice('rating_pad', 'counter-3').emulator!;
    const ratingId = await serve(t);
    const tags = (await view(t)).body.reasonTags!;
    expect(tags.map((x) => x.code)).toContain('service_attitude');
    const cancelsBefore = pad.count('cancel');
    expect((await ratePhone(t, 'very_dissatisfied', ['service_attitude', 'service_efficiency'])).status).toBe(202);
    // A second tap while the first is pending is refused by central: one message per ticket.
    expect(await ratePhone(t, 'satisfied')).toMatchObject({ status: 409, body: { error: { code: 'already_sent' } } });
    expect(await phoneRatingSettled(t)).toEqual({ state: 'applied', level: 'very_dissatisfied' });
    const events = await recorded(ratingId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ outcome: 'very_dissatisfied', source: 'qr' });
    const cases = await h.api<{ cases: { ratingId: string; reasonTags: { code: string }[] }[] }>('GET', '/api/v1/admin/bad-rating-cases', admin);
    expect(cases.body.cases.find((c) => c.ratingId === ratingId)?.reasonTags.map((x) => x.code).sort()).toEqual(['service_attitude', 'service_efficiency']);
    // The pad is told the rating is over: its prompt is cancelled.
    await until(async () => pad.count('cancel') > cancelsBefore, 'the pad stops asking');
  });

  it('an unknown tag changes nothing', async () => {
    const t = await issue();
    const ratingId = await serve(t);
    // Central checks against the board's tags first …
    expect(await ratePhone(t, 'dissatisfied', ['no_such_tag'])).toMatchObject({ status: 400, body: { error: { code: 'unknown_tag' } } });
    expect(await recorded(ratingId)).toHaveLength(0);
    expect((await view(t)).body.phoneRating).toBeNull();
    // … and the hall checks again against what it accepts (a message relayed from an older board).
    const body: PhoneRatingBody = { ticketId: t.id, level: 'dissatisfied', tags: ['no_such_tag'], sentAt: Date.now() };
    await appendInboxMessage(central.central!.pool, central.hallId, PHONE_RATING_KIND, body, { at: Date.now(), ticketId: t.id });
    expect(await phoneRatingSettled(t)).toEqual({ state: 'refused', level: 'dissatisfied', reason: 'unknown_tag' });
    expect(await recorded(ratingId)).toHaveLength(0);
    expect((await view(t)).body.ticket.rating?.open).toBe(true);
  });

  it('races pad, counter screen and phone: one rating per service, whichever the hall takes first', async () => {
    const pad = h.agentDevice('rating_pad', 'counter-3').emulator!;
    const winners = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const t = await issue();
      const starts = pad.received.filter((c) => c.kind === 'start').length;
      const ratingId = await serve(t);
      await pad.waitFor('start', starts + 1);
      const [, screen, phone] = await Promise.all([
        pressPad('satisfied'),
        h.api('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level: 'very_satisfied' } }),
        ratePhone(t, 'dissatisfied'),
      ]);
      await until(async () => (await recorded(ratingId)).length > 0, 'a rating');
      const answered = phone.status === 202 ? await phoneRatingSettled(t) : null;
      const events = await recorded(ratingId);
      expect(events).toHaveLength(1);
      const { source, outcome } = events[0]!.payload as { source: string; outcome: string };
      expect(outcome).toBe({ pad: 'satisfied', screen: 'very_satisfied', qr: 'dissatisfied' }[source]);
      winners.add(source);
      if (source === 'qr') expect(answered).toEqual({ state: 'applied', level: 'dissatisfied' });
      else if (answered) expect(answered).toEqual({ state: 'refused', level: 'dissatisfied', reason: 'already_rated' });
      else expect(phone.body).toMatchObject({ error: { code: 'rating_closed' } });
      if (source !== 'screen') expect(screen.status).toBe(409);
    }
    expect([...winners].every((w) => ['pad', 'screen', 'qr'].includes(w))).toBe(true);
  });

  it('a phone rating relayed after the pad’s is refused with the pad named, and the phone view says so', async () => {
    const t = await issue();
    const ratingId = await serve(t);
    await pressPad('very_satisfied');
    await until(async () => (await recorded(ratingId)).length === 1, 'the pad’s rating');
    // The phone's rating left while central still showed the rating open (a phone on a slow link):
    // it reaches the hall's inbox after the pad's answer. Appended as central's route appends it.
    const body: PhoneRatingBody = { ticketId: t.id, level: 'very_dissatisfied', tags: [], sentAt: Date.now() };
    const { id } = await appendInboxMessage(central.central!.pool, central.hallId, PHONE_RATING_KIND, body, { at: Date.now(), ticketId: t.id });
    expect(await phoneRatingSettled(t)).toEqual({ state: 'refused', level: 'very_dissatisfied', reason: 'already_rated' });
    expect((await findInboxMessage(central.central!.pool, id))?.detail).toEqual({ source: 'pad' });
    const events = await recorded(ratingId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ source: 'pad', outcome: 'very_satisfied' });
  });
});
