// Issue 10, defects 1 and 8: no request, however malformed, may end the hall process or
// answer 500. Raw TCP sockets against a real running hall service.
// Mutations tried:
//   - service.ts back to `new URL(req.url ?? '/', 'http://hall')`: the plain request throws an
//     uncaught TypeError (vitest reports it and the health check after it fails);
//   - live.ts back to `new URL(...)` in handleUpgrade: same with the upgrade headers;
//   - http.ts back to a bare decodeURIComponent: `%ZZ` answers 500 and logs a stack trace;
//   - without the upgrade sockets' error listeners (live.ts, and service.ts for the device
//     agents' endpoint): vitest reports unhandled ECONNRESET errors for the reset cases.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => vi.restoreAllMocks());

/** Writes `request` on a fresh TCP connection and returns everything the hall sent until it closed. */
function raw(request: string): Promise<string> {
  const { port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (data += c));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    // A hall that never answers (the mutation: it died) must fail the test, not hang it.
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

async function stillAnswers(): Promise<void> {
  const health = await h.api<{ ok: boolean }>('GET', '/api/v1/health');
  expect(health).toMatchObject({ status: 200, body: { ok: true } });
}

describe('malformed request targets', () => {
  it('answers 400 to a request line with an invalid absolute URL, and keeps running', async () => {
    const answer = await raw('GET http://a:99999/ HTTP/1.1\r\nHost: hall\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"bad_request_target"');
    await stillAnswers();
  });

  it('answers 400 and closes the socket for the same URL with WebSocket upgrade headers', async () => {
    const answer = await raw(
      'GET http://a:99999/ HTTP/1.1\r\nHost: hall\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await stillAnswers();
  });

  it.each(['/nowhere', '/api/v1/agent'])('keeps running when an upgrade client of %s resets the connection instead of reading the refusal', async (target) => {
    // Node removes its own socket error listener before 'upgrade': an unhandled reset would end the process.
    const { port } = new URL(h.url);
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET ${target} HTTP/1.1\r\nHost: hall\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await stillAnswers();
  });

  it('answers 400 (not 500, no stack trace in the log) to malformed percent-encoding in a path', async () => {
    const logged = vi.spyOn(console, 'error');
    const res = await h.api<{ error: { code: string; message: string } }>('GET', '/api/v1/tickets/%ZZ/progress?key=x');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_path' });
    expect(res.body.error.message).toContain('%ZZ');
    expect(logged).not.toHaveBeenCalled();
    await stillAnswers();
  });

  it('still serves an absolute-form target it can parse, by its path', async () => {
    const answer = await raw('GET http://elsewhere/api/v1/health HTTP/1.1\r\nHost: hall\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
