// TicketPrinter: the ESC/POS ticket printer driver over any ByteTransport.
// - Connects, and after a loss reconnects by itself with backoff (re-opening the
//   transport: replugging recovers without anyone's help).
// - Polls real-time status (DLE EOT 1–4) while idle and enables automatic status
//   back (GS a) so changes arrive between polls; health events on every change.
// - printTicket/printRaw: refuse with a code when status shows a fault (nothing
//   sent); after sending, optionally wait up to confirmTimeoutMs for GS r 1 —
//   answered only once the printer has processed the whole job. An unanswered
//   confirmation with no fault in the status read after it is "printed, not
//   confirmed" (ok, confirmed: false), never a failure.
// - readsStatus 'auto' (default): a printer that has answered nothing since the
//   link was made is taken for a one-way link (prints without checks, health
//   warning status_unknown); one that answered before and then goes quiet is a
//   fault (offline).
// Bound: one print holds the kiosk at most replyTimeoutMs (status before)
// + the transport write + confirmTimeoutMs + replyTimeoutMs (status after), plus
// the wait for the job ahead of it (a poll holds the lock at most replyTimeoutMs).
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

/** true: the link carries replies; false: it cannot (spooler, write-only USB); 'auto': find out per connection. */
export type ReadsStatus = boolean | 'auto';

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
  /** Ask the printer to confirm each job (GS r 1 after it). Default: the profile's features.transmitStatus. */
  confirm?: boolean;
  /**
   * Wait for that confirmation after the job was handed to the OS (printing time included).
   * Default 3000 ms; must be an integer from 200 to 15 000 (CONFIRM_TIMEOUT_LIMITS).
   */
  confirmTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubled per failure up to the maximum. Defaults 250 / 8000 ms. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** See ReadsStatus. Default 'auto'. */
  readsStatus?: ReadsStatus;
  log?: (line: string) => void;
}

export const CONFIRM_TIMEOUT_LIMITS = { min: 200, max: 15_000, default: 3000 } as const;

/**
 * Unanswered confirmations (status fine each time) on a connection where the printer never
 * answered one, after which the driver stops asking on that connection: a model that ignores
 * GS r would otherwise cost every ticket confirmTimeoutMs. A late answer turns asking back on.
 */
export const CONFIRM_MISSES_BEFORE_GIVING_UP = 2;

type Verdict = Omit<DeviceHealth, 'since'>;

/** What this connection has shown; reset on every (re)connect. */
interface LinkFacts {
  /** Any reply (DLE EOT, ASB, GS r) arrived since the link was made. */
  heard: boolean;
  /** readsStatus 'auto' and a status request went unanswered before anything was heard. */
  oneWay: boolean;
  confirmAnswered: boolean;
  confirmMisses: number;
  confirmGivenUp: boolean;
  /** A status request went unanswered: enable ASB again once the printer answers. */
  rearmAsb: boolean;
}

const freshLink = (): LinkFacts => ({ heard: false, oneWay: false, confirmAnswered: false, confirmMisses: 0, confirmGivenUp: false, rearmAsb: false });

