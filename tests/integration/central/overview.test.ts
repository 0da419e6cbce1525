// The operator overview computed by PostgreSQL from a known set of events.
// Every expected figure below is worked out by hand from the events pushed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, ev, startCentral, type Central, type UplinkEvent } from './helpers.js';

let pg: TestPostgres;
let c: Central;

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 21, 1, 0); // 09:00 in Beijing, service day 2026-11-21
const t1 = t0 + 24 * 60 * MIN; // next service day
const D1 = '2026-11-21';
const D2 = '2026-11-22';

function issued(seq: number, ticketId: string, at: number, day = D1): UplinkEvent {
  return ev(seq, 'ticket_issued', { ticketId, number: ticketId, queueId: 'A', matterId: 'M001', ticketClass: 'walk_in', greenCategory: null, kioskId: 'k1', issuedAt: at, issueSeq: seq, queueNumber: seq }, { at, serviceDay: day });
}
function called(seq: number, ticketId: string, at: number, day = D1): UplinkEvent {
  return ev(seq, 'ticket_called', { ticketId, number: ticketId, counterId: 'c1', counterNumber: 1, staffId: 's1', reason: 'in_order' }, { at, serviceDay: day });
}
function plain(seq: number, type: string, ticketId: string, at: number, day = D1): UplinkEvent {
  const extra = type === 'service_finished' ? { staffId: 's1', matterId: 'M001' } : {};
  return ev(seq, type, { ticketId, number: ticketId, counterId: 'c1', ...extra }, { at, serviceDay: day });
}
function rated(seq: number, ticketId: string, outcome: string, at: number, day = D1): UplinkEvent {
  return ev(seq, 'rating_recorded', { ratingId: `r-${ticketId}`, ticketId, counterId: 'c1', outcome, source: outcome === 'not_rated' ? 'timeout' : 'pad' }, { at, serviceDay: day });
}

// Hall 1, day 1: T1..T5 issued; waits T1 10 min, T3 6, T2 20 (its second call after
// rejoining does not count), T5 1; T4 never called. Served T1, T3, T5; T2 no-show twice.
// Ratings: T1 very satisfied, T3 dissatisfied, T5 very dissatisfied. Plus one poison
// ticket_issued and one parked (schemaVersion 2) ticket_issued, which do not count.
// Day 2: T6 waits 3 min, served, rating timed out (not_rated).
const hall1: UplinkEvent[] = [
  issued(1, 'T1', t0),
  issued(2, 'T2', t0 + 5 * MIN),
  issued(3, 'T3', t0 + 6 * MIN),
  called(4, 'T1', t0 + 10 * MIN),
  plain(5, 'service_started', 'T1', t0 + 11 * MIN),
  called(6, 'T3', t0 + 12 * MIN),
  plain(7, 'service_finished', 'T1', t0 + 15 * MIN),
  rated(8, 'T1', 'very_satisfied', t0 + 15 * MIN),
  called(9, 'T2', t0 + 25 * MIN),
  ev(10, 'ticket_recalled', { ticketId: 'T2', number: 'T2', counterId: 'c1', counterNumber: 1, recallCount: 1 }, { at: t0 + 26 * MIN }),
  plain(11, 'ticket_no_show', 'T2', t0 + 28 * MIN),
  issued(12, 'T4', t0 + 30 * MIN),
  called(13, 'T2', t0 + 40 * MIN),
  plain(14, 'ticket_no_show', 'T2', t0 + 42 * MIN),
  plain(15, 'service_finished', 'T3', t0 + 45 * MIN),
  rated(16, 'T3', 'dissatisfied', t0 + 45 * MIN),
  issued(17, 'T5', t0 + 50 * MIN),
  called(18, 'T5', t0 + 51 * MIN),
  plain(19, 'service_finished', 'T5', t0 + 60 * MIN),
  rated(20, 'T5', 'very_dissatisfied', t0 + 60 * MIN),
  ev(21, 'ticket_issued', { number: 'T7', issuedAt: t0 }, { at: t0 + 61 * MIN }), // poison: no ticketId
  ev(22, 'ticket_issued', { ticketId: 'T8', issuedAt: t0 }, { at: t0 + 62 * MIN, schemaVersion: 2 }), // parked
  ev(23, 'service_day_closed', { serviceDay: D1, nextServiceDay: D2, expiredTicketIds: ['T4'] }, { at: t1 - 60 * MIN }),
  issued(24, 'T6', t1, D2),
  called(25, 'T6', t1 + 3 * MIN, D2),
  plain(26, 'service_finished', 'T6', t1 + 10 * MIN, D2),
  rated(27, 'T6', 'not_rated', t1 + 20 * MIN, D2),
];

