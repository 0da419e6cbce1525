// The uplink worker: pushes the hall's outbox (events table) to the central
// platform in bounded batches and moves the acknowledged cursor.
// Contract:
//  - at start it asks central for the stream's cursor (GET cursor) so a lost
//    answer never makes it re-send from 0; with no stream yet it registers;
//  - a batch is consecutive seqs after the cursor (≤ maxEvents, ≤ maxBytes);
//    its id and range are stored (sync_meta "inflight") before it is sent, so
//    a retry — or a restart after a crash — re-sends the very same batch;
//  - the cursor moves only to central's ackSeq, in a SQLite transaction with
//    the quarantined events; a gap central reports below the cursor moves it back;
//  - failures, in the kernel's taxonomy (protocol/sync/failure.ts): retry
//    (not reached, 408, 429) and unknown (timeout, connection lost, a cut-off
//    or unreadable answer, 5xx) → exponential backoff with full jitter
//    (Retry-After honoured), then the SAME batch again — that re-send is the
//    check, central keeps one answer per batchId and per seq; refused 409
//    sequence_conflict → re-register (new stream) and resume; refused 404
//    unknown_stream (central restored from a backup older than the stream) →
//    re-register as restored_from_backup with the cursor as lastSeq, so
//    central's min(...) base makes the hall re-send what central lost; other
//    refusals and protocol errors → "blocked" with the reason, shown to the
//    manager, tried again at the backoff cap;
//  - every exchange's X-Server-Time measures the clock drift; a central clock
//    within the guard is merged into the hall's HLC, one beyond it is flagged.
// Memory is bounded by one batch whatever the backlog.
// Scheduling is the sync kernel's worker loop (protocol/sync/loop.ts): one
// step at a time, the next one after the delay the step's result asks for.
// Dangers: time comes from the injected Timers (ManualTimers in tests); the
// HTTP timeout is real I/O time. stop() waits for the exchange in progress.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../../store/db.js';
import type { Timers } from '../../runtime/timers.js';
import type { SyncSettings } from '../../config/sync-schema.js';
import type { HttpClient } from '../../../protocol/sync/http-client.js';
import { HlcDriftError, type Hlc } from '../hlc.js';
import { retryDelay } from '../../../protocol/sync/backoff.js';
import { SyncLoop, type RoundOutcome } from '../../../protocol/sync/loop.js';
import { SyncFailure, type ExchangeTiming } from '../../../protocol/sync/failure.js';
import { batchBody, envelopeBytes, type PushAnswer } from '../../../protocol/central/uplink.js';
import { CentralClient, isReRegister } from './central-client.js';
import { SyncStore, type InflightBatch } from './sync-store.js';

export type UplinkState = 'idle' | 'sending' | 'backing_off' | 'blocked' | 'stopped';

export interface UplinkDeps {
  db: Db;
  http: HttpClient;
  timers: Timers;
  settings: SyncSettings & { centralUrl: string };
  /** [0, 1) — injected so tests can pin the jitter. */
  random?: () => number;
  /** The hall's event clock (EventLog.clock): central's time is merged into it. */
  clock?: Hlc;
  /** Reads the hall token; default: the first line of settings.tokenFile. */
  token?: () => string;
  log?: (line: string) => void;
}

/** What one step did (tests drive the worker step by step with runStep()). */
export type StepResult =
  | { kind: 'sent'; fromSeq: number; toSeq: number; ackSeq: number; more: boolean }
  | { kind: 'idle' }
  | { kind: 'registered'; stream: string; ackSeq: number }
  | { kind: 'reconciled'; stream: string; ackSeq: number }
  | { kind: 'retry'; delayMs: number; message: string }
  | { kind: 'blocked'; delayMs: number; message: string };

export interface LastError {
  at: number;
  code: string;
  message: string;
  httpStatus: number | null;
}

export interface ClockReading {
  driftMs: number;
  measuredAt: number;
  flagged: boolean;
}

export interface CatchUp {
  startedAt: number;
  fromAck: number;
}

