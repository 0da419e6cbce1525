// Keeps a device link open: opens the transport, watches it close (unplug,
// cable pulled, pad powered off) and reopens it with exponential backoff.
// Used by the rating pad and the caller keypad drivers.
// Contract: health changes are reported once per change of (state, code);
// retries run on the injected clock and never overlap; after stop() nothing is
// retried and a late open is closed again. A transport is reopened, never
// replaced, so its listeners stay attached.
import type { ByteTransport, DeviceHealth, DriverClock } from '../contract.js';
import { DeviceError } from '../contract.js';

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

const PASS_THROUGH_CODES = new Set(['not_found', 'permission_denied', 'unavailable', 'grab_failed', 'disconnected', 'open_failed']);

export class LinkSupervisor {
  private current: DeviceHealth;
  private stopped = true;
  private retry: { cancel(): void } | null = null;
  private delayMs: number;
  private readonly healthListeners = new Set<(h: DeviceHealth) => void>();
  private readonly openedListeners = new Set<() => void>();

  constructor(
    private readonly transport: ByteTransport,
    private readonly clock: DriverClock,
    private readonly backoff: BackoffOptions,
  ) {
    this.delayMs = backoff.initialDelayMs;
    this.current = { state: 'fault', code: 'not_open', message: `${transport.description} has not been opened`, since: clock.now() };
    transport.onClose((reason) => {
      if (this.stopped) return;
      const why = reason ? `: ${reason.message}` : '';
      this.setHealth('fault', 'disconnected', `${transport.description} was disconnected${why}; reconnecting`);
      this.scheduleRetry();
    });
  }

  get health(): DeviceHealth {
    return this.current;
  }

  get isOpen(): boolean {
    return !this.stopped && this.transport.isOpen;
  }

  onHealth(listener: (h: DeviceHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Fires after every successful open, the first and each reconnect. */
  onOpened(listener: () => void): () => void {
    this.openedListeners.add(listener);
    return () => this.openedListeners.delete(listener);
  }

  /** Resolves after the first attempt, whether it succeeded or a retry is scheduled. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = null;
    await this.transport.close().catch(() => undefined);
    this.setHealth('fault', 'closed', `${this.transport.description} was closed`);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.transport.open();
    } catch (err) {
      if (this.stopped) return;
      const code = openFailureCode(err);
      const retries = code !== 'unavailable';
      this.setHealth('fault', code, `${this.transport.description}: ${(err as Error).message}${retries ? '; retrying' : ''}`);
      if (retries) this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      await this.transport.close().catch(() => undefined);
      return;
    }
    this.delayMs = this.backoff.initialDelayMs;
    this.setHealth('ok', 'ok', `${this.transport.description} is connected`);
    for (const l of this.openedListeners) safely(l);
  }

  private scheduleRetry(): void {
    if (this.retry || this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxDelayMs);
    this.retry = this.clock.setTimeout(() => {
      this.retry = null;
      void this.attempt();
    }, delay);
  }

  private setHealth(state: DeviceHealth['state'], code: string, message: string): void {
    if (this.current.state === state && this.current.code === code) return;
    this.current = { state, code, message, since: this.clock.now() };
    for (const l of this.healthListeners) safely(() => l(this.current));
  }
}

/** A missing native module never gets better by retrying; everything else may. */
function openFailureCode(err: unknown): string {
  if (err instanceof DeviceError && PASS_THROUGH_CODES.has(err.code)) {
    const text = `${err.message} ${(err.cause as { code?: string } | undefined)?.code ?? ''}`;
    if (err.code === 'open_failed' && /EACCES|Permission denied/i.test(text)) return 'permission_denied';
    return err.code;
  }
  return 'open_failed';
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    console.error('device listener failed:', err);
  }
}
