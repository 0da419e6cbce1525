// One command at a time over a ByteTransport: write a request, wait for the next
// complete answer frame or a deadline on the injected clock.
// Contracts:
// - exchange() settles exactly once: with a checked answer, or with a DeviceError
//   (timeout, disconnected, stopped, bad_checksum, frame_too_*, unexpected_response,
//   or a SamStatusError carrying the module's status code).
// - Frames that arrive while nothing is pending (late answers after a timeout) are
//   wiped and dropped, and counted in `stats.staleFrames`.
// - Line noise before a valid frame is tolerated (counted, not an error).
// Danger: callers must not overlap exchanges; a second one while busy throws.
import type { ByteTransport, DeviceError, DriverClock } from '../contract.js';
import { checkAnswer, encodeCommand, type SamCommand } from './commands.js';
import { idCardError, IdCardErrorCode, isDeviceError } from './errors.js';
import { decodeResponseBody, type SamResponse } from './frame.js';
import { FrameParser, RESPONSE_LIMITS, type FrameLimits } from './frame-parser.js';

export interface ChannelStats {
  garbageEvents: number;
  badFrames: number;
  staleFrames: number;
}

interface Pending {
  resolve(response: SamResponse): void;
  reject(error: DeviceError): void;
  cancelTimer(): void;
}

export class SamChannel {
  readonly stats: ChannelStats = { garbageEvents: 0, badFrames: 0, staleFrames: 0 };
  private readonly parser: FrameParser;
  private pending: Pending | null = null;
  private detach: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly clock: DriverClock,
    limits: FrameLimits = RESPONSE_LIMITS,
  ) {
    this.parser = new FrameParser(limits);
  }

  /** Starts listening to the transport. Idempotent; undoes dispose(). */
  attach(): void {
    this.disposed = false;
    this.detach ??= this.transport.onData((chunk) => this.receive(chunk));
  }

  /** Stops listening; the pending and every later exchange reject with "stopped" until attach(). */
  dispose(): void {
    this.disposed = true;
    this.detach?.();
    this.detach = null;
    this.fail(idCardError(IdCardErrorCode.stopped, 'channel disposed'));
    this.parser.reset();
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Drops any half-received frame (new connection, or after a timeout). */
  resetParser(): void {
    this.parser.reset();
  }

  async exchange(command: SamCommand, timeoutMs: number): Promise<SamResponse> {
    if (this.disposed) throw idCardError(IdCardErrorCode.stopped, `${command.name}: channel disposed`);
    if (this.pending) throw new Error(`SamChannel: ${command.name} sent while another command is pending`);
    const answer = new Promise<SamResponse>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.parser.reset();
        this.fail(idCardError(IdCardErrorCode.timeout, `${command.name}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending = { resolve, reject, cancelTimer: () => timer.cancel() };
    });
    this.transport.write(encodeCommand(command)).catch((err: unknown) => {
      this.fail(isDeviceError(err) ? err : idCardError(IdCardErrorCode.disconnected, `${command.name}: write failed`, err));
    });
    const response = await answer;
    try {
      return checkAnswer(command, response);
    } catch (err) {
      response.data.fill(0);
      throw err;
    }
  }

  /** Rejects the pending exchange, if any. */
  fail(error: DeviceError): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    p.cancelTimer();
    p.reject(error);
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.parser.push(chunk)) {
      if (event.kind === 'frame') {
        const p = this.pending;
        if (!p) {
          this.stats.staleFrames++;
          event.body.fill(0);
          continue;
        }
        this.pending = null;
        p.cancelTimer();
        try {
          p.resolve(decodeResponseBody(event.body));
        } catch (err) {
          p.reject(err as DeviceError);
        }
      } else if (event.error.code === IdCardErrorCode.garbage) {
        this.stats.garbageEvents++;
      } else {
        this.stats.badFrames++;
        this.fail(event.error);
      }
    }
  }
}
