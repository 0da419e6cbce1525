// Issue 10, defect 2 and the live half of defect 4, against a real hall service:
//   - the terminal token is the first message ({type:'auth'}), never the URL; no auth in
//     time (injected clock), a wrong token, or a `?token=` query alone → closed 4401;
//   - a terminal that floods messages is closed 4429;
//   - a terminal that sends 1,000 resume frames (≈36 KB, as in the review) and never reads
//     the replies leaves the hall's memory bounded, and other terminals keep their events;
//   - a terminal that stops reading is disconnected once bytes pile up for it in the hall.
// Mutations tried: the old live.ts (query token, every resume replayed at once, no limits)
// fails the auth tests and grew the process by 329 MiB (the display's event came 22 s late) in
// the flood test, against 1–3 MiB now. Removing the one-replay-in-flight guard fails the second
// flood case (+530 MiB); removing the guard but keeping the bufferedAmount limit keeps it bounded
// (the two overlap). Removing both bufferedAmount checks (in send and on a resume during a
// replay) fails the disconnect test (still open).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { LIVE_LIMITS } from '../../../hall/api/live.js';
import type { LiveMessage } from '../../../hall/api/dto.js';

const defaults = { ...LIVE_LIMITS };
let h: Harness;
let timers: ManualTimers;
beforeAll(async () => {
  timers = new ManualTimers(MONDAY_9AM);
  h = await startHarness({ timers });
});
afterAll(() => h.close());
afterEach(() => Object.assign(LIVE_LIMITS, defaults));

const liveUrl = () => `${h.url.replace('http', 'ws')}/api/v1/live`;

function client(url = liveUrl()): { ws: WebSocket; messages: LiveMessage[]; closed: Promise<number> } {
  const ws = new WebSocket(url);
  const messages: LiveMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMessage));
  ws.on('error', () => undefined);
  return { ws, messages, closed: new Promise((r) => ws.once('close', (code) => r(code))) };
}

async function authenticated(terminal: string) {
  const c = client();
  await new Promise((r) => c.ws.once('open', r));
  c.ws.send(JSON.stringify({ type: 'auth', token: h.token(terminal) }));
  await expect.poll(() => c.messages[0]?.type).toBe('hello');
  return c;
}

/** A masked client text frame (RFC 6455 §5.2), for payloads under 126 bytes. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))]);
}

/** A WebSocket opened over a raw TCP socket that stops reading right after the handshake. */
async function nonReadingClient(path: string): Promise<net.Socket> {
  const socket = net.connect(Number(new URL(h.url).port), '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: hall\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const head = await new Promise<string>((resolve) => {
    let data = '';
    const onData = (c: Buffer) => {
      data += c.toString('latin1');
      if (data.includes('\r\n\r\n')) {
        socket.off('data', onData);
        socket.pause();
        resolve(data);
      }
    };
    socket.on('data', onData);
  });
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

const MATTERS = ['bdc-01', 'scjg-01', 'rsj-01', 'ybj-01', 'gjj-01'];
function issueTickets(n: number): void {
  for (let i = 0; i < n; i++) {
    h.hall.runtime.execute({ type: 'issue_ticket', ticketId: h.hall.runtime.newId(), matterId: MATTERS[i % MATTERS.length]!, greenCategory: null, kioskId: 'kiosk-1', zone: 'hall' });
  }
}

const memory = () => {
  const m = process.memoryUsage();
  return m.rss;
};

describe('live feed authentication', () => {
  it('authenticates with the first message and says hello', async () => {
    const c = await authenticated('hall-display');
    expect(c.messages[0]).toMatchObject({ type: 'hello', lastSeq: h.hall.runtime.log.lastSeq() });
    c.ws.close();
  });

  it('closes a socket that does not authenticate in time (5 s on the hall clock)', async () => {
    const c = client();
    await new Promise((r) => c.ws.once('open', r));
    timers.advance(LIVE_LIMITS.authTimeoutMs + 1);
    expect(await c.closed).toBe(4401);
    expect(c.messages).toEqual([]);
  });

  it('ignores a token in the query string: the first message must still be auth', async () => {
    const c = client(`${liveUrl()}?token=${h.token('hall-display')}`);
    await new Promise((r) => c.ws.once('open', r));
    c.ws.send(JSON.stringify({ type: 'resume', since: 0 }));
    expect(await c.closed).toBe(4401);
    expect(c.messages).toEqual([]);
  });

  it('closes a socket whose first message carries a wrong token', async () => {
    const c = client();
    await new Promise((r) => c.ws.once('open', r));
    c.ws.send(JSON.stringify({ type: 'auth', token: 'not-a-token' }));
    expect(await c.closed).toBe(4401);
  });
});