// Hall 2, day 1: the same ticket ids as hall 1 (the wait join must stay within a hall).
// T1 waits 7.5 min; T2 is never called.
const hall2: UplinkEvent[] = [issued(1, 'T1', t0 + 2 * MIN), issued(2, 'T2', t0 + 3 * MIN), called(3, 'T1', t0 + 9.5 * MIN)];

const noRatings = { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0, not_rated: 0 };

const expectedH1D1 = {
  hallId: 'hall-1',
  hallName: '一号政务服务中心',
  serviceDay: D1,
  ticketsIssued: 5,
  served: 3,
  noShows: 1,
  calledTickets: 4,
  meanWaitMinutes: 9.3, // (10 + 6 + 20 + 1) / 4 = 9.25
  worstWaitMinutes: 20,
  ratings: { ...noRatings, very_satisfied: 1, dissatisfied: 1, very_dissatisfied: 1 },
  badRatings: 2,
};
const expectedH1D2 = {
  hallId: 'hall-1',
  hallName: '一号政务服务中心',
  serviceDay: D2,
  ticketsIssued: 1,
  served: 1,
  noShows: 0,
  calledTickets: 1,
  meanWaitMinutes: 3,
  worstWaitMinutes: 3,
  ratings: { ...noRatings, not_rated: 1 },
  badRatings: 0,
};
const expectedH2D1 = {
  hallId: 'hall-2',
  hallName: '二号政务服务中心',
  serviceDay: D1,
  ticketsIssued: 2,
  served: 0,
  noShows: 0,
  calledTickets: 1,
  meanWaitMinutes: 7.5,
  worstWaitMinutes: 7.5,
  ratings: noRatings,
  badRatings: 0,
};

beforeAll(async () => {
  pg = await startPostgres();
  c = await startCentral(pg, { operatorToken: 'op' });
  const h1 = await c.hall('hall-1', '一号政务服务中心');
  const h2 = await c.hall('hall-2', '二号政务服务中心');
  const first = await h1.push(hall1.slice(0, 15));
  expect(first.body.ackSeq).toBe(15);
  await h1.push(hall1.slice(0, 15)); // a lost response: re-sent, counted once
  const rest = await h1.push(hall1.slice(15));
  expect(rest.body).toMatchObject({ ackSeq: 27, quarantined: [{ seq: 21 }], parked: [22] });
  await h2.push(hall2);
  // hall 2 lost its data folder and starts a new stream, re-sending the same events: counted once
  await h2.register('first_start', 0);
  const again = await h2.push(hall2);
  expect(again.body).toMatchObject({ ackSeq: 3, accepted: 0, duplicates: 3 });
});
afterAll(async () => {
  await c?.close();
  await pg?.stop();
});

async function overview(query: string) {
  const r = await call<{ from: string; to: string; days: unknown[] }>(c.central.url, 'GET', `/v1/overview?${query}`, { token: 'op' });
  expect(r.status).toBe(200);
  return r.body;
}

describe('overview', () => {
  it('gives per hall per service day figures for one day', async () => {
    const body = await overview(`from=${D1}&to=${D1}`);
    expect(body).toEqual({ from: D1, to: D1, days: [expectedH1D1, expectedH2D1] });
  });

  it('spans several days, ordered by hall then day', async () => {
    const body = await overview(`from=2026-11-01&to=2026-11-30`);
    expect(body.days).toEqual([expectedH1D1, expectedH1D2, expectedH2D1]);
  });

  it('filters one hall and is empty outside the data', async () => {
    expect((await overview(`from=${D1}&to=${D2}&hallId=hall-2`)).days).toEqual([expectedH2D1]);
    expect((await overview('from=2026-10-01&to=2026-10-31')).days).toEqual([]);
  });
});
