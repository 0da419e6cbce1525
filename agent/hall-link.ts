// The agent's WebSocket to the hall (protocol/agent.ts), kept open for as long
// as the agent runs: reconnects with capped exponential backoff and full
// jitter, detects a dead link by ping/pong, and re-sends every input the hall
// has not acknowledged yet (with its age recomputed) after each reconnect.
// Contract: never throws to its caller; while the hall is away the agent keeps
// its devices open and waits. Inputs are bounded: at most MAX_PENDING wait,
// and none older than MAX_PENDING_AGE_MS (the hall would drop them anyway).
import WebSocket from 'ws';
import { pinnedWebSocketOptions, type PinnedTlsOptions } from '../protocol/tls-pin.js';
import { AGENT_MAX_FRAME_BYTES, AGENT_PATH, hallToAgentSchema, parseFrame, type AgentInput, type AgentToHall, type HallToAgent } from '../protocol/agent.js';
import { logger } from '../drivers/log/logger.js';

const log = logger('hall-link');

const MAX_PENDING = 500;
const MAX_PENDING_AGE_MS = 10 * 60_000;

export interface HallLinkOptions {
  /** The hall's origin, e.g. "http://192.168.1.10:8080" or "https://hall.local:8443". */
  hallUrl: string;
  token: string;
  /** For an https hall: trust exactly the certificate pinned at enrolment (protocol/tls-pin.ts). */
  tls?: PinnedTlsOptions;
  onMessage(message: HallToAgent): void;
  /** Each time the link is (re)established, before pending inputs are re-sent. */
  onOpen?(): void;
  onState?(state: HallLinkState): void;
  log?: (line: string) => void;
  /** Backoff bounds (ms). Defaults 250 / 10 000. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Ping period (ms); the link is dropped after two unanswered pings. Default 10 000. */
  pingMs?: number;
  monotonicNow?: () => number;
}

export type HallLinkState = { connected: true; since: number } | { connected: false; since: number; reason: string };

export class HallLink {
  private ws: WebSocket | null = null;
  private stopped = true;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, { deviceId: string; input: AgentInput; readAt: number }>();
  private state: HallLinkState = { connected: false, since: Date.now(), reason: 'not started' };
  /** The hall's latest clock frame and our monotonic time when it arrived. */
  private hallClock: { hallNow: number; at: number } | null = null;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: HallLinkOptions) {
    this.now = options.monotonicNow ?? (() => performance.now());
    this.log = options.log ?? ((line) => log.info(line));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  status(): HallLinkState {
    return this.state;
  }

  /** Sends now if connected; false when not (the caller decides whether that matters). */
  send(message: AgentToHall): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  /** An input the hall must apply once: kept until acknowledged, re-sent after reconnects. */
  sendInput(id: string, deviceId: string, input: AgentInput, readAt = this.now()): void {
    this.prune();
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
      this.log(`device agent: dropped an unacknowledged ${input.kind} input (more than ${MAX_PENDING} waiting)`);
    }
    this.pending.set(id, { deviceId, input, readAt });
    this.sendPending(id);
  }

  acknowledge(ids: readonly string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pinger) clearInterval(this.pinger);
    const ws = this.ws;
    this.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1001, 'agent stopping');
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000).unref();
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const url = new URL(AGENT_PATH, this.options.hallUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const base = { headers: { Authorization: `Bearer ${this.options.token}` }, maxPayload: AGENT_MAX_FRAME_BYTES, handshakeTimeout: 10_000 };
    const ws = new WebSocket(url, this.options.tls ? pinnedWebSocketOptions(this.options.tls, base) : base);
    this.ws = ws;
    let alive = true;
    ws.on('open', () => {
      this.attempt = 0;
      this.setState({ connected: true, since: Date.now() });
      this.pinger = setInterval(() => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, this.options.pingMs ?? 10_000);
      this.options.onOpen?.();
      for (const id of this.pending.keys()) this.sendPending(id);
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data) => {
      alive = true;
      const parsed = parseFrame(hallToAgentSchema, data);
      if (!parsed.ok) return this.log(`device agent: ignored a malformed message from the hall: ${parsed.error}`);
      if (parsed.value.type === 'ack') this.acknowledge(parsed.value.ids);
      if (parsed.value.type === 'clock') this.hallClock = { hallNow: parsed.value.hallNow, at: this.now() };
      try {
        this.options.onMessage(parsed.value);
      } catch (err) {
        this.log(`device agent: handling ${parsed.value.type} failed: ${(err as Error).message}`);
      }
    });
    ws.on('unexpected-response', (_req, res) => {
      const reason = res.statusCode === 401 ? 'the hall refused this terminal token (401): enrol the terminal again' : `the hall answered ${res.statusCode}`;
      this.setState({ connected: false, since: Date.now(), reason });
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (this.state.connected || this.attempt === 0) this.log(`device agent: link to ${this.options.hallUrl}: ${err.message}`);
    });
    ws.on('close', (code, reason) => {
      if (this.pinger) clearInterval(this.pinger);
      this.pinger = null;
      if (this.ws === ws) this.ws = null;
      if (this.state.connected) this.setState({ connected: false, since: Date.now(), reason: `closed (${code}${reason.length ? ` ${reason.toString()}` : ''})` });
      else if (!('reason' in this.state) || this.state.reason === 'not started') this.setState({ connected: false, since: Date.now(), reason: 'the hall cannot be reached' });
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const initial = this.options.backoffInitialMs ?? 250;
    const cap = Math.min(this.options.backoffMaxMs ?? 10_000, initial * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    const delay = Math.max(initial / 2, Math.random() * cap);
    this.timer = setTimeout(() => this.connect(), delay);
    this.timer.unref?.();
  }

  private sendPending(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    const readAtHall = this.hallTime(p.readAt);
    this.send({ type: 'input', id, deviceId: p.deviceId, ageMs: Math.max(0, Math.round(this.now() - p.readAt)), ...(readAtHall !== null && { readAtHall }), input: p.input });
  }

  /**
   * A moment of ours (monotonic) in the hall's clock: the hall's last clock frame plus our time since
   * it arrived. It errs early by the clock frame's transit, so ages come out a little high — never low.
   */
  hallTime(at = this.now()): number | null {
    return this.hallClock ? Math.round(this.hallClock.hallNow + (at - this.hallClock.at)) : null;
  }

  private prune(): void {
    const cutoff = this.now() - MAX_PENDING_AGE_MS;
    for (const [id, p] of this.pending) if (p.readAt < cutoff) this.pending.delete(id);
  }

  private setState(state: HallLinkState): void {
    const changed = state.connected !== this.state.connected || (!state.connected && !this.state.connected && state.reason !== this.state.reason);
    this.state = state;
    if (changed) this.options.onState?.(state);
  }
}