describe('live feed limits', () => {
  it('closes a terminal that floods messages (4429) and keeps serving the others', async () => {
    const other = await authenticated('hall-display');
    const flooder = await authenticated('kiosk-1');
    for (let i = 0; i < 100; i++) flooder.ws.send(JSON.stringify({ type: 'resume', since: 0 }));
    expect(await flooder.closed).toBe(4429);
    issueTickets(1);
    await expect.poll(() => other.messages.some((m) => m.type === 'event' && m.event.seq === h.hall.runtime.log.lastSeq())).toBe(true);
    other.ws.close();
  });

  it('disconnects a terminal that stops reading once more than maxBufferedBytes wait for it', async () => {
    // Only this guard left: no rate limit, whole replays, and no byte may wait in the hall. Resumes
    // are spaced out so each starts a new replay once the last one reached the OS, until the OS's
    // buffers are full: then a send or the next resume finds bytes waiting.
    Object.assign(LIVE_LIMITS, { rateBurst: 1e9, replayChunk: LIVE_LIMITS.replayLimit, maxBufferedBytes: 0 });
    if (h.hall.runtime.log.lastSeq() < 600) issueTickets(600);
    const since = h.hall.runtime.log.lastSeq() - (LIVE_LIMITS.replayLimit - 1);
    const reader = await nonReadingClient('/api/v1/live');
    reader.write(frame(JSON.stringify({ type: 'auth', token: h.token('kiosk-1') })));
    for (let i = 0; i < 200 && !reader.destroyed; i++) {
      await new Promise((r) => reader.write(frame(JSON.stringify({ type: 'resume', since })), r));
      await h.api('GET', '/api/v1/health');
    }
    // Read now: a hall that dropped the terminal ends the connection; one that kept it stays open.
    const outcome = new Promise<string>((resolve) => {
      reader.once('close', () => resolve('closed'));
      setTimeout(() => resolve('still open'), 10_000).unref();
    });
    reader.on('data', () => undefined);
    reader.resume();
    expect(await outcome).toBe('closed');
    reader.destroy();
  });

  it.each([
    ['with every limit', () => undefined],
    // Whole replays in one go, no rate or buffer limit: only the one-replay-in-flight guard is left.
    ['with only the one-replay-in-flight guard', () => Object.assign(LIVE_LIMITS, { rateBurst: 1e9, replayChunk: LIVE_LIMITS.replayLimit, maxBufferedBytes: Infinity })],
  ])('keeps memory bounded against 1,000 resume frames never read (%s)', async (_name, setUp) => {
    setUp();
    if (h.hall.runtime.log.lastSeq() < 600) issueTickets(600);
    const display = await authenticated('hall-display');
    const since = h.hall.runtime.log.lastSeq() - (LIVE_LIMITS.replayLimit - 1);
    // The query token makes the old live.ts accept it too (the mutation run); today's hall reads the auth message.
    const attacker = await nonReadingClient(`/api/v1/live?token=${h.token('kiosk-1')}`);
    const before = memory();
    const frames = [frame(JSON.stringify({ type: 'auth', token: h.token('kiosk-1') }))];
    for (let i = 0; i < 1000; i++) frames.push(frame(JSON.stringify({ type: 'resume', since })));
    const flood = Buffer.concat(frames);
    expect(flood.length).toBeLessThan(40_000);
    await new Promise((r) => attacker.write(flood, r));
    // Let the hall work through the flood: a few HTTP round trips and a new event to the display.
    for (let i = 0; i < 20; i++) await h.api('GET', '/api/v1/health');
    issueTickets(1);
    const last = h.hall.runtime.log.lastSeq();
    await expect.poll(() => display.messages.some((m) => m.type === 'event' && m.event.seq === last)).toBe(true);
    const grown = memory() - before;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    attacker.destroy();
    display.ws.close();
  });
});
