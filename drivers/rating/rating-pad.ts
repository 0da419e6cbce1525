// The rating pad driver: one class for every pad, driven by its profile over
// an injected transport and clock.
// Rules it enforces (好差评, 一次一评):
// - a press counts only while a request is open, and only the first one:
//   the request closes on it, so a second press (or bounce) is never a second rating;
// - a timeout is reported as a timeout, never as a level;
// - each request that startRating opened ends exactly once: rating, timeout or cancelled;
// - garbage and unknown keys become onError events, never ratings, never exceptions.
// Danger: the hall must fall back to the on-screen rating when startRating
// rejects with 'disconnected'; the pad then shows nothing.
import { DeviceError, systemDriverClock, type ByteTransport, type DeviceHealth, type DriverClock } from '../contract.js';
import type {
  KeyPressEvent,
  RatingCancelledEvent,
  RatingCancelReason,
  RatingEvent,
  RatingLevel,
  RatingPadDriver,
  RatingTimeoutEvent,
  StartRatingRequest,
} from './contract.js';
import { Emitter } from '../emitter.js';
import { LinkSupervisor } from './link-supervisor.js';
import { createPadCodec, type PadCodec, type PadInput } from './pad-codec.js';
import type { RatingProfile } from './profile.js';
import type { TemplateValues } from './template.js';

export interface RatingPadOptions {
  profile: RatingProfile;
  transport: ByteTransport;
  clock?: DriverClock;
}

interface Session {
  ratingId: string;
  values: TemplateValues;
  timeoutMs: number;
  /** False while the start command is being written: a press then is not a reply to it. */
  armed: boolean;
  timer: { cancel(): void } | null;
}

const MAX_TIMEOUT_MS = 24 * 3600 * 1000;

export class RatingPad implements RatingPadDriver {
  readonly profile: RatingProfile;
  private readonly transport: ByteTransport;
  private readonly clock: DriverClock;
  private readonly codec: PadCodec;
  private readonly link: LinkSupervisor;
  private session: Session | null = null;
  private lastKeyAt = Number.NEGATIVE_INFINITY;
  private ackTimer: { cancel(): void } | null = null;
  private flushTimer: { cancel(): void } | null = null;
  private ackMissingSince: number | null = null;
  private reported: DeviceHealth;
  private readonly ratings = new Emitter<RatingEvent>();
  private readonly timeouts = new Emitter<RatingTimeoutEvent>();
  private readonly cancels = new Emitter<RatingCancelledEvent>();
  private readonly keyPresses = new Emitter<KeyPressEvent>();
  private readonly healths = new Emitter<DeviceHealth>();
  private readonly errors = new Emitter<DeviceError>();

  constructor(options: RatingPadOptions) {
    this.profile = options.profile;
    this.transport = options.transport;
    this.clock = options.clock ?? systemDriverClock;
    this.codec = createPadCodec(this.profile);
    this.link = new LinkSupervisor(this.transport, this.clock, this.profile.reconnect);
    this.reported = this.link.health;
    this.transport.onData((chunk) => this.handleChunk(chunk));
    this.link.onHealth(() => this.publishHealth());
    this.link.onOpened(() => this.resumeAfterReconnect());
  }

  get health(): DeviceHealth {
    return this.reported;
  }

  get activeRatingId(): string | null {
    return this.session?.ratingId ?? null;
  }

  open(): Promise<void> {
    return this.link.start();
  }

  async close(): Promise<void> {
    if (this.session) this.end(this.session, { kind: 'cancelled', reason: 'closed' });
    this.clearAckWait();
    this.flushTimer?.cancel();
    this.flushTimer = null;
    await this.link.stop();
  }

  async startRating(request: StartRatingRequest): Promise<void> {
    const { values, timeoutMs } = this.validate(request);
    const bytes = this.codec.encodeStart(values);
    if (!this.link.isOpen) throw new DeviceError('disconnected', `rating pad ${this.transport.description} is not connected`);
    const session: Session = { ratingId: request.ratingId, values, timeoutMs, armed: false, timer: null };
    if (this.session) this.end(this.session, { kind: 'cancelled', reason: 'superseded' });
    this.session = session;
    try {
      if (bytes) await this.transport.write(bytes);
    } catch (err) {
      if (this.session !== session) return; // already ended (and reported) while writing
      this.session = null;
      throw asDeviceError(err);
    }
    if (this.session !== session) return;
    session.armed = true;
    session.timer = this.clock.setTimeout(() => this.expire(session), timeoutMs);
    if (bytes) this.awaitAck();
  }

  async cancel(ratingId?: string): Promise<void> {
    const session = this.session;
    if (!session || (ratingId !== undefined && session.ratingId !== ratingId)) return;
    this.end(session, { kind: 'cancelled', reason: 'host' });
    await this.sendCancel();
  }

  async prompt(name: string): Promise<void> {
    if (!this.profile.commands.prompts.has(name)) throw new DeviceError('not_supported', `profile ${this.profile.id} has no prompt "${name}"`);
    const bytes = this.codec.encodePrompt(name)!;
    if (!this.link.isOpen) throw new DeviceError('disconnected', `rating pad ${this.transport.description} is not connected`);
    await this.transport.write(bytes).catch((err: unknown) => {
      throw asDeviceError(err);
    });
  }

  onRating(listener: (event: RatingEvent) => void): () => void {
    return this.ratings.add(listener);
  }

  onTimeout(listener: (event: RatingTimeoutEvent) => void): () => void {
    return this.timeouts.add(listener);
  }

  onCancelled(listener: (event: RatingCancelledEvent) => void): () => void {
    return this.cancels.add(listener);
  }

