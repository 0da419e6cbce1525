// Every channel rated, one rating per service whichever comes first (001 第三十六、三十七条;
// docs/regulations.md › Every channel rated), over the real API:
//   - the ticket's QR page rates its service, with the ticket's key;
//   - the counter display and the QR page racing for the same service: one wins, the others
//     are refused, one rating is stored with the winner's channel;
//   - a 24-hour-zone terminal records a finished self-service matter and rates it.
// Mutations tried, each failing the test named:
//   - evolve keeping an answered rating open (`state.openRatings.delete(r.id)` removed), so a second
//     channel's answer is recorded too: "the counter display and the QR page race…" fails (and the
//     QR and self-service tests); removing rateService's own `r.outcome !== null` check alone is
//     still caught by the engine (decideRating), so it fails nothing;
//   - the QR route recording source 'screen': "rates a finished service from its QR page…" fails;
//   - finishSelfService without the 24-hour-zone check: "records a self-service matter…" fails;
//   - decideSelfService not closing the terminal's unanswered rating: "…closes the unanswered one…" fails;
//   - central's rating_recorded schema without the sources qr and kiosk: "central accepts …" fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { EVENT_SCHEMAS } from '../../../protocol/central/events.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, CounterDisplayDTO, HallEventDTO, IssueTicketResponse, RatingDTO, SelfServiceDTO, TicketProgressDTO, TicketRatingDTO } from '../../../hall/api/dto.js';

const timers = new ManualTimers(Date.UTC(2026, 10, 23, 1, 0)); // Monday 09:00 in the hall
let h: Harness;
let counter: { terminal: string; session: string };
beforeAll(async () => {
  h = await startHarness({ timers });
  counter = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
});
afterAll(() => h.close());

/** A ticket of queue A served to the end at counter 3: its id, QR key and open rating id. */
async function servedTicket(): Promise<{ id: string; key: string; ratingId: string; number: string }> {
  const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
  const { id, progressUrl, number } = issued.body.ticket;
  const key = new URL(progressUrl, h.url).searchParams.get('key')!;
  await h.api('POST', '/api/v1/counters/c03/actions/call-next', counter);
  await h.api('POST', '/api/v1/counters/c03/actions/start', counter);
  await h.api('POST', '/api/v1/counters/c03/actions/finish', counter);
  const pad = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
  return { id, key, number, ratingId: pad.body.pendingRating!.id };
}
const progress = (id: string, key: string) => h.api<TicketProgressDTO>('GET', `/api/v1/tickets/${id}/progress?key=${key}`);
const rateByQr = (id: string, key: string, level: string) => h.api<TicketRatingDTO & ApiErrorBody>('POST', `/api/v1/tickets/${id}/rating?key=${key}`, { body: { level } });
const rateByScreen = (ratingId: string, level: string) => h.api<RatingDTO & ApiErrorBody>('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level } });

describe('the ticket’s QR page', () => {
  it('rates a finished service from its QR page, once, and says so; the counter display is then refused', async () => {
    const waiting = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-02' } });
    const wKey = new URL(waiting.body.ticket.progressUrl, h.url).searchParams.get('key')!;
    expect((await progress(waiting.body.ticket.id, wKey)).body.rating).toBeNull();
    const early = await rateByQr(waiting.body.ticket.id, wKey, 'satisfied');
    expect([early.status, early.body.error?.code]).toEqual([409, 'not_rateable']);
    // Serve that waiting ticket first so the next served ticket is ours.
    await h.api('POST', '/api/v1/counters/c03/actions/call-next', counter);
    await h.api('POST', '/api/v1/counters/c03/actions/finish', counter);

    const t = await servedTicket();
    expect((await progress(t.id, t.key)).body.rating).toMatchObject({ open: true, outcome: null });
    expect((await rateByQr(t.id, 'wrong-key', 'satisfied')).status).toBe(404);
    const rated = await rateByQr(t.id, t.key, 'basic');
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ open: false, outcome: 'basic', source: 'qr' });
    expect((await progress(t.id, t.key)).body.rating).toMatchObject({ open: false, outcome: 'basic', source: 'qr' });
    const again = await rateByQr(t.id, t.key, 'very_dissatisfied');
    expect([again.status, again.body.error?.code]).toEqual([409, 'rating_closed']);
    const screen = await rateByScreen(t.ratingId, 'very_satisfied');
    expect([screen.status, screen.body.error?.code]).toEqual([409, 'rating_closed']);
  });
});

