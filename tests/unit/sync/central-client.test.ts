// How the uplink reads central's answers: parsed values with timing, and
// failures in the kernel's taxonomy (retry / unknown / refused / protocol),
// with the two refusals that mean "register again". The HTTP function here
// returns canned answers: this tests the client's own logic, not the network
// (tests/integration/sync/ runs it against the real central server).
import { describe, expect, it } from 'vitest';
import { CentralClient, isReRegister } from '../../../hall/sync/uplink/central-client.js';
import { SyncFailure } from '../../../protocol/sync/failure.js';
import { HttpTransportError, type HttpRequest, type HttpResponse } from '../../../protocol/sync/http-client.js';
import { serialiseEvent } from '../../../hall/sync/uplink/sync-store.js';
import { batchBody } from '../../../protocol/central/uplink.js';

const TOKEN = 'secret-token-123';

function client(answer: (req: HttpRequest) => HttpResponse | Error) {
  const seen: HttpRequest[] = [];
  let t = 1000;
  const c = new CentralClient({
    baseUrl: 'http://central.test',
    hallId: 'hall-1',
    token: () => TOKEN,
    http: async (req) => {
      seen.push(req);
      const a = answer(req);
      if (a instanceof Error) throw a;
      return a;
    },
    now: () => (t += 10),
    timeoutMs: 5000,
  });
  return { c, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers: { 'x-server-time': '5000', ...headers }, body: JSON.stringify(body) });

async function failure(p: Promise<unknown>): Promise<SyncFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SyncFailure);
    expect((err as Error).message).not.toContain(TOKEN);
    return err as SyncFailure;
  }
  throw new Error('expected a failure');
}

describe('central client', () => {
  it('sends the hall headers and returns the answer with X-Server-Time and timing', async () => {
    const { c, seen } = client(() => json(200, { stream: 's1', ackSeq: 41 }));
    const ex = await c.cursor('s 1');
    expect(ex).toEqual({ value: { stream: 's1', ackSeq: 41 }, sentAt: 1010, receivedAt: 1020, serverTime: 5000 });
    expect(seen[0]).toMatchObject({ method: 'GET', url: 'http://central.test/v1/halls/hall-1/cursor?stream=s%201' });
    expect(seen[0]!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-hall-id': 'hall-1', 'x-protocol-version': '1' });
  });

  it('sorts failures: retry (408, 429 with Retry-After, not reached), unknown (5xx, timeout, lost, unreadable 2xx), re-register (409 sequence_conflict, 404 unknown_stream), refused (other 4xx), protocol (2xx off the schema)', async () => {
    expect(await failure(client(() => json(503, { error: { code: 'unavailable', message: 'down' } })).c.pushEvents('{}'))).toMatchObject({ kind: 'unknown', status: 503, retryAfterMs: null });
    expect(await failure(client(() => json(429, { error: 'rate_limited', message: 'slow down' }, { 'retry-after': '7' })).c.pushEvents('{}'))).toMatchObject({ kind: 'retry', code: 'rate_limited', retryAfterMs: 7000 });
    expect(await failure(client(() => json(408, {})).c.pushEvents('{}'))).toMatchObject({ kind: 'retry', status: 408 });
    const conflict = await failure(client(() => json(409, { error: { code: 'sequence_conflict', message: 'x', seq: 17 }, seq: 17 })).c.pushEvents('{}'));
    expect(conflict).toMatchObject({ kind: 'refused', seq: 17 });
    expect(isReRegister(conflict.code, conflict.status)).toBe('sequence_conflict');
    expect(await failure(client(() => json(409, { error: 'sequence_conflict', message: 'x', seq: 3 })).c.pushEvents('{}'))).toMatchObject({ code: 'sequence_conflict', seq: 3 });
    const gone = await failure(client(() => json(404, { error: { code: 'unknown_stream', message: 'x' } })).c.cursor('s1'));
    expect(isReRegister(gone.code, gone.status)).toBe('unknown_stream');
    const other = await failure(client(() => json(409, { error: { code: 'other', message: 'x' } })).c.pushEvents('{}'));
    expect(other).toMatchObject({ kind: 'refused', status: 409 });
    expect(isReRegister(other.code, other.status)).toBeNull();
    expect(await failure(client(() => json(401, { error: { code: 'unauthorized', message: 'bad token' } })).c.pushEvents('{}'))).toMatchObject({ kind: 'refused', code: 'unauthorized' });
    expect(await failure(client(() => json(426, { error: { code: 'protocol_version', message: 'v2 here' } })).c.pushEvents('{}'))).toMatchObject({ kind: 'protocol', code: 'protocol_version' });
    expect(await failure(client(() => json(200, { ackSeq: 'many' })).c.pushEvents('{}'))).toMatchObject({ kind: 'protocol', code: 'bad_answer' });
    // A 200 cut off (or not JSON) may follow a committed batch: unknown, never "blocked" (issue 11).
    expect(await failure(client(() => ({ status: 200, headers: {}, body: '{"ackSeq":12,"accep' })).c.pushEvents('{}'))).toMatchObject({ kind: 'unknown', code: 'unreadable_answer' });
    expect(await failure(client(() => new HttpTransportError('timeout', 'no answer')).c.pushEvents('{}'))).toMatchObject({ kind: 'unknown', code: 'timeout' });
    expect(await failure(client(() => new HttpTransportError('network', 'ECONNRESET')).c.pushEvents('{}'))).toMatchObject({ kind: 'unknown', code: 'connection_lost' });
    expect(await failure(client(() => new HttpTransportError('network', 'ECONNREFUSED', false)).c.pushEvents('{}'))).toMatchObject({ kind: 'retry', code: 'offline' });
  });
});

describe('batch serialisation', () => {
  const row = { seq: 41, id: '0190c0de-0000-7000-8000-000000000001', type: 'ticket_issued', schema_version: 1, service_day: '2026-11-21', at: 1763700000000, hlc: '0001763700000000:0000:hall-1', payload: '{"ticketId":"t1","number":"A001"}' };

  it('sends the stored payload as is, in the protocol shape', () => {
    const body = JSON.parse(batchBody('b-1', 's-1', [serialiseEvent(row)])) as unknown;
    expect(body).toEqual({
      batchId: 'b-1',
      stream: 's-1',
      events: [{ seq: 41, id: row.id, type: 'ticket_issued', schemaVersion: 1, serviceDay: '2026-11-21', at: 1763700000000, hlc: row.hlc, payload: { ticketId: 't1', number: 'A001' } }],
    });
  });

  it('a damaged payload becomes a poison value central quarantines, and the batch stays valid JSON', () => {
    const body = JSON.parse(batchBody('b', 's', [serialiseEvent({ ...row, payload: '{"ticketId":' }), serialiseEvent({ ...row, seq: 42, hlc: '' })])) as { events: Record<string, unknown>[] };
    expect(body.events[0]!.payload).toEqual({ unreadablePayload: '{"ticketId":' });
    expect(body.events[1]).not.toHaveProperty('hlc');
  });
});