export class UplinkWorker {
  readonly store: SyncStore;
  private readonly client: CentralClient;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly loop: SyncLoop<StepResult>;
  private reconciled = false;
  private attempt = 0;
  private stateRef: UplinkState = 'stopped';
  /** Status rows (sync_meta) noted during a step, written together in one transaction after it. */
  private readonly notes = new Map<string, object>();

  constructor(private readonly deps: UplinkDeps) {
    this.store = new SyncStore(deps.db);
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? (() => undefined);
    const tokenFile = deps.settings.tokenFile;
    this.client = new CentralClient({
      baseUrl: deps.settings.centralUrl,
      hallId: deps.settings.hallId,
      token: deps.token ?? (() => readToken(tokenFile)),
      http: deps.http,
      now: () => deps.timers.now(),
      timeoutMs: deps.settings.requestTimeoutMs,
    });
    this.loop = new SyncLoop(
      deps.timers,
      async () => {
        try {
          return await this.step();
        } finally {
          this.flushNotes();
        }
      },
      (outcome, poked) => this.afterStep(outcome, poked),
    );
  }

  get state(): UplinkState {
    return this.stateRef;
  }

  /** When the next attempt is due (null when stopped or while a step runs). */
  get nextAttemptAt(): number | null {
    return this.loop.nextAt;
  }

  start(): void {
    if (this.loop.started) return;
    this.reconciled = false;
    this.setState('idle', null);
    this.loop.start(0);
  }

  /** Stops scheduling; resolves once the exchange in progress (if any) has finished. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.setState('stopped', null);
  }

  /** New events were committed: send soon, unless a backoff is running. */
  kick(): void {
    if (this.stateRef === 'backing_off' || this.stateRef === 'blocked') return;
    this.loop.poke();
  }

  /** One step, run now, serialised with the scheduled ones (tests and the bench drive the worker with it). */
  runStep(): Promise<StepResult> {
    return this.loop.runOnce();
  }

  private note(key: string, value: object): void {
    this.notes.set(key, value);
  }

  /** One commit for the step's status rows (each commit is an fsync with synchronous=FULL). */
  private flushNotes(): void {
    if (this.notes.size === 0) return;
    const entries = [...this.notes];
    this.notes.clear();
    try {
      this.deps.db.transaction(() => entries.forEach(([k, v]) => this.store.putMeta(k, v)))();
    } catch (err) {
      // Status only (database closed or busy): the outbox and cursor are not affected.
      this.log(`could not store the uplink status: ${(err as Error).message}`);
    }
  }

  /** The delay before the next step, from this one's result; the state shown to the manager follows it. */
  private afterStep(outcome: RoundOutcome<StepResult>, kicked: boolean): number {
    let result: StepResult;
    if ('error' in outcome) {
      // A bug or a local SQLite failure (disk full, busy): keep the outbox, retry later.
      const message = `uplink step failed: ${outcome.error.message}`;
      this.log(message);
      this.recordError({ code: 'local_error', message, httpStatus: null });
      result = { kind: 'retry', delayMs: this.nextRetryDelay(null), message };
    } else result = outcome.value;
    const now = this.deps.timers.now();
    switch (result.kind) {
      case 'sent':
      case 'registered':
      case 'reconciled':
        this.setState('sending', now);
        return 0;
      case 'idle': {
        const delay = kicked ? 0 : this.deps.settings.idlePollMs;
        this.setState('idle', now + delay);
        return delay;
      }
      case 'retry':
        this.setState('backing_off', now + result.delayMs);
        return result.delayMs;
      case 'blocked':
        this.setState('blocked', now + result.delayMs);
        return result.delayMs;
    }
  }

  private setState(state: UplinkState, nextAttemptAt: number | null): void {
    const changed = state !== this.stateRef;
    this.stateRef = state;
    // Stored when it changes or a wait is scheduled (the status shows the next attempt).
    if (changed || state === 'backing_off' || state === 'blocked') {
      this.note('state', { state, nextAttemptAt, at: this.deps.timers.now() });
      this.flushNotes();
    }
  }

