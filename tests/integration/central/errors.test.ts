// Bad input against the central server: every refusal has a clear error and
// stores nothing — bad JSON, oversize bodies, unusable envelopes, wrong or
// missing tokens, unknown halls, a foreign X-Hall-Id, a newer protocol, the
// per-hall rate limit (Retry-After) and the operator-only overview.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, simple, range, startCentral, type Central, type CentralHall } from './helpers.js';

let pg: TestPostgres;
let c: Central;
let hall: CentralHall;
let other: CentralHall;

beforeAll(async () => {
  pg = await startPostgres();
  c = await startCentral(pg, { operatorToken: 'operator-secret' });
  hall = await c.hall('hall-1');
  other = await c.hall('hall-2');
});
afterAll(async () => {
  await c?.close();
  await pg?.stop();
});

async function stored(): Promise<number> {
  const r = await c.central.pool.query('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM parked) + (SELECT count(*) FROM batches) AS n');
  return Number(r.rows[0].n);
}

const eventsPath = '/v1/halls/hall-1/events';

describe('central refuses bad input clearly and stores nothing', () => {
  it('bad JSON → 400 bad_json', async () => {
    const before = await stored();
    const r = await call(c.central.url, 'POST', eventsPath, { token: hall.token, raw: '{"batchId": "x", "events": [' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'bad_json', message: expect.stringContaining('not valid JSON') } });
    expect(await stored()).toBe(before);
  });

  it('a body over 1 MiB → 413 too_large, before anything is read', async () => {
    const before = await stored();
    const huge = JSON.stringify({ batchId: 'big', stream: hall.stream, events: [{ ...simple(1), payload: { counterId: 'c', pad: 'x'.repeat(1_100_000) } }] });
    const r = await call(c.central.url, 'POST', eventsPath, { token: hall.token, raw: huge });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'too_large' } });
    expect(await stored()).toBe(before);
  });

  it('oversize bodies, chunked or with Content-Length, get 413 on a kept-alive connection, and the next request still works', async () => {
    const before = await stored();
    const url = new URL(eventsPath, c.central.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (kind: 'chunked' | 'length', chunks: number) =>
      new Promise<string>((resolve) => {
        const headers: Record<string, string> = { authorization: `Bearer ${hall.token}`, 'content-type': 'application/json' };
        if (kind === 'chunked') headers['transfer-encoding'] = 'chunked';
        else headers['content-length'] = String(chunks * 64 * 1024);
        const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${(JSON.parse(body) as { error: { code: string } }).error.code}`));
        });
        req.on('error', (err) => resolve(`error ${err.message}`));
        for (let i = 0; i < chunks; i++) req.write('x'.repeat(64 * 1024));
        req.end();
      });
    try {
      expect(await send('length', 20)).toBe('413 too_large');
      expect(await send('chunked', 20)).toBe('413 too_large');
      expect(await send('length', 20)).toBe('413 too_large');
      expect(await send('chunked', 1)).toBe('400 bad_json');
      expect(await send('length', 1)).toBe('400 bad_json');
    } finally {
      agent.destroy();
    }
    expect(await stored()).toBe(before);
  });

  it('an unusable envelope refuses the whole batch (valid events in it are not stored)', async () => {
    const before = await stored();
    const cases: [unknown, RegExp][] = [
      [{ stream: hall.stream, events: [simple(1)] }, /batchId/],
      [{ batchId: 'b', stream: hall.stream, events: [simple(1), { ...simple(2), id: 'not-a-uuid' }] }, /events\[1\]\.id: must be a UUID/],
      [{ batchId: 'b', stream: hall.stream, events: [simple(1), { ...simple(2), seq: 0 }] }, /events\[1\]\.seq/],
      [{ batchId: 'b', stream: hall.stream, events: [simple(1), simple(1)] }, /seq 1 appears twice/],
      [{ batchId: 'b', stream: hall.stream, events: range(1, 501).map((s) => simple(s)) }, /at most 500 events/],
    ];
    for (const [body, message] of cases) {
      const r = await call<{ error: { code: string; message: string } }>(c.central.url, 'POST', eventsPath, { token: hall.token, body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.message).toMatch(message);
    }
    expect(await stored()).toBe(before);
    expect((await hall.cursor()).body).toMatchObject({ ackSeq: 0 });
  });

  it('a body not sent as JSON → 415', async () => {
    const r = await call(c.central.url, 'POST', eventsPath, { token: hall.token, raw: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
  });

  it('wrong, missing or foreign tokens → 401; unknown hall → 404; foreign X-Hall-Id → 401', async () => {
    const before = await stored();
    const body = { batchId: 'b', stream: hall.stream, events: [simple(1)] };
    const wrong = await call(c.central.url, 'POST', eventsPath, { token: 'not-the-token', body });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(JSON.stringify(wrong.body)).not.toContain('not-the-token');
    expect((await call(c.central.url, 'POST', eventsPath, { body })).status).toBe(401);
    expect((await call(c.central.url, 'POST', eventsPath, { token: other.token, body })).status).toBe(401); // hall-2's token on hall-1
    const unknown = await call(c.central.url, 'POST', '/v1/halls/hall-9/events', { token: hall.token, body });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'unknown_hall' } });
    const foreign = await call(c.central.url, 'POST', eventsPath, { token: hall.token, hallId: 'hall-2', body });
    expect(foreign.status).toBe(401);
    expect(await stored()).toBe(before);
  });

  it('another hall cannot push into this hall\'s stream', async () => {
    const r = await call(c.central.url, 'POST', '/v1/halls/hall-2/events', { token: other.token, body: { batchId: 'b', stream: hall.stream, events: [simple(1)] } });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { code: 'unknown_stream' } });
  });

  it('a newer protocol version → 426; an unknown route → 404', async () => {
    const r = await call(c.central.url, 'GET', `/v1/halls/hall-1/cursor?stream=${hall.stream}`, { token: hall.token, headers: { 'x-protocol-version': '2' } });
    expect(r.status).toBe(426);
    expect(r.body).toMatchObject({ error: { code: 'protocol_version' } });
    expect((await call(c.central.url, 'GET', '/v2/nothing')).status).toBe(404);
  });

  it('register with a bad reason → 400 naming the field', async () => {
    const r = await call<{ error: { message: string } }>(c.central.url, 'POST', '/v1/halls/hall-1/register', { token: hall.token, body: { reason: 'because' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/reason/);
  });

  it('the overview needs the operator token', async () => {
    expect((await call(c.central.url, 'GET', '/v1/overview?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    expect((await call(c.central.url, 'GET', '/v1/overview?from=2026-11-01&to=2026-11-30', { token: hall.token })).status).toBe(401);
    const ok = await call(c.central.url, 'GET', '/v1/overview?from=2026-11-01&to=2026-11-30', { token: 'operator-secret' });
    expect(ok.status).toBe(200);
    const bad = await call(c.central.url, 'GET', '/v1/overview?from=2026-11-31&to=2026-11-30', { token: 'operator-secret' });
    expect(bad.status).toBe(400);
    const reversed = await call(c.central.url, 'GET', '/v1/overview?from=2026-12-01&to=2026-11-30', { token: 'operator-secret' });
    expect(reversed.status).toBe(400);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a hall spends its burst, and lets it through after the wait', async () => {
    let now = Date.UTC(2026, 10, 21, 2, 0);
    const limited = await startCentral(pg, { rateLimit: { burst: 3, perSecond: 0.5 }, now: () => now });
    try {
      const h = await limited.hall('hall-r'); // register: 1 request
      expect((await h.cursor()).status).toBe(200);
      expect((await h.push([simple(1)])).status).toBe(200);
      const refused = await h.push([simple(2)]);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(refused.headers.get('x-server-time')).toBe(String(now)); // the injected clock
      expect((await h.cursor()).status).toBe(429); // still empty: no time passed
      const held = await limited.central.pool.query('SELECT count(*)::int AS n FROM events');
      expect(held.rows[0].n).toBe(1); // the refused push stored nothing
      now += 2000; // one token refilled
      const after = await h.push([simple(2)]);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ ackSeq: 2, accepted: 1 });
      expect((await h.cursor()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('each kind of traffic has its own allowance: an uplink that spent its burst does not starve ratings or datasets', async () => {
    // Issue 11: one allowance per hall shared by all traffic; catching up after an outage
    // starved the ratings. Mutation: key the bucket by hall only (central/auth.ts) → the
    // ratings and datasets requests below answer 429.
    const now = Date.UTC(2026, 10, 21, 2, 0);
    const limited = await startCentral(pg, { rateLimit: { burst: 2, perSecond: 0.01 }, now: () => now });
    try {
      const h = await limited.hall('hall-k'); // register: 1 uplink request
      expect((await h.cursor()).status).toBe(200);
      expect((await h.cursor()).status).toBe(429); // the uplink's burst is spent
      const check = await call(limited.central.url, 'GET', '/v1/ratings/r-none', { token: h.token, hallId: 'hall-k' });
      expect(check.status).toBe(404); // judged, not rate limited
      const batch = await call<{ results: unknown[] }>(limited.central.url, 'POST', '/v1/ratings/batch', { token: h.token, hallId: 'hall-k', body: { ratings: [{ ratingId: 'x' }] } });
      expect(batch.status).toBe(200);
      expect(batch.body.results).toMatchObject([{ status: 'rejected' }]);
      expect((await call(limited.central.url, 'GET', '/v1/ratings/r-none', { token: h.token, hallId: 'hall-k' })).status).toBe(429); // ratings' own burst of 2
      const datasets = await call(limited.central.url, 'GET', '/v1/halls/hall-k/datasets/catalog?since=0', { token: h.token, hallId: 'hall-k' });
      expect(datasets.status).not.toBe(429);
    } finally {
      await limited.close();
    }
  });
});
