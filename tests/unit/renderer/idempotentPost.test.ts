// Issue 10, defect 7 (client side): a POST with an idempotency key sends it as
// Idempotency-Key and is retried with the same key after a network error or a 500; a POST
// without one is never retried. Mutation tried: call() without the idempotencyKey branch
// (no retry, no header) fails the first two tests.
import { describe, expect, test } from 'vitest';
import { ApiClient, newIdempotencyKey } from '../../../renderer/shared/api/client';
import { NetworkError } from '../../../renderer/shared/api/errors';

function client(responses: (() => Response)[]) {
  const seen: Record<string, string>[] = [];
  const c = new ApiClient({
    getToken: () => 'tok',
    retryDelaysMs: [1, 1],
    sleep: async () => undefined,
    fetchImpl: (async (_url: string, init: RequestInit) => {
      seen.push(init.headers as Record<string, string>);
      const next = responses.shift();
      if (!next) throw new TypeError('fetch failed');
      return next();
    }) as unknown as typeof fetch,
  });
  return { c, seen };
}
const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const lost = () => {
  throw new TypeError('fetch failed');
};

describe('idempotent POST', () => {
  test('a lost reply is retried with the same Idempotency-Key', async () => {
    const { c, seen } = client([lost, json(201, { ticket: { number: 'A001' } })]);
    const answer = await c.call('issueTicket', { body: { matterId: 'm' }, idempotencyKey: 'key-0001-abcd' });
    expect(answer.ticket.number).toBe('A001');
    expect(seen.map((h) => h['Idempotency-Key'])).toEqual(['key-0001-abcd', 'key-0001-abcd']);
  });

  test('a 500 (an error after the hall committed) is retried too', async () => {
    const { c, seen } = client([json(500, { error: { code: 'internal', message: 'x' } }), json(201, { ok: true })]);
    await c.call('issueTicket', { body: { matterId: 'm' }, idempotencyKey: 'key-0002-abcd' });
    expect(seen).toHaveLength(2);
  });

  test('a POST without a key is sent once, whatever happens', async () => {
    const { c, seen } = client([lost, json(201, { ok: true })]);
    await expect(c.call('counterAction', { params: { counterId: 'c1', action: 'call-next' } })).rejects.toBeInstanceOf(NetworkError);
    expect(seen).toHaveLength(1);
    expect(seen[0]!['Idempotency-Key']).toBeUndefined();
  });

  test('keys are UUID v4 strings, different each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
