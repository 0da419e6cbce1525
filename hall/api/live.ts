// The live event feed over WebSocket: /api/v1/live (docs/api.md "Live events").
// Contract:
//   - The terminal token never travels in the URL (URLs end up in logs and proxies): the
//     client's first message is {type:'auth', token} within LIVE_LIMITS.authTimeoutMs, else the socket
//     is closed with CLOSE.unauthenticated. A `?token=` query is ignored.
//   - Each authenticated client gets {type:'hello'} and then every committed event once,
//     in sequence order.
//   - A reconnecting client sends {type:'resume', since}; it gets the missed events from the
//     outbox, or {type:'resync'} if it missed more than LIVE_LIMITS.replayLimit.
// Dangers (issue 10, defect 2: resume frames sent without reading replies grew the hall by
// hundreds of MiB): one replay in flight per client (a resume while one is running is
// ignored: the running replay brings the client to the head anyway); replays go out in
// chunks, the next one only after the previous reached the OS; a client whose unsent bytes
// pass LIVE_LIMITS.maxBufferedBytes is closed (CLOSE.notReading); client messages are rate-limited
// per connection (CLOSE.tooManyMessages). Never throws out of handleUpgrade: a malformed
// request line answers 400 and closes the socket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TerminalRegistry } from '../auth/tokens.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { StoredEvent } from '../store/event-log.js';
import type { LiveMessage, TerminalRole } from './dto.js';
import { parseRequestUrl } from './http.js';
import type { HallViews } from './views.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('live');

/**
 * The feed's limits. Read at each use, so an in-process test may change one to isolate
 * another guard (e.g. lift the rate limit to show replays stay bounded without it).
 */
export const LIVE_LIMITS = {
  /** More missed events than this: {type:'resync'} instead of a replay. */
  replayLimit: 500,
  /** Events per replay chunk; the next chunk waits until this one was handed to the OS. */
  replayChunk: 50,
  /** Unsent bytes the hall holds for one client before it closes the connection. */
  maxBufferedBytes: 1024 * 1024,
  /** Time a new connection has to send {type:'auth'} (injected clock). */
  authTimeoutMs: 5_000,
  /** Token bucket per connection: a burst of rateBurst messages, then ratePerSecond. */
  rateBurst: 20,
  ratePerSecond: 2,
};

/** Close codes the hall uses (the page reconnects after any of them). */
export const CLOSE = {
  badMessage: 1003,
  unauthenticated: 4401,
  notReading: 4408,
  tooManyMessages: 4429,
} as const;

interface Client {
  lastSent: number;
  terminalId: string;
  role: TerminalRole;
  /** True from a resume until its last chunk reached the OS; broadcasts wait meanwhile. */
  replaying: boolean;
}

interface Connection {
  client: Client | null;
  tokens: number;
  refilledAt: number;
  authTimer: { cancel(): void } | null;
  alive: boolean;
}