  onKeyPress(listener: (event: KeyPressEvent) => void): () => void {
    return this.keyPresses.add(listener);
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    return this.healths.add(listener);
  }

  onError(listener: (error: DeviceError) => void): () => void {
    return this.errors.add(listener);
  }

  private validate(r: StartRatingRequest): { values: TemplateValues; timeoutMs: number } {
    const bad = (why: string): never => {
      throw new DeviceError('invalid_request', `startRating: ${why}`);
    };
    if (typeof r.ratingId !== 'string' || r.ratingId.length === 0 || r.ratingId.length > 128) bad('ratingId must be 1–128 characters');
    if (!Number.isInteger(r.counterNumber) || r.counterNumber < 1 || r.counterNumber > 0xffff) bad(`counterNumber ${r.counterNumber} is not 1–65535`);
    if (typeof r.staffName !== 'string') bad('staffName must be a string');
    if (typeof r.ticketNumber !== 'string') bad('ticketNumber must be a string');
    const timeoutMs = r.timeoutMs ?? this.profile.timeoutMs;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) bad(`timeoutMs ${timeoutMs} is not 1 ms – 24 h`);
    return { values: { counterNumber: r.counterNumber, staffName: r.staffName, ticketNumber: r.ticketNumber }, timeoutMs };
  }

  private handleChunk(chunk: Uint8Array): void {
    this.process(() => this.codec.decode(chunk, this.clock.now()));
    this.flushTimer?.cancel();
    this.flushTimer = null;
    const after = this.codec.flushAfterMs;
    if (after !== null && this.codec.hasPending()) {
      this.flushTimer = this.clock.setTimeout(() => {
        this.flushTimer = null;
        this.process(() => this.codec.flush(this.clock.now()));
      }, after);
    }
  }

  private process(decode: () => PadInput[]): void {
    let inputs: PadInput[];
    try {
      inputs = decode();
    } catch (err) {
      inputs = [{ kind: 'error', error: new DeviceError('decode_failed', `decoder failed: ${(err as Error).message}`, err) }];
    }
    for (const input of inputs) {
      if (input.kind === 'error') this.errors.emit(input.error);
      else if (input.kind === 'ack') this.ackReceived();
      else this.handleKey(input.level);
    }
  }

  private handleKey(level: RatingLevel): void {
    const at = this.clock.now();
    const bounce = at - this.lastKeyAt < this.profile.debounceMs;
    this.lastKeyAt = at;
    const session = this.session;
    if (bounce || !session || !session.armed) {
      this.keyPresses.emit({ level, outcome: bounce ? 'bounce' : 'no_rating', at });
      return;
    }
    this.keyPresses.emit({ level, outcome: 'accepted', at });
    this.end(session, { kind: 'rated', level });
    const ack = this.codec.encodeKeyAck();
    if (ack) this.transport.write(ack).catch((err: unknown) => this.errors.emit(asDeviceError(err)));
  }

  private expire(session: Session): void {
    if (this.session !== session) return;
    this.end(session, { kind: 'timeout' });
    void this.sendCancel();
  }

  /** Closes the request and emits its one outcome. */
  private end(session: Session, outcome: { kind: 'rated'; level: RatingLevel } | { kind: 'timeout' } | { kind: 'cancelled'; reason: RatingCancelReason }): void {
    if (this.session === session) this.session = null;
    session.timer?.cancel();
    session.timer = null;
    const at = this.clock.now();
    const { ratingId } = session;
    if (outcome.kind === 'rated') this.ratings.emit({ ratingId, level: outcome.level, at });
    else if (outcome.kind === 'timeout') this.timeouts.emit({ ratingId, at });
    else this.cancels.emit({ ratingId, reason: outcome.reason, at });
  }

  /** Best effort: a pad that misses the cancel shows its prompt until its own timeout. */
  private async sendCancel(): Promise<void> {
    const bytes = this.codec.encodeCancel();
    if (!bytes || !this.link.isOpen) return;
    try {
      await this.transport.write(bytes);
      this.awaitAck();
    } catch (err) {
      this.errors.emit(asDeviceError(err));
    }
  }

  private resumeAfterReconnect(): void {
    this.codec.reset();
    const session = this.session;
    if (!session?.armed) return;
    // The pad may have lost power: show the open request again so the visitor can still rate.
    const bytes = this.codec.encodeStart(session.values);
    if (bytes) this.transport.write(bytes).then(() => this.awaitAck(), (err: unknown) => this.errors.emit(asDeviceError(err)));
  }

  private awaitAck(): void {
    if (!this.profile.ack.fromPad) return;
    this.ackTimer?.cancel();
    this.ackTimer = this.clock.setTimeout(() => {
      this.ackTimer = null;
      this.ackMissingSince ??= this.clock.now();
      this.publishHealth();
    }, this.profile.ack.timeoutMs);
  }

  private ackReceived(): void {
    this.clearAckWait();
    this.publishHealth();
  }

  private clearAckWait(): void {
    this.ackTimer?.cancel();
    this.ackTimer = null;
    this.ackMissingSince = null;
  }

  private publishHealth(): void {
    const link = this.link.health;
    const next: DeviceHealth =
      link.state === 'ok' && this.ackMissingSince !== null
        ? { state: 'warning', code: 'no_ack', message: `rating pad ${this.transport.description} did not acknowledge the last command`, since: this.ackMissingSince }
        : link;
    if (next.state === this.reported.state && next.code === this.reported.code) return;
    this.reported = next;
    this.healths.emit(next);
  }
}

function asDeviceError(err: unknown): DeviceError {
  return err instanceof DeviceError ? err : new DeviceError('disconnected', `write failed: ${(err as Error)?.message ?? String(err)}`, err);
}