  private async step(): Promise<StepResult> {
    try {
      return await this.stepUnsafe();
    } catch (err) {
      if (err instanceof SyncFailure) return this.failed(err);
      if (err instanceof TokenError) {
        this.recordError({ code: 'no_token', message: err.message, httpStatus: null });
        return { kind: 'blocked', delayMs: this.deps.settings.backoffCapMs, message: err.message };
      }
      throw err;
    }
  }

  private async stepUnsafe(): Promise<StepResult> {
    const now = () => this.deps.timers.now();
    let stream = this.store.currentStream();
    if (!stream) {
      const ex = await this.client.register('first_start', this.store.lastSeq());
      this.exchanged(ex);
      this.store.switchStream(ex.value.stream, ex.value.ackSeq, now());
      this.log(`registered stream ${ex.value.stream} (first start), central holds up to seq ${ex.value.ackSeq}`);
      this.reconciled = true;
      return { kind: 'registered', stream: ex.value.stream, ackSeq: ex.value.ackSeq };
    }
    if (!this.reconciled) {
      const ex = await this.client.cursor(stream);
      this.exchanged(ex);
      this.reconciled = true;
      const outcome = await this.reconcile(stream, ex.value.ackSeq);
      if (outcome) return outcome;
      stream = this.store.currentStream()!;
    }

    const cursor = this.store.cursor(stream);
    const lastSeq = this.store.lastSeq();
    this.trackCatchUp(cursor, lastSeq);
    if (cursor >= lastSeq) {
      // Nothing to send: a heartbeat keeps "connected" and the drift current, and notices a
      // central that lost what it had acknowledged.
      const lastOk = this.store.metaJson<{ at: number }>('last_success')?.at ?? 0;
      if (now() - lastOk < this.deps.settings.idlePollMs) return { kind: 'idle' };
      const ex = await this.client.cursor(stream);
      this.exchanged(ex);
      const outcome = await this.reconcile(stream, ex.value.ackSeq);
      return outcome ?? { kind: 'idle' };
    }

    const batch = this.nextBatch(stream, cursor);
    if (!batch) {
      const message = `the local outbox has no event with seq ${cursor + 1} (events after it exist): the hall database is damaged; restore it or contact support`;
      this.recordError({ code: 'local_gap', message, httpStatus: null });
      return { kind: 'blocked', delayMs: this.deps.settings.backoffCapMs, message };
    }
    const ex = await this.client.pushEvents(batch.body);
    this.exchanged(ex);
    return this.acknowledged(stream, cursor, batch.inflight, ex.value);
  }

  /** The in-flight batch when it is still the next one, else a new one (stored before it is sent). */
  private nextBatch(stream: string, cursor: number): { inflight: InflightBatch; body: string } | null {
    const { maxEvents, maxBytes } = this.deps.settings;
    const pending = this.store.inflight();
    if (pending && pending.stream === stream && pending.fromSeq === cursor + 1 && pending.toSeq > cursor) {
      const again = this.store.readBatch(cursor, maxEvents, maxBytes, envelopeBytes(pending.batchId, stream), { toSeq: pending.toSeq });
      if (again.toSeq === pending.toSeq) return { inflight: pending, body: batchBody(pending.batchId, stream, again.items) };
    }
    const batchId = randomUUID();
    const built = this.store.readBatch(cursor, maxEvents, maxBytes, envelopeBytes(batchId, stream));
    if (built.count === 0) return null;
    const inflight: InflightBatch = { batchId, stream, fromSeq: built.fromSeq, toSeq: built.toSeq };
    this.store.setInflight(inflight);
    return { inflight, body: batchBody(batchId, stream, built.items) };
  }

