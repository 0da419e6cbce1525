// A terminal's live feed in integration tests: a real WebSocket to /api/v1/live that sends the
// terminal's token as its first message (never in the URL) and keeps every message it gets.
import WebSocket from 'ws';
import type { LiveMessage } from '../../hall/api/dto.js';
import type { Harness } from './hall-harness.js';

export function listenLive(h: Harness, terminal: string): { ws: WebSocket; messages: LiveMessage[]; open: Promise<unknown> } {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/api/v1/live`);
  ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: h.token(terminal) })));
  const messages: LiveMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMessage));
  // "open" once the hall said hello.
  return { ws, messages, open: new Promise((r) => ws.once('message', r)) };
}

/** Polls `get` every 20 ms until it gives something truthy; throws naming `what` after `ms`. */
export async function until<T>(get: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const v = get();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}
