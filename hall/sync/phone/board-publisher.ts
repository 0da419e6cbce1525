// Pushes the hall's public board to central (docs/phone.md "Board"): after committed events
// (kick(), at most pushDebounceMs later — a call reaches central well within the 5 s a phone
// promises) and as a heartbeat every heartbeatSeconds so central can say how fresh it is.
// Contract:
//   - The first push after start, after any failure and after a 409 need_full is a full board;
//     otherwise a delta with the tickets whose public content changed since what central holds
//     (plus the header and queues, which are small). version = the hall's last event seq.
//   - A push is bounded: a board larger than maxPushBytes (or MAX_BOARD_TICKETS) is sent as a full
//     part then deltas on its version, each under the bound.
//   - Network trouble never reaches the hall: the round fails, is logged once per outage, and is
//     retried with the sync kernel's backoff (kicks do not shorten a backoff, so a hall with a
//     dead central does not knock every 300 ms); the hall serves on meanwhile.
//   - stop() cancels the schedule and waits for the push in flight.
// Dangers: what central holds is known only from answers: after an unknown outcome (timeout) the
// next push is a full board, never a delta built on a guess.
import { MAX_BOARD_TICKETS, type BoardPush, type BoardTicket } from '../../../protocol/central/phone.js';
import { retryDelay } from '../../../protocol/sync/backoff.js';
import type { Timers } from '../../runtime/timers.js';
import { buildBoard, type BoardContent, type BoardSource } from './board.js';
import type { PhoneCentralClient } from './central-client.js';

export interface BoardPublisherSettings {
  debounceMs: number;
  heartbeatMs: number;
  maxPushBytes: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export interface BoardPublisherStatus {
  /** The version central acknowledged last; null before the first answer. */
  version: number | null;
  lastOkAt: number | null;
  consecutiveFailures: number;
  lastError: string | null;
  fullPushes: number;
  deltaPushes: number;
}

/** What central holds, as its answers said. */
interface Held {
  version: number;
  serviceDay: string;
  /** Ticket id → the JSON central holds for it. */
  sent: Map<string, string>;
}

export class BoardPublisher {
  private held: Held | null = null;
  private timer: { cancel(): void } | null = null;
  private dueAt: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly st: BoardPublisherStatus = { version: null, lastOkAt: null, consecutiveFailures: 0, lastError: null, fullPushes: 0, deltaPushes: 0 };

  constructor(
    private readonly deps: {
      source: BoardSource;
      client: PhoneCentralClient;
      timers: Timers;
      settings: BoardPublisherSettings;
      log: (line: string) => void;
      random?: () => number;
    },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Committed events: push within debounceMs (unless a backoff is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (this.st.consecutiveFailures === 0) this.schedule(this.deps.settings.debounceMs);
  }

  status(): BoardPublisherStatus {
    return { ...this.st };
  }

  /** Runs a round now (tests, bench); serialised with the scheduled ones. */
  async pushNow(): Promise<void> {
    while (this.running) await this.running;
    await this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.dueAt = null;
    while (this.running) await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = this.deps.timers.now() + Math.max(0, delayMs);
    if (this.timer && this.dueAt !== null && this.dueAt <= at) return;
    this.timer?.cancel();
    this.dueAt = at;
    this.timer = this.deps.timers.at(at, () => {
      this.timer = null;
      this.dueAt = null;
      void this.run();
    });
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.again = false;
    this.running = this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const { settings, log } = this.deps;
    try {
      await this.publish();
      if (this.st.consecutiveFailures > 0) log(`phone board: central reached again after ${this.st.consecutiveFailures} failed pushes; full board sent`);
      this.st.consecutiveFailures = 0;
      this.st.lastError = null;
      this.st.lastOkAt = this.deps.timers.now();
      this.timer?.cancel();
      this.timer = null;
      this.dueAt = null;
      this.schedule(this.again ? settings.debounceMs : settings.heartbeatMs);
    } catch (err) {
      // Whatever central holds now is unknown: the next push is a full board.
      this.held = null;
      const message = (err as Error).message;
      if (this.st.consecutiveFailures === 0) log(`phone board: push failed, the hall serves on and retries: ${message}`);
      this.st.lastError = message;
      const retryAfter = (err as { retryAfterMs?: number | null }).retryAfterMs ?? null;
      const delay = retryDelay(this.st.consecutiveFailures++, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs }, this.deps.random ?? Math.random, retryAfter);
      this.timer?.cancel();
      this.timer = null;
      this.dueAt = null;
      this.schedule(delay);
    }
  }

  private async publish(): Promise<void> {
    const content = buildBoard(this.deps.source);
    const version = this.deps.source.runtime.log.lastSeq();
    for (let attempt = 0; attempt < 2; attempt++) {
      let needFull = false;
      for (const push of this.plan(content, version, this.deps.timers.now())) {
        const answer = await this.deps.client.pushBoard(push);
        if (answer.kind === 'need_full') {
          needFull = true;
          break;
        }
        this.remember(push);
      }
      if (!needFull) return;
      this.held = null;
    }
    throw new Error('central asked for a full board twice in a row');
  }

  private remember(push: BoardPush): void {
    if (push.mode === 'full') {
      this.held = { version: push.version, serviceDay: push.serviceDay, sent: new Map() };
      this.st.fullPushes++;
    } else {
      this.held!.version = push.version;
      this.st.deltaPushes++;
    }
    for (const t of push.tickets) this.held!.sent.set(t.ticketId, JSON.stringify(t));
    this.st.version = push.version;
  }

  /** The pushes that bring central from what it holds to `content`, each within the bounds. */
  private plan(content: BoardContent, version: number, generatedAt: number): BoardPush[] {
    const held = this.held && this.held.serviceDay === content.serviceDay ? this.held : null;
    const changed = held ? content.tickets.filter((t) => held.sent.get(t.ticketId) !== JSON.stringify(t)) : content.tickets;
    const base = { version, generatedAt, serviceDay: content.serviceDay, hall: content.hall, queues: content.queues };
    const headerBytes = Buffer.byteLength(JSON.stringify(base)) + 200;
    const chunks = chunk(changed, Math.max(1024, this.deps.settings.maxPushBytes - headerBytes));
    return chunks.map((tickets, i): BoardPush => {
      if (i === 0 && !held) return { mode: 'full', ...base, tickets };
      return { mode: 'delta', baseVersion: i === 0 ? held!.version : version, ...base, tickets };
    });
  }
}

/** Splits tickets into runs of at most `maxBytes` of JSON and MAX_BOARD_TICKETS each; at least one run. */
function chunk(tickets: BoardTicket[], maxBytes: number): BoardTicket[][] {
  const out: BoardTicket[][] = [[]];
  let bytes = 0;
  for (const t of tickets) {
    const size = Buffer.byteLength(JSON.stringify(t)) + 1;
    const last = out[out.length - 1]!;
    if (last.length > 0 && (bytes + size > maxBytes || last.length >= MAX_BOARD_TICKETS)) {
      out.push([t]);
      bytes = size;
    } else {
      last.push(t);
      bytes += size;
    }
  }
  return out;
}