  private acknowledged(stream: string, cursor: number, batch: InflightBatch, answer: PushAnswer): StepResult {
    const now = this.deps.timers.now();
    // A gap at or below our cursor: central holds less than it once acknowledged (restored). Go back.
    const regress = answer.gapAt != null && answer.gapAt <= cursor;
    const ack = regress ? Math.min(answer.ackSeq, answer.gapAt! - 1) : answer.ackSeq;
    const stored = this.store.acknowledge(stream, ack, answer.quarantined, now, regress);
    this.succeeded();
    for (const q of answer.quarantined) this.log(`central quarantined seq ${q.seq}: ${q.reason}`);
    if (stored <= cursor && !regress) {
      // Central took nothing of the batch and reported no gap below it: do not spin.
      const message = `central acknowledged seq ${answer.ackSeq} for a batch starting at ${batch.fromSeq}${answer.gapAt != null ? ` (gap at ${answer.gapAt})` : ''}; retrying later`;
      this.recordError({ code: 'no_progress', message, httpStatus: null });
      return { kind: 'retry', delayMs: this.nextRetryDelay(null), message };
    }
    const lastSeq = this.store.lastSeq();
    return { kind: 'sent', fromSeq: batch.fromSeq, toSeq: batch.toSeq, ackSeq: stored, more: stored < lastSeq };
  }

  /**
   * Central's cursor against ours. Lower: central lost events, re-send from there. Higher: an
   * answer was lost — or this hall was restored from an old backup. One probe tells them apart:
   * our event at central's ackSeq, re-sent; the same id → we agree up to there; a different one →
   * 409 → re-register. With no event that far, we are behind central: restored, re-register.
   */
  private async reconcile(stream: string, serverAck: number): Promise<StepResult | null> {
    const now = this.deps.timers.now();
    const local = this.store.cursor(stream);
    if (serverAck === local) return null;
    if (serverAck < local) {
      this.log(`central holds stream ${stream} only up to seq ${serverAck} (we had ${local} acknowledged): re-sending from there`);
      this.store.acknowledge(stream, serverAck, [], now, true);
      return { kind: 'reconciled', stream, ackSeq: serverAck };
    }
    if (this.store.lastSeq() < serverAck) return this.reRegister(local, `central holds seq ${serverAck} but this hall's outbox ends at ${this.store.lastSeq()}`);
    const probeId = randomUUID();
    const probe = this.store.readBatch(serverAck - 1, 1, Number.MAX_SAFE_INTEGER, 0);
    if (probe.count !== 1) return this.reRegister(local, `this hall's outbox has no event ${serverAck}`);
    try {
      const ex = await this.client.pushEvents(batchBody(probeId, stream, probe.items));
      this.exchanged(ex);
      if (ex.value.ackSeq >= serverAck) {
        this.store.acknowledge(stream, serverAck, ex.value.quarantined, now);
        this.log(`central already held stream ${stream} up to seq ${serverAck}; continuing from there`);
        return { kind: 'reconciled', stream, ackSeq: serverAck };
      }
      return null;
    } catch (err) {
      if (err instanceof SyncFailure && isReRegister(err.code, err.status) === 'sequence_conflict') return this.reRegister(local, err.message);
      throw err;
    }
  }

  private async reRegister(agreedSeq: number, why: string): Promise<StepResult> {
    const before = this.store.currentStream();
    const ex = await this.client.register('restored_from_backup', agreedSeq);
    this.exchanged(ex);
    // Another worker on this outbox may have switched already: the newest switch wins, both are safe.
    if (this.store.currentStream() !== before) this.log('another worker switched the stream meanwhile');
    this.store.switchStream(ex.value.stream, ex.value.ackSeq, this.deps.timers.now());
    this.store.deleteMeta('catch_up');
    this.log(`re-registered: new stream ${ex.value.stream} from seq ${ex.value.ackSeq} (${why})`);
    this.note('last_reregister', { at: this.deps.timers.now(), reason: why, stream: ex.value.stream, previous: before });
    return { kind: 'registered', stream: ex.value.stream, ackSeq: ex.value.ackSeq };
  }

