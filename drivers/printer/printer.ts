// TicketPrinter: the ESC/POS ticket printer driver over any ByteTransport.
// - Connects, and after a loss reconnects by itself with backoff (re-opening the
//   transport: replugging recovers without anyone's help).
// - Polls real-time status (DLE EOT 1–4) while idle and enables automatic status
//   back (GS a) so changes arrive between polls; health events on every change.
// - printTicket/printRaw: refuse with a code when status shows a fault (nothing
//   sent); after sending, wait for GS r 1 — answered only once the printer has
//   processed the whole job — so a print that fails midway is reported, never lost.
// Danger: all requests and jobs go through one lock; a status request written
// in the middle of a job's raster data would be printed as dots by some models.
import { DeviceError, systemDriverClock, type ByteTransport, type DeviceHealth, type DriverClock } from '../contract.js';
import type { FontLoad } from './cjk-font.js';
import type { PrinterStatus, PrintFailureCode, PrintOutcome, PrintWarning, TicketPrintJob, TicketPrinterDevice } from './contract.js';
import { cmd } from './encoder.js';
import type { PrinterProfile } from './profile.js';
import { ReplyWaiters } from './reply-waiters.js';
import { healthFromStatus, parseAsbBlock, statusFromRealtime, StatusStreamParser, toPrinterStatus } from './status.js';
import { renderTicket } from './ticket.js';
import type { TicketTemplate } from './ticket-template.js';

export interface TicketPrinterOptions {
  transport: ByteTransport;
  profile: PrinterProfile;
  clock?: DriverClock;
  template?: TicketTemplate;
  loadFont?: () => FontLoad;
  /** Idle status poll period. Default 3000 ms. */
  pollIntervalMs?: number;
  /** Wait for real-time status replies. Default 1000 ms. */
  replyTimeoutMs?: number;
  /** Wait for the after-job GS r reply (printing time included). Default 15 000 ms. */
  printTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubled per failure up to the maximum. Defaults 250 / 8000 ms. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** False when the link cannot carry replies (spooler, write-only USB): no status checks. Default true. */
  readsStatus?: boolean;
  log?: (line: string) => void;
}

type Verdict = Omit<DeviceHealth, 'since'>;

export class TicketPrinter implements TicketPrinterDevice {
  private readonly clock: DriverClock;
  private readonly waiters: ReplyWaiters;
  private readonly parser: StatusStreamParser;
  private readonly healthListeners = new Set<(h: DeviceHealth) => void>();
  private current: DeviceHealth;
  private lastStatus: PrinterStatus | null = null;
  private phase: 'stopped' | 'connecting' | 'connected' | 'waiting' = 'stopped';
  private timer: { cancel(): void } | null = null;
  private backoffMs: number;
  private lock: Promise<unknown> = Promise.resolve();
  private quietUntil = 0;
  private staleTransmit = 0;
  private readonly opt: Required<Omit<TicketPrinterOptions, 'template' | 'loadFont' | 'log'>> & Pick<TicketPrinterOptions, 'template' | 'loadFont' | 'log'>;

  constructor(options: TicketPrinterOptions) {
    this.opt = {
      clock: systemDriverClock,
      pollIntervalMs: 3000,
      replyTimeoutMs: 1000,
      printTimeoutMs: 15_000,
      reconnectInitialMs: 250,
      reconnectMaxMs: 8000,
      readsStatus: true,
      ...options,
    };
    this.clock = this.opt.clock;
    this.backoffMs = this.opt.reconnectInitialMs;
    this.waiters = new ReplyWaiters(this.clock);
    this.parser = new StatusStreamParser(() => this.waiters.hasPending('transmit') || this.staleTransmit > 0);
    this.current = { state: 'fault', code: 'disconnected', message: `Not connected to ${options.transport.description} yet.`, since: this.clock.now() };
    options.transport.onData((chunk) => this.onBytes(chunk));
    options.transport.onClose((reason) => this.lost(reason?.message ?? 'the link was closed'));
  }

  start(): void {
    if (this.phase !== 'stopped') return;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.phase = 'stopped';
    this.timer?.cancel();
    this.timer = null;
    this.waiters.cancelAll(new DeviceError('disconnected', 'printer driver stopped'));
    await this.opt.transport.close().catch(() => undefined);
  }