/** Throws DeviceError('invalid_option') naming the option when a value is out of range. */
export function checkTicketPrinterOptions(options: Partial<TicketPrinterOptions>): void {
  const bad = (name: string, rule: string, value: unknown) => {
    throw new DeviceError('invalid_option', `printer option ${name} must be ${rule} (got ${JSON.stringify(value)})`);
  };
  const { min, max } = CONFIRM_TIMEOUT_LIMITS;
  const t = options.confirmTimeoutMs;
  if (t !== undefined && !(Number.isInteger(t) && t >= min && t <= max)) bad('confirmTimeoutMs', `an integer from ${min} to ${max} ms`, t);
  const r = options.readsStatus;
  if (r !== undefined && r !== true && r !== false && r !== 'auto') bad('readsStatus', 'true, false or "auto"', r);
  if (options.confirm !== undefined && typeof options.confirm !== 'boolean') bad('confirm', 'true or false', options.confirm);
  for (const name of ['pollIntervalMs', 'replyTimeoutMs', 'reconnectInitialMs', 'reconnectMaxMs'] as const) {
    const v = options[name];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) bad(name, 'a positive number of ms', v);
  }
}

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
  private link: LinkFacts = freshLink();
  private readonly opt: Required<Omit<TicketPrinterOptions, 'template' | 'loadFont' | 'log'>> & Pick<TicketPrinterOptions, 'template' | 'loadFont' | 'log'>;

  constructor(options: TicketPrinterOptions) {
    checkTicketPrinterOptions(options);
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TicketPrinterOptions;
    this.opt = {
      clock: systemDriverClock,
      pollIntervalMs: 3000,
      replyTimeoutMs: 1000,
      confirm: options.profile.features.transmitStatus,
      confirmTimeoutMs: CONFIRM_TIMEOUT_LIMITS.default,
      reconnectInitialMs: 250,
      reconnectMaxMs: 8000,
      readsStatus: 'auto',
      ...defined,
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

  /** Status can be asked on this link now: not switched off, the model has DLE EOT, not found one-way. */
  private canCheck(): boolean {
    return this.opt.readsStatus !== false && this.opt.profile.features.realtimeStatus && !this.link.oneWay;
  }

  private send(bytes: Uint8Array, warnings: PrintWarning[]): Promise<PrintOutcome> {
    return this.exclusive(async (): Promise<PrintOutcome> => {
      const fail = (code: PrintFailureCode, message: string, printed: 'none' | 'unknown'): PrintOutcome => ({ ok: false, code, message, printed });
      const printed = (confirmed: boolean, extra: PrintWarning[] = []): PrintOutcome => ({ ok: true, bytes: bytes.length, confirmed, warnings: [...warnings, ...extra] });
      if (this.phase !== 'connected') return fail('disconnected', this.current.message, 'none');
      let checks = this.canCheck();
      if (checks) {
        const before = await this.readStatus().catch((err: Error) => err);
        if (before instanceof Error) {
          // 'auto' may have just learnt that this link is one-way: print unchecked, like readsStatus false.
          if (this.phase === 'connected' && !this.canCheck()) checks = false;
          else return fail(this.phase === 'connected' ? 'offline' : 'disconnected', `status check before printing failed: ${before.message}`, 'none');
        } else {
          const verdict = healthFromStatus(before);
          if (verdict.state === 'fault') return fail(verdict.code as PrintFailureCode, `${verdict.message} Nothing was printed.`, 'none');
        }
      }
      const confirm = checks && this.opt.confirm && !this.link.confirmGivenUp;
      const confirmation = confirm ? this.waiters.expect('transmit', this.opt.confirmTimeoutMs, 'GS r after the job') : null;
      try {
        await this.opt.transport.write(bytes);
        if (confirm) await this.opt.transport.write(cmd.transmitPaperStatus());
      } catch (err) {
        this.waiters.cancelAll(err as Error, 'transmit');
        confirmation?.catch(() => undefined);
        this.writeFailed();
        return fail('disconnected', `the link dropped while sending: ${(err as Error).message}`, 'unknown');
      }
      if (!checks) {
        const why = this.link.oneWay
          ? 'the printer has answered no status request since the link was made (one-way link): nothing was checked and the print is not confirmed'
          : 'status cannot be read over this link: nothing was checked and the print is not confirmed';
        return printed(false, [{ code: 'status_unavailable', message: why }]);
      }
      if (confirmation) {
        const answered = await confirmation.then(() => true).catch(() => false);
        if (answered) {
          this.link.confirmAnswered = true;
          this.link.confirmMisses = 0;
          await this.readStatus().catch(() => undefined);
          return printed(true);
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
      if (confirmation) {
        this.noteUnansweredConfirmation();
        return printed(false, [{ code: 'print_unconfirmed', message: `the printer reports no fault but did not confirm the job within ${this.opt.confirmTimeoutMs} ms` }]);
      }
      if (this.opt.confirm && this.link.confirmGivenUp) {
        return printed(false, [{ code: 'print_unconfirmed', message: 'the printer has not answered print confirmations (GS r) on this connection, so none was asked; set confirm: false for this printer' }]);
      }
      return printed(false);
    });
  }

  private noteUnansweredConfirmation(): void {
    if (this.link.confirmAnswered) return;
    this.link.confirmMisses++;
    if (this.link.confirmMisses >= CONFIRM_MISSES_BEFORE_GIVING_UP && !this.link.confirmGivenUp) {
      this.link.confirmGivenUp = true;
      this.opt.log?.(`printer ${this.opt.transport.description}: no GS r answered after ${this.link.confirmMisses} jobs; not asking again on this connection`);
    }
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
      if (this.link.rearmAsb) {
        // It was silent (switched off behind a live serial adapter?): a power cycle forgets GS a.
        this.link.rearmAsb = false;
        if (this.opt.profile.features.asb) await this.opt.transport.write(cmd.automaticStatusBack(0xff));
      }
      return status;
    } catch (err) {
      // Late replies must not be taken for the next round's: drop waiters, stay quiet a while.
      this.waiters.cancelAll(err as Error, 'realtime');
      for (const p of replies) p.catch(() => undefined);
      if (err instanceof DeviceError && err.code === 'timeout') {
        this.quietUntil = this.clock.now() + timeout;
        if (this.phase === 'connected') this.unanswered();
      } else {
        this.writeFailed();
      }
      throw err;
    }
  }

  /** A status request timed out (caller holds the lock). */
  private unanswered(): void {
    this.link.rearmAsb = true;
    if (this.opt.readsStatus === 'auto' && !this.link.heard) {
      if (!this.link.oneWay) this.opt.log?.(`printer ${this.opt.transport.description}: nothing answered since connecting; treating the link as one-way`);
      this.link.oneWay = true;
      this.setHealth({
        state: 'warning',
        code: 'status_unknown',
        message: 'Connected, but the printer has answered no status request since the link was made: paper and cover cannot be checked, and tickets print without confirmation.',
      });
      return;
    }
    this.setHealth({ state: 'fault', code: 'offline', message: 'The printer does not answer status requests (powered off or hung).' });
  }

  private heard(): void {
    if (this.link.heard) return;
    this.link.heard = true;
    if (this.link.oneWay) {
      // The printer was only off or slow: from now on status is checked again.
      this.link.oneWay = false;
      this.opt.log?.(`printer ${this.opt.transport.description}: the printer answered; status is checked again`);
    }
  }

  private onBytes(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.kind !== 'garbage') this.heard();
      if (ev.kind === 'realtime') this.waiters.deliver('realtime', ev.byte);
      else if (ev.kind === 'transmit') {
        if (this.staleTransmit > 0) {
          // A late confirmation: the model does answer GS r, only slowly.
          this.staleTransmit--;
          this.link.confirmAnswered = true;
          this.link.confirmGivenUp = false;
        } else if (this.waiters.deliver('transmit', ev.byte)) {
          this.link.confirmAnswered = true;
        }
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
    this.link = freshLink();
    if (this.opt.readsStatus === false || !this.opt.profile.features.realtimeStatus) {
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
