// No anonymous writes from the LAN, and every malformed request gets a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('access control', () => {
  it('rejects a ticket request without a terminal token', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('rejects a forged token', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { headers: { authorization: 'Bearer forged' }, body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(401);
  });

  it('lets only kiosks issue tickets', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'hall-display', body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('lets a counter terminal act only on its own counter', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c02/session', { terminal: 'counter-1', body: { staffNo: '1002', pin: '1234' } });
    expect(res.status).toBe(403);
  });

  it('requires a staff session for counter actions, bound to the terminal that opened it', async () => {
    expect((await h.api('POST', '/api/v1/counters/c01/actions/call-next', { terminal: 'counter-1' })).status).toBe(401);
    const session = await h.signIn('c01', '1001');
    expect((await h.api('POST', '/api/v1/counters/c01/actions/pause', { terminal: 'counter-1', session: session.sessionToken })).status).toBe(200);
    const other = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c02/actions/call-next', { terminal: 'counter-2', session: session.sessionToken });
    expect(other.status).toBe(401);
  });

  it('refuses a wrong PIN and locks the staff number after five tries', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c04/session', { terminal: 'counter-4', body: { staffNo: '1004', pin: '0000' } });
      expect(res.body.error.code).toBe('bad_credentials');
    }
    const locked = await h.api<ApiErrorBody>('POST', '/api/v1/counters/c04/session', { terminal: 'counter-4', body: { staffNo: '1004', pin: '1234' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('locked');
  });

  it('keeps the admin pages for managers', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '1001', pin: '1234' } });
    expect(res.status).toBe(403);
    expect((await h.api('GET', '/api/v1/admin/ratings', { terminal: 'admin' })).status).toBe(401);
  });
});

describe('malformed requests', () => {
  it('answers bad JSON with bad_json', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', rawBody: '{"matterId": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_json');
  });

  it('names the wrong field and why', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 42, extra: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details!.map((d) => d.path)).toEqual(expect.arrayContaining(['matterId']));
  });

  it('refuses oversized bodies', async () => {
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', rawBody: JSON.stringify({ matterId: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
  });

  it('answers an unknown matter with a domain error and issues nothing', async () => {
    const before = (await h.api<{ lastSeq: number }>('GET', '/api/v1/health')).body.lastSeq;
    const res = await h.api<ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'no-such-matter' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('unknown_matter');
    expect((await h.api<{ lastSeq: number }>('GET', '/api/v1/health')).body.lastSeq).toBe(before);
  });

  it('answers unknown routes and wrong methods', async () => {
    expect((await h.api('GET', '/api/v1/nothing-here', { terminal: 'kiosk-1' })).status).toBe(404);
    expect((await h.api('DELETE', '/api/v1/tickets', { terminal: 'kiosk-1' })).status).toBe(405);
    expect((await h.api('POST', '/api/v1/counters/c01/actions/dance', { terminal: 'counter-1' })).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await fetch(`${h.url}/..%2f..%2fpackage.json`);
    expect(res.status).toBe(404);
  });
});
