import { describe, expect, test } from 'vitest';
import { ApiClient, buildUrl } from '../../../renderer/shared/api/client';
import { pathOf } from '../../../hall/api/contract';
import { ApiError, NetworkError, describeError } from '../../../renderer/shared/api/errors';

function client(responses: (() => Response | Promise<Response>)[], opts: { session?: string } = {}) {
  const seen: { url: string; init: RequestInit }[] = [];
  const c = new ApiClient({
    getToken: () => 'tok',
    getStaffSession: () => opts.session ?? null,
    retryDelaysMs: [1, 1],
    sleep: async () => undefined,
    fetchImpl: (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      const next = responses.shift();
      if (!next) throw new TypeError('fetch failed');
      return next();
    }) as unknown as typeof fetch,
  });
  return { c, seen };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('hall API client', () => {
  test('sends the terminal token and the staff session', async () => {
    const { c, seen } = client([json(200, { ok: true })], { session: 'sess' });
    await c.call('counterView', { params: { counterId: 'c1' } });
    const headers = seen[0]!.init.headers as Record<string, string>;
    expect(seen[0]!.url).toBe('/api/v1/counters/c1');
    expect(headers['Authorization']).toBe('Bearer tok');
    expect(headers['X-Staff-Session']).toBe('sess');
  });

  test('an error body becomes a typed ApiError with its stable code', async () => {
    const { c } = client([json(409, { error: { code: 'no_waiting', message: 'nobody waiting' } })]);
    const err = await c.call('counterAction', { params: { counterId: 'c1', action: 'call-next' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('no_waiting');
  });

  test('GETs are retried while the hall restarts; POSTs never are', async () => {
    const { c, seen } = client([() => Promise.reject(new TypeError('down')), json(503, {}), json(200, { v: 1 })]);
    expect(await c.call('hall')).toEqual({ v: 1 });
    expect(seen.length).toBe(3);
    const post = client([() => Promise.reject(new TypeError('down')), json(201, {})]);
    await expect(post.c.call('issueTicket', { body: { matterId: 'm' } })).rejects.toBeInstanceOf(NetworkError);
    expect(post.seen.length).toBe(1);
  });

  test('faults map to plain-words messages, never a bare code', () => {
    expect(describeError(new NetworkError('x'))).toBe('error.unreachable');
    expect(describeError(new ApiError(500, 'internal', 'x'))).toBe('error.internal');
    expect(describeError(new ApiError(409, 'brand_new_code', 'x'))).toBe('error.generic');
    expect(describeError(new ApiError(409, 'daily_cap', 'x'), { daily_cap: 'kiosk.error.dailyCap' })).toBe('kiosk.error.dailyCap');
  });

  test('path parameters and query parameters are encoded', () => {
    expect(buildUrl(pathOf('ticketProgress', { id: 'a b/c' }), { key: 'k&1' })).toBe('/api/v1/tickets/a%20b%2Fc/progress?key=k%261');
    expect(() => pathOf('ticketProgress', {} as { id: string })).toThrow(/path parameter "id"/);
  });

  test('a call uses the declared method and path, and sends {} for a POST without a body', async () => {
    const { c, seen } = client([json(200, { ok: true }), json(200, { ok: true })], { session: 's' });
    await c.call('counterSignOut', { params: { counterId: 'c 1' } });
    expect(seen[0]!.url).toBe('/api/v1/counters/c%201/session');
    expect(seen[0]!.init.method).toBe('DELETE');
    expect(seen[0]!.init.body).toBeUndefined();
    await c.call('clearCard');
    expect(seen[1]!.url).toBe('/api/v1/kiosk/card/clear');
    expect(seen[1]!.init.method).toBe('POST');
    expect(seen[1]!.init.body).toBe('{}');
  });
});