describe('one rating per service across channels, under races', () => {
  it('the counter display and the QR page race for each of 12 services: exactly one answer wins, one rating is stored with its channel', async () => {
    const since = (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'admin' })).body.at(-1)!.seq;
    const services = [];
    for (let i = 0; i < 12; i++) {
      const t = await servedTicket();
      // All three answers leave before any reply: the hall decides which came first.
      const replies = await Promise.all([rateByScreen(t.ratingId, 'very_satisfied'), rateByQr(t.id, t.key, 'dissatisfied'), rateByQr(t.id, t.key, 'satisfied')]);
      const won = replies.filter((r) => r.status === 200);
      expect(won).toHaveLength(1);
      expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'rating_closed')).toHaveLength(2);
      const winner = replies.findIndex((r) => r.status === 200);
      services.push({ t, expected: [{ outcome: 'very_satisfied', source: 'screen' }, { outcome: 'dissatisfied', source: 'qr' }, { outcome: 'satisfied', source: 'qr' }][winner]! });
    }
    const events = (await h.api<HallEventDTO[]>('GET', `/api/v1/events?since=${since}&limit=500`, { terminal: 'admin' })).body;
    for (const { t, expected } of services) {
      expect(events.filter((e) => e.type === 'rating_recorded' && e.payload.ratingId === t.ratingId)).toHaveLength(1);
      expect((await progress(t.id, t.key)).body.rating).toMatchObject({ open: false, ...expected });
    }
  });
});

describe('the 24-hour zone’s self-service terminals', () => {
  const finish = (terminal: string, matterId: string) => h.api<SelfServiceDTO & ApiErrorBody>('POST', '/api/v1/kiosk/self-service', { terminal, body: { matterId } });
  const rate = (terminal: string, serviceId: string, level: string) => h.api<TicketRatingDTO & ApiErrorBody>('POST', `/api/v1/kiosk/self-service/${serviceId}/rating`, { terminal, body: { level } });

  it('records a self-service matter at a 24-hour-zone terminal and rates it there, once; refuses other kiosks and counter matters', async () => {
    const done = await finish('kiosk-24h', 'bdc-04');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ matterName: '不动产登记资料查询', rating: { open: true, outcome: null } });
    expect((await rate('kiosk-1', done.body.serviceId, 'satisfied')).status).toBe(404);
    const rated = await rate('kiosk-24h', done.body.serviceId, 'very_satisfied');
    expect(rated.body).toMatchObject({ open: false, outcome: 'very_satisfied', source: 'kiosk' });
    expect((await rate('kiosk-24h', done.body.serviceId, 'basic')).body.error?.code).toBe('rating_closed');

    const hallKiosk = await finish('kiosk-1', 'bdc-04');
    expect([hallKiosk.status, hallKiosk.body.error?.code]).toEqual([403, 'not_self_service_terminal']);
    const counterMatter = await finish('kiosk-24h', 'bdc-01');
    expect([counterMatter.status, counterMatter.body.error?.code]).toEqual([409, 'not_self_service']);
  });

  it('the next transaction at the terminal closes the unanswered one as not rated, never a level; so does the rating time running out', async () => {
    const first = await finish('kiosk-24h', 'rsj-02');
    const second = await finish('kiosk-24h', 'ybj-02');
    expect(second.status).toBe(201);
    const late = await rate('kiosk-24h', first.body.serviceId, 'satisfied');
    expect([late.status, late.body.error?.code]).toEqual([409, 'rating_closed']);
    const admin = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
    const ratings = (await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin })).body;
    // The clock stands still here: every rating has the same time, so compare as a set.
    const rows = ratings.filter((r) => r.counterId === 'kiosk-24h').map((r) => [r.matterName, r.outcome, r.source]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['异地就医备案', null, null],
        ['养老保险待遇领取资格认证', 'not_rated', 'timeout'],
        ['不动产登记资料查询', 'very_satisfied', 'kiosk'],
      ]),
    );
    // The visitor walked away from the last one: the hall's rating timer closes it as not rated.
    timers.advance(61_000);
    const timedOut = await rate('kiosk-24h', second.body.serviceId, 'satisfied');
    expect([timedOut.status, timedOut.body.error?.code]).toEqual([409, 'rating_closed']);
    const after = (await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin })).body;
    expect(after.find((r) => r.counterId === 'kiosk-24h' && r.matterName === '异地就医备案')).toMatchObject({ outcome: 'not_rated', source: 'timeout' });
  });
});

describe('the uplink to central', () => {
  it('central accepts every rating event of every channel (sources qr and kiosk included), so none is quarantined', async () => {
    const events = (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'admin' })).body.filter((e) => e.type === 'rating_requested' || e.type === 'rating_recorded');
    expect(new Set(events.map((e) => e.payload.source).filter(Boolean))).toEqual(new Set(['qr', 'screen', 'kiosk', 'timeout']));
    const refused = events.filter((e) => EVENT_SCHEMAS.get(1)![e.type]?.safeParse(e.payload).success !== true);
    expect(refused).toEqual([]);
  });
});
