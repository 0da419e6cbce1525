// Operator routes: each hall's uplink status and the quarantine list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, ev, simple, startCentral, type Central } from './helpers.js';

let pg: TestPostgres;
let c: Central;
let clock = Date.UTC(2026, 10, 21, 2, 0);

beforeAll(async () => {
  pg = await startPostgres();
  c = await startCentral(pg, { operatorToken: 'op', now: () => clock });
  const a = await c.hall('hall-a', '甲');
  await c.hall('hall-b', '乙'); // registered, never pushed
  await a.push([simple(1), ev(2, 'counter_paused', {}), simple(3)]);
  clock += 60_000;
  await a.push([ev(4, 'ticket_teleported', { x: 1 }), ev(5, 'counter_paused', { counterId: 'c' }, { schemaVersion: 3 })]);
  await a.register('restored_from_backup', 5);
});
afterAll(async () => {
  await c?.close();
  await pg?.stop();
});

describe('operator routes', () => {
  it('GET /v1/halls shows each hall\'s current stream, ack, last batch and problem counts', async () => {
    const r = await call<{ halls: unknown[] }>(c.central.url, 'GET', '/v1/halls', { token: 'op' });
    expect(r.status).toBe(200);
    expect(r.body.halls).toEqual([
      { hallId: 'hall-a', name: '甲', areaCode: null, stream: expect.any(String), ackSeq: 5, streams: 2, lastBatchAt: clock, quarantined: 2, parked: 1 },
      { hallId: 'hall-b', name: '乙', areaCode: null, stream: expect.any(String), ackSeq: 0, streams: 1, lastBatchAt: null, quarantined: 0, parked: 0 },
    ]);
  });

  it('GET /v1/quarantine lists the newest poison with reasons, per hall', async () => {
    const r = await call<{ events: { seq: number; reason: string; hallId: string; raw: string }[] }>(c.central.url, 'GET', '/v1/quarantine?hallId=hall-a', { token: 'op' });
    expect(r.status).toBe(200);
    expect(r.body.events.map((e) => [e.seq, e.hallId])).toEqual([
      [4, 'hall-a'],
      [2, 'hall-a'],
    ]);
    expect(r.body.events[0]!.reason).toContain('ticket_teleported');
    expect(JSON.parse(r.body.events[1]!.raw).seq).toBe(2);
    expect((await call<{ events: unknown[] }>(c.central.url, 'GET', '/v1/quarantine?hallId=hall-b', { token: 'op' })).body.events).toEqual([]);
    expect((await call(c.central.url, 'GET', '/v1/quarantine?limit=0', { token: 'op' })).status).toBe(400);
  });

  it('needs the operator token', async () => {
    expect((await call(c.central.url, 'GET', '/v1/halls')).status).toBe(401);
    expect((await call(c.central.url, 'GET', '/v1/quarantine', { token: 'nope' })).status).toBe(401);
  });
});