export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  /** Authenticated clients, receiving events. */
  private readonly clients = new Map<WebSocket, Client>();
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly runtime: HallRuntime,
    private readonly views: HallViews,
    private readonly terminals: TerminalRegistry,
  ) {
    runtime.onEvents((events) => this.broadcast(events));
    // Dead connections (a display whose cable was pulled) are dropped after two missed pings.
    this.heartbeat = setInterval(() => {
      for (const [ws, conn] of this.connections) {
        if (!conn.alive) ws.terminate();
        else {
          conn.alive = false;
          ws.ping();
        }
      }
    }, 15_000);
    this.heartbeat.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node removes its own error listener before 'upgrade': without this one a client reset
    // while we answer would be an uncaught 'error' event.
    socket.on('error', () => socket.destroy());
    try {
      const url = parseRequestUrl(req.url);
      if (!url) return refuse(socket, 400, 'Bad Request');
      if (url.pathname !== '/api/v1/live') return refuse(socket, 404, 'Not Found');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    } catch (err) {
      log.error('upgrade failed', { err });
      refuse(socket, 400, 'Bad Request');
    }
  }

  private accept(ws: WebSocket): void {
    const now = this.runtime.timers.now();
    const conn: Connection = { client: null, tokens: LIVE_LIMITS.rateBurst, refilledAt: now, authTimer: null, alive: true };
    this.connections.set(ws, conn);
    conn.authTimer = this.runtime.timers.at(now + LIVE_LIMITS.authTimeoutMs, () => {
      if (!conn.client) this.drop(ws, CLOSE.unauthenticated, 'send {type:"auth",token} first');
    });
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data, isBinary) => this.onMessage(ws, conn, data, isBinary));
    const forget = () => {
      conn.authTimer?.cancel();
      this.connections.delete(ws);
      this.clients.delete(ws);
    };
    ws.on('close', forget);
    ws.on('error', forget);
  }

  private onMessage(ws: WebSocket, conn: Connection, data: unknown, isBinary: boolean): void {
    if (!this.withinRate(conn)) return this.drop(ws, CLOSE.tooManyMessages, 'too many messages');
    let msg: { type?: unknown; since?: unknown; token?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(String(data)) as typeof msg;
      if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
    } catch {
      return this.drop(ws, CLOSE.badMessage, 'messages must be JSON objects');
    }
    if (!conn.client) {
      const terminal = msg.type === 'auth' && typeof msg.token === 'string' ? this.terminals.authenticate(msg.token) : null;
      if (!terminal) return this.drop(ws, CLOSE.unauthenticated, 'unauthenticated');
      conn.authTimer?.cancel();
      const lastSeq = this.runtime.log.lastSeq();
      conn.client = { lastSent: lastSeq, terminalId: terminal.id, role: terminal.role, replaying: false };
      this.clients.set(ws, conn.client);
      this.send(ws, { type: 'hello', lastSeq, serviceDay: this.runtime.state.serviceDay });
      return;
    }
    if (msg.type === 'resume' && Number.isInteger(msg.since) && (msg.since as number) >= 0) this.resume(ws, conn.client, msg.since as number);
  }

  /** Token bucket on the injected clock. */
  private withinRate(conn: Connection): boolean {
    const now = this.runtime.timers.now();
    conn.tokens = Math.min(LIVE_LIMITS.rateBurst, conn.tokens + ((now - conn.refilledAt) / 1000) * LIVE_LIMITS.ratePerSecond);
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  private resume(ws: WebSocket, client: Client, since: number): void {
    if (client.replaying) {
      // One replay in flight per client; one that keeps asking without reading it is cut off.
      if (ws.bufferedAmount > LIVE_LIMITS.maxBufferedBytes) this.drop(ws, CLOSE.notReading, 'not reading: reconnect and resume');
      return;
    }
    const last = this.runtime.log.lastSeq();
    if (last - since > LIVE_LIMITS.replayLimit) {
      client.lastSent = last;
      return this.send(ws, { type: 'resync', lastSeq: last });
    }
    // A client ahead of the log (a reset data folder) learns it from hello; it gets new events.
    client.lastSent = Math.min(since, last);
    client.replaying = true;
    this.pump(ws, client);
  }

  /** Sends the next chunk of a replay; continues when its last frame reached the OS. */
  private pump(ws: WebSocket, client: Client): void {
    if (ws.readyState !== ws.OPEN || this.clients.get(ws) !== client) return;
    const batch = this.runtime.log.readSince(client.lastSent, LIVE_LIMITS.replayChunk);
    if (batch.length === 0) {
      client.replaying = false;
      return;
    }
    batch.forEach((e, i) => {
      const next = i === batch.length - 1 ? (err?: Error) => !err && this.pump(ws, client) : undefined;
      this.send(ws, { type: 'event', event: this.views.event(e, client.role) }, next);
    });
    client.lastSent = batch.at(-1)!.seq;
  }

  private broadcast(events: StoredEvent[]): void {
    for (const [ws, client] of this.clients) {
      if (client.replaying) continue; // the replay reads these from the log in order
      for (const e of events) {
        if (e.seq <= client.lastSent) continue;
        this.send(ws, { type: 'event', event: this.views.event(e, client.role) });
        client.lastSent = e.seq;
      }
    }
  }

  /** A message for one terminal only (a card read on its own reader: never broadcast). */
  sendToTerminal(terminalId: string, msg: LiveMessage): void {
    for (const [ws, client] of this.clients) if (client.terminalId === terminalId) this.send(ws, msg);
  }

  /** A message for every terminal that is not an event (device health). */
  broadcastMessage(msg: LiveMessage): void {
    for (const ws of this.clients.keys()) this.send(ws, msg);
  }

  private send(ws: WebSocket, msg: LiveMessage, cb?: (err?: Error) => void): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > LIVE_LIMITS.maxBufferedBytes) return this.drop(ws, CLOSE.notReading, 'not reading: reconnect and resume');
    ws.send(JSON.stringify(msg), cb);
  }

  /** Stops sending to a client and closes it; a client that does not read is cut off soon after. */
  private drop(ws: WebSocket, code: number, reason: string): void {
    this.clients.delete(ws);
    if (ws.readyState === ws.OPEN) ws.close(code, reason);
    setTimeout(() => ws.terminate(), 1_000).unref();
  }

  close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}