  health(): DeviceHealth {
    return { ...this.current };
  }

  status(): PrinterStatus | null {
    return this.lastStatus ? { ...this.lastStatus } : null;
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  async printTicket(job: TicketPrintJob): Promise<PrintOutcome> {
    let rendered;
    try {
      rendered = renderTicket(job, { profile: this.opt.profile, template: this.opt.template, loadFont: this.opt.loadFont });
    } catch (err) {
      const code = err instanceof DeviceError && err.code === 'unmasked_identity' ? 'unmasked_identity' : 'invalid_ticket';
      return { ok: false, code, message: (err as Error).message, printed: 'none' };
    }
    return this.send(rendered.bytes, rendered.warnings);
  }

  printRaw(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.send(bytes, []);
  }

  /** Reads real-time status now (under the lock) and updates health. */
  refreshStatus(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  // ---- printing ----

  private send(bytes: Uint8Array, warnings: PrintWarning[]): Promise<PrintOutcome> {
    return this.exclusive(async (): Promise<PrintOutcome> => {
      const fail = (code: PrintFailureCode, message: string, printed: 'none' | 'unknown'): PrintOutcome => ({ ok: false, code, message, printed });
      if (this.phase !== 'connected') return fail('disconnected', this.current.message, 'none');
      const checks = this.opt.readsStatus && this.opt.profile.features.realtimeStatus;
      if (checks) {
        const before = await this.readStatus().catch((err: Error) => err);
        if (before instanceof Error) return fail(this.phase === 'connected' ? 'offline' : 'disconnected', `status check before printing failed: ${before.message}`, 'none');
        const verdict = healthFromStatus(before);
        if (verdict.state === 'fault') return fail(verdict.code as PrintFailureCode, `${verdict.message} Nothing was printed.`, 'none');
      }
      const confirm = checks && this.opt.profile.features.transmitStatus;
      const confirmation = confirm ? this.waiters.expect('transmit', this.opt.printTimeoutMs, 'GS r after the job') : null;
      try {
        await this.opt.transport.write(bytes);
        if (confirm) await this.opt.transport.write(cmd.transmitPaperStatus());
      } catch (err) {
        this.waiters.cancelAll(err as Error, 'transmit');
        confirmation?.catch(() => undefined);
        this.writeFailed();
        return fail('disconnected', `the link dropped while sending: ${(err as Error).message}`, 'unknown');
      }
      if (!checks) return { ok: true, bytes: bytes.length, warnings: [...warnings, { code: 'status_unavailable', message: 'status cannot be read over this link: the print is not confirmed' }] };
      if (confirmation) {
        const confirmed = await confirmation.then(() => true).catch(() => false);
        if (confirmed) {
          await this.readStatus().catch(() => undefined);
          return { ok: true, bytes: bytes.length, warnings };
        }
        if (this.phase !== 'connected') return fail('disconnected', 'the link dropped before the printer confirmed the job; the ticket may be incomplete', 'unknown');
        this.staleTransmit++;
      }
      const after = await this.readStatus().catch((err: Error) => err);
      if (after instanceof Error) return fail('offline', `no status after printing (${after.message}); the ticket may be incomplete`, 'unknown');
      const verdict = healthFromStatus(after);
      if (verdict.state === 'fault') {
        return fail(verdict.code as PrintFailureCode, `${verdict.message} It happened while printing: the ticket may be incomplete, and the rest may print once the fault is cleared.`, 'unknown');
      }
      if (confirmation) return fail('print_unconfirmed', 'the printer did not confirm the job in time although it reports no fault', 'unknown');
      return { ok: true, bytes: bytes.length, warnings };
    });
  }

  // ---- status ----

  /** DLE EOT 1–4 in one write; replies may arrive fragmented. Caller holds the lock. */
  private async readStatus(): Promise<PrinterStatus> {
    if (this.phase !== 'connected') throw new DeviceError('disconnected', 'not connected');
    const wait = this.quietUntil - this.clock.now();
    if (wait > 0) await this.sleep(wait);
    const timeout = this.opt.replyTimeoutMs;
    const replies = ([1, 2, 3, 4] as const).map((n) => this.waiters.expect('realtime', timeout, `DLE EOT ${n}`));
    try {
      await this.opt.transport.write(Uint8Array.of(...cmd.realtimeStatus(1), ...cmd.realtimeStatus(2), ...cmd.realtimeStatus(3), ...cmd.realtimeStatus(4)));
      const [r1, r2, r3, r4] = await Promise.all(replies);
      const status = statusFromRealtime({ 1: r1!, 2: r2!, 3: r3!, 4: r4! }, this.opt.profile);
      this.applyStatus(status);
      return status;
    } catch (err) {
      // Late replies must not be taken for the next round's: drop waiters, stay quiet a while.
      this.waiters.cancelAll(err as Error, 'realtime');
      for (const p of replies) p.catch(() => undefined);
      if (err instanceof DeviceError && err.code === 'timeout') {
        this.quietUntil = this.clock.now() + timeout;
        if (this.phase === 'connected') this.setHealth({ state: 'fault', code: 'offline', message: 'The printer does not answer status requests (powered off or hung).' });
      } else {
        this.writeFailed();
      }
      throw err;
    }
  }

  private onBytes(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.kind === 'realtime') this.waiters.deliver('realtime', ev.byte);
      else if (ev.kind === 'transmit') {
        if (this.staleTransmit > 0) this.staleTransmit--;
        else this.waiters.deliver('transmit', ev.byte);
      } else if (ev.kind === 'asb') {
        try {
          this.applyStatus(toPrinterStatus(parseAsbBlock(ev.block, this.opt.profile), 'asb'));
        } catch {
          /* malformed block: the next poll corrects the status */
        }
      }
    }
  }

