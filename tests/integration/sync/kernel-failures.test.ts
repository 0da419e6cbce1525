// The sync kernel's failure taxonomy (protocol/sync/failure.ts), each fault in
// one place, over real TCP: a scripted server answers every request the way
// the case says, and the kernel's one HTTP client + send/expectOk must sort
// it into retry / unknown / refused / protocol. Uplink, downlink, rating
// upload and central's forwarder all read failures through this code, so
// each case here holds for all of them.
// Mutations tried (each makes its case fail): an unreadable 2xx classed as
// `protocol` (the old `bad_answer`), 5xx classed as `retry`, every transport
// error classed as `retry` (sent flag ignored), Retry-After not read.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import { expectOk, send, SyncFailure } from '../../../protocol/sync/failure.js';

type Script = (socket: net.Socket, request: string) => void;

const servers: net.Server[] = [];
const clients: { close(): void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A server that waits for a whole request (headers + Content-Length body), then runs the script. */
async function scripted(script: Script): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      requests.push(buf);
      const request = buf;
      buf = '';
      script(socket, request);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1/halls/h/events`, requests };
}

const answerSchema = z.object({ ackSeq: z.number().int() });

/** One exchange through the kernel; resolves with the value or the SyncFailure. */
async function exchange(url: string): Promise<{ ackSeq: number } | SyncFailure> {
  const http = nodeHttpClient();
  clients.push(http);
  try {
    const a = await send(http, { method: 'POST', url, headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret-token' }, body: '{"batchId":"b1"}', timeoutMs: 2_000 }, () => Date.now());
    return expectOk(a, answerSchema, 'central');
  } catch (err) {
    if (err instanceof SyncFailure) {
      expect(err.message).not.toContain('s3cret-token');
      return err;
    }
    throw err;
  }
}

const head = (status: string, headers: string[] = []) => [`HTTP/1.1 ${status}`, 'Content-Type: application/json', ...headers, '', ''].join('\r\n');

describe('sync kernel failure taxonomy', () => {
  it('a complete 2xx of the protocol is the answer', async () => {
    const s = await scripted((sock) => sock.end(head('200 OK', ['Content-Length: 12', 'Connection: close']) + '{"ackSeq":7}'));
    expect(await exchange(s.url)).toEqual({ ackSeq: 7 });
  });

  it('truncated body: a 200 cut off (read until close) is an unknown outcome, not a protocol error', async () => {
    const s = await scripted((sock) => sock.end(head('200 OK', ['Connection: close']) + '{"ackSeq":12,"acce'));
    expect(await exchange(s.url)).toMatchObject({ kind: 'unknown', code: 'unreadable_answer', status: 200 });
  });

  it('truncated body: fewer bytes than Content-Length, then the connection ends → unknown', async () => {
    const s = await scripted((sock) => {
      sock.write(head('200 OK', ['Content-Length: 40']) + '{"ackSeq":12');
      setTimeout(() => sock.destroy(), 20);
    });
    expect(await exchange(s.url)).toMatchObject({ kind: 'unknown', code: 'connection_lost' });
  });

  it('reset after commit: the server took the whole request, then reset the connection → unknown', async () => {
    const s = await scripted((sock) => sock.resetAndDestroy());
    const f = await exchange(s.url);
    expect(s.requests).toHaveLength(1); // it did arrive: only a check can tell whether it took effect
    expect(f).toMatchObject({ kind: 'unknown', code: 'connection_lost' });
  });

  it('429 with Retry-After → retry no sooner than asked', async () => {
    const body = '{"error":{"code":"rate_limited","message":"slow down"}}';
    const s = await scripted((sock) => sock.end(head('429 Too Many Requests', ['Retry-After: 7', `Content-Length: ${body.length}`, 'Connection: close']) + body));
    expect(await exchange(s.url)).toMatchObject({ kind: 'retry', code: 'rate_limited', status: 429, retryAfterMs: 7000 });
  });

  it('5xx (a gateway\'s 503 may follow a commit) → unknown, Retry-After kept', async () => {
    const s = await scripted((sock) => sock.end(head('503 Service Unavailable', ['Retry-After: 2', 'Content-Length: 9', 'Connection: close']) + '<h1>x</h1>'.slice(0, 9)));
    expect(await exchange(s.url)).toMatchObject({ kind: 'unknown', status: 503, retryAfterMs: 2000 });
  });

  it('protocol error: a 2xx off the schema, or 426 protocol_version → protocol (stop with the reason)', async () => {
    const bad = await scripted((sock) => sock.end(head('200 OK', ['Content-Length: 17', 'Connection: close']) + '{"ackSeq":"many"}'));
    const f = await exchange(bad.url);
    expect(f).toMatchObject({ kind: 'protocol', code: 'bad_answer' });
    expect((f as SyncFailure).message).toMatch(/ackSeq/);
    const body = '{"error":{"code":"protocol_version","message":"this server speaks 2"}}';
    const old = await scripted((sock) => sock.end(head('426 Upgrade Required', [`Content-Length: ${body.length}`, 'Connection: close']) + body));
    expect(await exchange(old.url)).toMatchObject({ kind: 'protocol', code: 'protocol_version' });
  });

  it('refused: another 4xx → refused (park it, show why)', async () => {
    const body = '{"error":{"code":"unauthorized","message":"bad token"}}';
    const s = await scripted((sock) => sock.end(head('401 Unauthorized', [`Content-Length: ${body.length}`, 'Connection: close']) + body));
    expect(await exchange(s.url)).toMatchObject({ kind: 'refused', code: 'unauthorized', status: 401 });
  });

  it('not reached: a refused connection → retry (it cannot have taken effect)', async () => {
    const s = await scripted(() => undefined);
    const url = s.url;
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    expect(await exchange(url)).toMatchObject({ kind: 'retry', code: 'offline' });
  });
});
