// Live events over the WebSocket /api/v1/live (docs/api.md "Live events").
// Contract: keeps one socket open for the page's whole life, reconnecting with backoff
// forever (the hall service restarts; the page must recover by itself). On every open it
// first sends {type:'auth', token} (the token never goes in the URL: URLs reach logs; the
// hall closes a socket that does not authenticate within 5 s), then
// {type:'resume', since:lastSeq} once it has seen a sequence; events are delivered
// once each, in order (replays at or below lastSeq are dropped). A `resync` (too much
// missed, or the hall's sequence went backwards after a reset) tells the page to refetch.
import type { CardReadDTO, DeviceDTO, HallEventDTO, HelpRequestDTO, LiveMessage, LiveRequest, PrintOutcomeDTO } from '../../../hall/api/dto';

export type LiveStatus = 'connecting' | 'open' | 'offline';

export type LiveNotice =
  | { kind: 'event'; event: HallEventDTO }
  /** Refetch the views: after a resync, and after every (re)connect since views may be stale. */
  | { kind: 'resync' };

/**
 * Messages that are not hall events (no sequence, never replayed): a card read or a read
 * failure on this kiosk's own reader, and the device list whenever a device's health changes.
 */
export type LiveSignal =
  | { type: 'card_read'; card: CardReadDTO }
  | { type: 'card_error'; code: string; message: string }
  | { type: 'devices'; devices: DeviceDTO[] }
  /** How this kiosk's print of a ticket went (the ticket screen shows the number before it is known). */
  | { type: 'print_outcome'; ticketId: string; print: PrintOutcomeDTO }
  /** A 呼叫工作人员 request opened or acknowledged (every terminal gets it). */
  | { type: 'help'; request: HelpRequestDTO };

export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface LiveOptions {
  url: string;
  /** The terminal token, sent as the first message of every connection. */
  token: string;
  createSocket?: (url: string) => SocketLike;
  /** Delays before reconnect attempts; the last one repeats forever. */
  backoffMs?: number[];
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

export class LiveConnection {
  private socket: SocketLike | null = null;
  private state: LiveStatus = 'connecting';
  private seq: number | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private stopped = true;
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private readonly noticeListeners = new Set<(n: LiveNotice) => void>();
  private readonly signalListeners = new Set<(s: LiveSignal) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly backoffMs: number[];
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: LiveOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.backoffMs = options.backoffMs ?? [500, 1_000, 2_000, 4_000, 8_000];
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get status(): LiveStatus {
    return this.state;
  }

  get lastSeq(): number | null {
    return this.seq;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.close();
    }
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onNotice(listener: (n: LiveNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Card reads, card errors and device lists (see LiveSignal). */
  onSignal(listener: (s: LiveSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  private signal(s: LiveSignal): void {
    this.signalListeners.forEach((l) => l(s));
  }

  private setStatus(next: LiveStatus): void {
    if (next === this.state) return;
    this.state = next;
    this.statusListeners.forEach((l) => l(next));
  }

  private notify(notice: LiveNotice): void {
    this.noticeListeners.forEach((l) => l(notice));
  }

  private connect(): void {
    if (this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const auth: LiveRequest = { type: 'auth', token: this.options.token };
      socket.send(JSON.stringify(auth));
      if (this.seq !== null) {
        const resume: LiveRequest = { type: 'resume', since: this.seq };
        socket.send(JSON.stringify(resume));
      }
    };
    socket.onmessage = (ev) => this.handleMessage(ev.data);
    socket.onerror = () => {
      // onclose follows and schedules the reconnect
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setStatus('offline');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer !== null) return;
    const base = this.backoffMs[Math.min(this.attempt, this.backoffMs.length - 1)] ?? 5_000;
    this.attempt++;
    const jittered = Math.round(base * (0.8 + 0.4 * this.random()));
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.connect();
    }, jittered);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: LiveMessage;
    try {
      msg = JSON.parse(data) as LiveMessage;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'hello':
        this.attempt = 0;
        // The hall's sequence went backwards: a new data folder. Start over from its position.
        if (this.seq === null || msg.lastSeq < this.seq) this.seq = msg.lastSeq;
        this.setStatus('open');
        this.notify({ kind: 'resync' });
        break;
      case 'event':
        if (!msg.event || typeof msg.event.seq !== 'number') return;
        if (this.seq !== null && msg.event.seq <= this.seq) return;
        this.seq = msg.event.seq;
        this.notify({ kind: 'event', event: msg.event });
        break;
      case 'resync':
        if (typeof msg.lastSeq === 'number') this.seq = msg.lastSeq;
        this.notify({ kind: 'resync' });
        break;
      case 'card_read':
        if (msg.card && typeof msg.card === 'object') this.signal({ type: 'card_read', card: msg.card });
        break;
      case 'card_error':
        this.signal({ type: 'card_error', code: typeof msg.code === 'string' ? msg.code : 'unknown', message: typeof msg.message === 'string' ? msg.message : '' });
        break;
      case 'devices':
        if (Array.isArray(msg.devices)) this.signal({ type: 'devices', devices: msg.devices });
        break;
      case 'help':
        if (msg.request && typeof msg.request.id === 'string') this.signal({ type: 'help', request: msg.request });
        break;
      case 'print_outcome':
        if (typeof msg.ticketId === 'string' && msg.print && typeof msg.print.status === 'string') this.signal({ type: 'print_outcome', ticketId: msg.ticketId, print: msg.print });
        break;
      default:
        break;
    }
  }

  /** True while the socket is open, for tests and diagnostics. */
  get isOpen(): boolean {
    return this.socket?.readyState === OPEN && this.state === 'open';
  }
}

/** ws:// or wss:// URL of the live endpoint on this page's origin (no token: see LiveOptions.token). */
export function liveUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/live`;
}
