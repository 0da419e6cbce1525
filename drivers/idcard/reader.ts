// The ID card reader driver: polls find → select → read over an injected
// ByteTransport and DriverClock, reports cards once per insertion and health
// on every change, and reconnects by itself after an unplug.
//
// Contracts:
// - onCard fires once per insertion. While a card stays on the reader, polls only
//   send find; the card counts as removed after `removalMisses` failed finds.
// - A card that cannot be read fires onReadFailed; transient failures (card moved,
//   SAM-card authentication) are retried `readAttemptsPerCard` times per insertion,
//   deterministic ones (bad check digit, unknown layout) once.
// - Health codes: ok, disconnected, sam_failed, timeout, protocol_error, stopped.
// - One exchange at a time; polls never overlap. Nothing fires after stop() resolves.
// Danger: after a reconnect the driver cannot know whether the card on the
// reader is the one it already reported; it reads and reports it again.
import type { ByteTransport, DeviceError, DeviceHealth, DriverClock } from '../contract.js';
import { systemDriverClock } from '../contract.js';
import { SamStatusError } from './commands.js';
import type { IdCardRecord, IdCardReaderDevice } from './contract.js';
import { SamChannel } from './channel.js';
import { idCardError, IdCardErrorCode, isDeviceError } from './errors.js';
import { Emitter } from '../emitter.js';
import { checkSam, findCard, readSamId, selectAndRead } from './flow.js';
import { deriveStepTimeouts, type StepTimeouts } from './step-timeouts.js';
import { HealthTracker } from './health.js';

export interface IdCardReaderOptions {
  clock?: DriverClock;
  /** Time between polls for a card. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * Link speed, used only to derive the step deadlines (step-timeouts.ts). Default 115200.
   * createSerialIdCardReader passes the port's baud rate here.
   */
  baudRate?: number;
  /** Per-step deadlines; a step given here overrides the derived one (even below the floor). */
  timeouts?: Partial<StepTimeouts>;
  /** Read with 30 10 (text + photo + fingerprint) instead of 30 01. Default false. */
  withFingerprint?: boolean;
  /** Also read the appended address (30 03). Default false. */
  readAppendedAddress?: boolean;
  /** Reopen delays after an unplug: initialMs · factor^n, capped at maxMs. Defaults 500, 2, 10000. */
  reconnect?: { initialMs?: number; maxMs?: number; factor?: number };
  /** Consecutive failed finds that mean the card was removed. Default 1. */
  removalMisses?: number;
  /** Attempts per insertion for transient read failures. Default 3. */
  readAttemptsPerCard?: number;
}

type Failure = 'card' | 'card_final' | 'sam' | 'timeout' | 'disconnected' | 'protocol' | 'stopped';

/** Card-content errors: the same card would fail the same way again. */
const FINAL_CARD_CODES = new Set<string>([
  IdCardErrorCode.invalidIdNumber, IdCardErrorCode.invalidField, IdCardErrorCode.inconsistentCard,
  IdCardErrorCode.unknownCardType, IdCardErrorCode.textBlockTooShort, IdCardErrorCode.readLengthMismatch,
]);