  private applyStatus(status: PrinterStatus): void {
    this.lastStatus = status;
    this.setHealth(healthFromStatus(status));
  }

  private setHealth(verdict: Verdict): void {
    if (verdict.state === this.current.state && verdict.code === this.current.code) return;
    this.current = { ...verdict, since: this.clock.now() };
    this.opt.log?.(`printer ${this.opt.transport.description}: ${verdict.state} ${verdict.code}`);
    for (const l of this.healthListeners) {
      try {
        l(this.health());
      } catch (err) {
        console.error('printer health listener failed:', err);
      }
    }
  }

  // ---- connection ----

  private async connect(): Promise<void> {
    this.phase = 'connecting';
    try {
      await this.opt.transport.open();
    } catch (err) {
      if (this.phase !== 'connecting') return;
      this.setHealth({ state: 'fault', code: 'disconnected', message: `Cannot reach the printer: ${(err as Error).message}` });
      return this.scheduleReconnect();
    }
    if (this.phase !== 'connecting') return;
    this.phase = 'connected';
    this.backoffMs = this.opt.reconnectInitialMs;
    this.parser.reset();
    this.staleTransmit = 0;
    if (!this.opt.readsStatus || !this.opt.profile.features.realtimeStatus) {
      this.setHealth({ state: 'warning', code: 'status_unknown', message: 'Connected; this link cannot read printer status.' });
      return;
    }
    if (this.opt.profile.features.asb) {
      await this.exclusive(() => this.opt.transport.write(cmd.automaticStatusBack(0xff))).catch(() => this.writeFailed());
    }
    void this.pollNow();
  }

  private scheduleReconnect(): void {
    this.phase = 'waiting';
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.opt.reconnectMaxMs, this.backoffMs * 2);
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => {
      if (this.phase === 'waiting') void this.connect();
    }, delay);
  }

  private async pollNow(): Promise<void> {
    if (this.phase !== 'connected') return;
    await this.exclusive(() => this.readStatus()).catch(() => undefined);
    if (this.phase !== 'connected') return;
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => void this.pollNow(), this.opt.pollIntervalMs);
  }

  /** A write failed: the link is gone even if the transport has not said so yet (ptys report late). */
  private writeFailed(): void {
    void this.opt.transport.close().catch(() => undefined);
    this.lost('a write to the printer failed');
  }

  private lost(reason: string): void {
    if (this.phase !== 'connected') return;
    this.timer?.cancel();
    this.waiters.cancelAll(new DeviceError('disconnected', `printer link lost: ${reason}`));
    this.setHealth({ state: 'fault', code: 'disconnected', message: `The printer link was lost (${reason}); reconnecting.` });
    this.scheduleReconnect();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }
}