  private async failed(f: SyncFailure): Promise<StepResult> {
    if (f.timing) this.exchanged(f.timing);
    const again = isReRegister(f.code, f.status);
    if (again === 'sequence_conflict') {
      const stream = this.store.currentStream();
      const agreed = f.seq !== null ? f.seq - 1 : stream ? this.store.cursor(stream) : 0;
      this.recordError({ code: 'sequence_conflict', message: `${f.message}: this hall was restored from an older copy; continuing in a new stream`, httpStatus: 409 });
      try {
        return await this.reRegister(Math.max(0, agreed), f.message);
      } catch (next) {
        if (next instanceof SyncFailure) return this.failed(next);
        throw next;
      }
    }
    if (again === 'unknown_stream') {
      // Central was restored from a backup older than our stream: it lost the stream and
      // everything in it. Register again with our cursor as lastSeq; central's base is
      // min(lastSeq, what it still holds), so we re-send from what it really has.
      const stream = this.store.currentStream();
      const cursor = stream ? this.store.cursor(stream) : 0;
      this.recordError({ code: 'unknown_stream', message: `${f.message}: central was restored from an older backup; registering again`, httpStatus: 404 });
      try {
        return await this.reRegister(cursor, f.message);
      } catch (next) {
        if (next instanceof SyncFailure && isReRegister(next.code, next.status) !== 'unknown_stream') return this.failed(next);
        throw next;
      }
    }
    this.recordError({ code: f.code, message: f.message, httpStatus: f.status });
    if (f.kind === 'refused' || f.kind === 'protocol') {
      this.log(`uplink blocked: ${f.message}`);
      return { kind: 'blocked', delayMs: this.deps.settings.backoffCapMs, message: f.message };
    }
    // retry or unknown: the same batch again after the backoff (central answers a replay as before).
    const delayMs = this.nextRetryDelay(f.retryAfterMs);
    this.log(`uplink retry in ${delayMs} ms: ${f.message}`);
    return { kind: 'retry', delayMs, message: f.message };
  }

  private nextRetryDelay(retryAfterMs: number | null): number {
    const delay = retryDelay(this.attempt, { baseMs: this.deps.settings.backoffBaseMs, capMs: this.deps.settings.backoffCapMs }, this.random, retryAfterMs);
    this.attempt += 1;
    return delay;
  }

  private succeeded(): void {
    this.attempt = 0;
    this.note('last_success', { at: this.deps.timers.now() });
  }

  private recordError(e: Omit<LastError, 'at'>): void {
    this.note('last_error', { ...e, at: this.deps.timers.now() } satisfies LastError);
  }

  /** Every answer from central: reachable, and a clock reading. */
  private exchanged(t: ExchangeTiming & { value?: unknown }): void {
    const now = this.deps.timers.now();
    if (t.value !== undefined) this.succeeded();
    if (t.serverTime === null) return;
    const localMid = (t.sentAt + t.receivedAt) / 2;
    const driftMs = Math.round(t.serverTime - localMid);
    let flagged = Math.abs(driftMs) > this.deps.settings.maxDriftMs;
    if (this.deps.clock && !flagged) {
      try {
        this.deps.clock.receive(t.serverTime, now);
      } catch (err) {
        if (!(err instanceof HlcDriftError)) throw err;
        flagged = true;
      }
    }
    this.note('clock', { driftMs, measuredAt: now, flagged } satisfies ClockReading);
  }

  /** A backlog above the threshold starts a catch-up (progress bar); an empty one ends it. */
  private trackCatchUp(cursor: number, lastSeq: number): void {
    const current = this.store.metaJson<CatchUp>('catch_up');
    if (cursor >= lastSeq) {
      if (current) this.store.deleteMeta('catch_up');
    } else if (!current && lastSeq - cursor > this.deps.settings.catchUpThreshold) {
      this.store.putMeta('catch_up', { startedAt: this.deps.timers.now(), fromAck: cursor } satisfies CatchUp);
    }
  }
}

class TokenError extends Error {
  override name = 'TokenError';
}

/** The hall token: first non-empty line of the token file. */
export function readToken(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new TokenError(`no hall token: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); put the token from \`central add-hall\` there`);
  }
  const token = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
  if (!token) throw new TokenError(`no hall token: ${file} is empty; put the token from \`central add-hall\` there`);
  return token;
}
