import { describe, expect, test } from 'vitest';
import { LiveConnection, liveUrl, type LiveNotice, type SocketLike } from '../../../renderer/shared/live/liveConnection';
import { createRefresher } from '../../../renderer/shared/live/refresher';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const live = new LiveConnection({
    url: 'ws://hall/api/v1/live',
    token: 't',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    random: () => 0.5,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  const notices: LiveNotice[] = [];
  const statuses: string[] = [];
  live.onNotice((n) => notices.push(n));
  live.onStatus((s) => statuses.push(s));
  return { live, sockets, timers, notices, statuses };
}

const event = (seq: number) => ({ type: 'event', event: { seq, id: `e${seq}`, type: 'ticket_called', at: seq, serviceDay: '2025-11-21', payload: {} } });

describe('live connection', () => {
  test('a fresh page takes its position from hello and asks for a refetch', () => {
    const h = harness();
    h.live.start();
    h.sockets[0]!.open();
    // The token goes in the first message, never in the URL (issue 10, defect 4).
    expect(h.sockets[0]!.sent).toEqual([JSON.stringify({ type: 'auth', token: 't' })]);
    h.sockets[0]!.receive({ type: 'hello', lastSeq: 41, serviceDay: '2025-11-21' });
    expect(h.live.status).toBe('open');
    expect(h.notices).toEqual([{ kind: 'resync' }]);
    h.sockets[0]!.receive(event(42));
    expect(h.live.lastSeq).toBe(42);
  });

  test('when the hall restarts it reconnects with backoff, forever, and resumes from the last event', () => {
    const h = harness();
    h.live.start();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'hello', lastSeq: 5, serviceDay: 'd' });
    h.sockets[0]!.receive(event(6));
    h.sockets[0]!.drop();
    expect(h.live.status).toBe('offline');
    for (let i = 0; i < 8; i++) {
      h.timers.shift()!.fn();
      h.sockets.at(-1)!.drop();
    }
    expect(h.timers[0]!.ms).toBe(8_000); // capped backoff keeps going
    h.timers.shift()!.fn();
    const socket = h.sockets.at(-1)!;
    socket.open();
    expect(socket.sent).toEqual([JSON.stringify({ type: 'auth', token: 't' }), JSON.stringify({ type: 'resume', since: 6 })]);
    socket.receive({ type: 'hello', lastSeq: 9, serviceDay: 'd' });
    socket.receive(event(6)); // replay of something already seen
    socket.receive(event(7));
    expect(h.notices.filter((n) => n.kind === 'event').map((n) => (n.kind === 'event' ? n.event.seq : 0))).toEqual([6, 7]);
    expect(h.statuses).toEqual(['open', 'offline', 'open']);
  });

  test('a hall with a fresh data folder (sequence went backwards) is followed, not ignored', () => {
    const h = harness();
    h.live.start();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'hello', lastSeq: 100, serviceDay: 'd' });
    h.sockets[0]!.drop();
    h.timers.shift()!.fn();
    h.sockets[1]!.open();
    h.sockets[1]!.receive({ type: 'hello', lastSeq: 3, serviceDay: 'd' });
    h.sockets[1]!.receive(event(4));
    expect(h.live.lastSeq).toBe(4);
  });

  test('live URL follows the page scheme and carries no token', () => {
    expect(liveUrl({ protocol: 'http:', host: '10.0.0.2:8080' })).toBe('ws://10.0.0.2:8080/api/v1/live');
    expect(liveUrl({ protocol: 'https:', host: 'hall' })).toBe('wss://hall/api/v1/live');
  });
});

describe('throttled refetch', () => {
  test('a burst of events becomes one immediate load and one trailing load', async () => {
    let now = 0;
    const timers: { fn: () => void; ms: number }[] = [];
    let loads = 0;
    const r = createRefresher({ load: async () => void loads++, minIntervalMs: 400, now: () => now, setTimer: (fn, ms) => timers.push({ fn, ms }) });
    r.request();
    r.request();
    r.request();
    await Promise.resolve();
    await Promise.resolve();
    expect(loads).toBe(1);
    now = 50;
    r.request();
    await new Promise((res) => setTimeout(res, 0));
    expect(timers.length).toBe(1);
    expect(timers[0]!.ms).toBeLessThanOrEqual(400);
    now = 400;
    timers.shift()!.fn();
    await new Promise((res) => setTimeout(res, 0));
    expect(loads).toBe(2);
  });
});
