// The live event feed over WebSocket: /api/v1/live?token=<terminal token>.
// Contract: each client gets every committed event once, in sequence order.
// A reconnecting client sends {type:'resume', since}; it gets the missed
// events from the outbox, or {type:'resync'} if it missed more than REPLAY_LIMIT.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TerminalRegistry } from '../auth/tokens.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { StoredEvent } from '../store/event-log.js';
import type { LiveMessage, TerminalRole } from './dto.js';
import type { HallViews } from './views.js';

const REPLAY_LIMIT = 500;

export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  /** Clients that have resumed (or chose not to) and are receiving new events. */
  private readonly clients = new Map<WebSocket, { lastSent: number; terminalId: string; role: TerminalRole }>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly runtime: HallRuntime,
    private readonly views: HallViews,
    private readonly terminals: TerminalRegistry,
  ) {
    runtime.onEvents((events) => this.broadcast(events));
    // Dead connections (a display whose cable was pulled) are dropped after two missed pings.
    this.heartbeat = setInterval(() => {
      for (const ws of this.wss.clients) {
        const alive = (ws as WebSocket & { alive?: boolean }).alive;
        if (alive === false) ws.terminate();
        else {
          (ws as WebSocket & { alive?: boolean }).alive = false;
          ws.ping();
        }
      }
    }, 15_000);
    this.heartbeat.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://hall');
    const terminal = this.terminals.authenticate(url.searchParams.get('token'));
    if (url.pathname !== '/api/v1/live' || !terminal) {
      socket.end(`HTTP/1.1 ${terminal ? 404 : 401} ${terminal ? 'Not Found' : 'Unauthorized'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, terminal.id, terminal.role));
  }

  private accept(ws: WebSocket, terminalId: string, role: TerminalRole): void {
    const lastSeq = this.runtime.log.lastSeq();
    (ws as WebSocket & { alive?: boolean }).alive = true;
    ws.on('pong', () => ((ws as WebSocket & { alive?: boolean }).alive = true));
    this.clients.set(ws, { lastSent: lastSeq, terminalId, role });
    this.send(ws, { type: 'hello', lastSeq, serviceDay: this.runtime.state.serviceDay });
    ws.on('message', (data) => {
      let msg: { type?: unknown; since?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return ws.close(1003, 'messages must be JSON');
      }
      if (msg.type === 'resume' && Number.isInteger(msg.since) && (msg.since as number) >= 0) this.resume(ws, msg.since as number);
    });
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
  }

  private resume(ws: WebSocket, since: number): void {
    const client = this.clients.get(ws);
    if (!client) return;
    const last = this.runtime.log.lastSeq();
    if (last - since > REPLAY_LIMIT) {
      client.lastSent = last;
      return this.send(ws, { type: 'resync', lastSeq: last });
    }
    for (const e of this.runtime.log.readSince(since, REPLAY_LIMIT)) this.send(ws, { type: 'event', event: this.views.event(e, client.role) });
    client.lastSent = Math.max(since, last);
  }

  private broadcast(events: StoredEvent[]): void {
    for (const [ws, client] of this.clients) {
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

  private send(ws: WebSocket, msg: LiveMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