export class IdCardReader implements IdCardReaderDevice {
  private readonly clock: DriverClock;
  private readonly channel: SamChannel;
  private readonly tracker: HealthTracker;
  private readonly cards = new Emitter<IdCardRecord>();
  private readonly failures = new Emitter<DeviceError>();
  private readonly timeouts: StepTimeouts;
  private readonly pollIntervalMs: number;
  private readonly backoff: { initialMs: number; maxMs: number; factor: number };
  private running = false;
  private timer: { cancel(): void } | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private detachClose: (() => void) | null = null;
  private reconnectAttempt = 0;
  private samOk = false;
  private cardHandled = false;
  private misses = 0;
  private failedAttempts = 0;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: IdCardReaderOptions = {},
  ) {
    this.clock = options.clock ?? systemDriverClock;
    this.channel = new SamChannel(transport, this.clock);
    this.tracker = new HealthTracker(this.clock);
    this.timeouts = { ...deriveStepTimeouts(options.baudRate ?? 115200, { withFingerprint: options.withFingerprint ?? false }), ...options.timeouts };
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = { initialMs: 500, maxMs: 10_000, factor: 2, ...options.reconnect };
  }

  /** The per-step deadlines in force (derived from the baud rate, then the `timeouts` option). */
  get stepTimeouts(): Readonly<StepTimeouts> {
    return { ...this.timeouts };
  }

  get health(): DeviceHealth {
    return this.tracker.health;
  }

  onCard(listener: (card: IdCardRecord) => void): () => void {
    return this.cards.add(listener);
  }

  onReadFailed(listener: (error: DeviceError) => void): () => void {
    return this.failures.add(listener);
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    return this.tracker.changes.add(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.channel.attach();
    this.detachClose = this.transport.onClose((reason) => this.handleClose(reason));
    // The first poll runs in the background: its outcome arrives as health.
    void this.runCycle();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    this.channel.dispose(); // fails the exchange in flight and any the current poll still tries
    await this.tail;
    this.detachClose?.();
    this.detachClose = null;
    await this.transport.close().catch(() => undefined);
    this.tracker.set('stopped');
  }

  /** SAM id for the technician's page; queued between polls. Rejects with a DeviceError. */
  readSamId(): Promise<{ text: string; hex: string }> {
    return this.exclusive(async () => {
      if (!this.running || !this.transport.isOpen) throw idCardError(IdCardErrorCode.disconnected, 'reader is not connected');
      return readSamId(this.channel, this.timeouts);
    });
  }

  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(op);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runCycle(): Promise<void> {
    if (!this.running) return;
    const delay = await this.exclusive(() => this.cycle().catch((err: unknown) => this.handleFailure(err)));
    if (!this.running) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.runCycle();
    }, delay);
  }

  /** One poll; returns the delay before the next. */
  private async cycle(): Promise<number> {
    if (!this.running) return this.pollIntervalMs;
    if (!this.transport.isOpen) {
      try {
        await this.transport.open();
      } catch (err) {
        this.tracker.set('disconnected', describe(err));
        return this.nextBackoff();
      }
      this.reconnectAttempt = 0;
      this.channel.resetParser();
      this.samOk = false;
      this.forgetCard();
    }
    if (!this.samOk) {
      await checkSam(this.channel, this.timeouts);
      this.samOk = true;
      this.tracker.set('ok');
    }
    const present = await findCard(this.channel, this.timeouts);
    this.tracker.set('ok');
    if (!present) {
      if (++this.misses >= (this.options.removalMisses ?? 1)) this.forgetCard();
      return this.pollIntervalMs;
    }
    this.misses = 0;
    if (this.cardHandled) return this.pollIntervalMs;
    try {
      const record = await selectAndRead(this.channel, {
        timeouts: this.timeouts,
        withFingerprint: this.options.withFingerprint ?? false,
        readAppendedAddress: this.options.readAppendedAddress ?? false,
      });
      this.cardHandled = true;
      this.cards.emit(record);
    } catch (err) {
      const kind = classify(err);
      if (kind !== 'card' && kind !== 'card_final') throw err;
      this.failedAttempts++;
      if (kind === 'card_final' || this.failedAttempts >= (this.options.readAttemptsPerCard ?? 3)) this.cardHandled = true;
      this.failures.emit(err as DeviceError);
    }
    return this.pollIntervalMs;
  }

  private handleFailure(err: unknown): number {
    switch (classify(err)) {
      case 'sam':
        this.samOk = false;
        this.tracker.set('sam_failed', (err as SamStatusError).status.meaning);
        return this.pollIntervalMs;
      case 'timeout':
        this.tracker.set('timeout');
        return this.pollIntervalMs;
      case 'disconnected':
        this.tracker.set('disconnected', describe(err));
        if (this.transport.isOpen) void this.transport.close().catch(() => undefined);
        return this.nextBackoff();
      case 'stopped':
        return this.pollIntervalMs;
      default:
        if (!isDeviceError(err)) console.error('ID card reader: unexpected failure:', err);
        this.tracker.set('protocol_error', isDeviceError(err) ? err.code : undefined);
        return this.pollIntervalMs;
    }
  }

  private handleClose(reason: Error | null): void {
    if (!this.running) return;
    // The next scheduled poll reopens the port; here we only report and unblock.
    this.tracker.set('disconnected', reason ? describe(reason) : 'port closed');
    this.channel.fail(idCardError(IdCardErrorCode.disconnected, 'port closed', reason));
  }

  private nextBackoff(): number {
    const { initialMs, maxMs, factor } = this.backoff;
    const delay = Math.min(maxMs, initialMs * factor ** this.reconnectAttempt);
    this.reconnectAttempt++;
    return delay;
  }

  private forgetCard(): void {
    this.cardHandled = false;
    this.misses = 0;
    this.failedAttempts = 0;
  }
}

function classify(err: unknown): Failure {
  if (err instanceof SamStatusError) {
    if (err.status.category === 'sam') return 'sam';
    if (err.status.category === 'card' || err.status.category === 'no_card') return err.status.sw3 === 0x40 ? 'card_final' : 'card';
    return 'protocol';
  }
  if (!isDeviceError(err)) return 'protocol';
  if (err.code === IdCardErrorCode.timeout) return 'timeout';
  if (err.code === IdCardErrorCode.disconnected || err.code === 'open_failed') return 'disconnected';
  if (err.code === IdCardErrorCode.stopped) return 'stopped';
  if (FINAL_CARD_CODES.has(err.code)) return 'card_final';
  return 'protocol';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
