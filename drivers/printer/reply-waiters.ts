// Matches printer replies to the requests waiting for them, in order, with
// injected-clock timeouts. Replies nobody waits for are dropped by the caller.
// Contract: every promise from expect() settles exactly once — with the reply,
// with DeviceError('timeout'), or with the error given to cancelAll().
import { DeviceError, type DriverClock } from '../contract.js';

export type ReplyKind = 'realtime' | 'transmit';

interface Waiter {
  kind: ReplyKind;
  resolve(byte: number): void;
  reject(err: Error): void;
  timer: { cancel(): void };
}

export class ReplyWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly clock: DriverClock) {}

  expect(kind: ReplyKind, timeoutMs: number, what: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        resolve,
        reject,
        timer: this.clock.setTimeout(() => {
          this.remove(waiter);
          reject(new DeviceError('timeout', `no reply to ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Hands a reply to the oldest waiter of its kind; false when nobody waits. */
  deliver(kind: ReplyKind, byte: number): boolean {
    const waiter = this.waiters.find((w) => w.kind === kind);
    if (!waiter) return false;
    this.remove(waiter);
    waiter.timer.cancel();
    waiter.resolve(byte);
    return true;
  }

  hasPending(kind: ReplyKind): boolean {
    return this.waiters.some((w) => w.kind === kind);
  }

  /** Rejects every waiter (of one kind, or all) with `err`. */
  cancelAll(err: Error, kind?: ReplyKind): void {
    const cancelled = this.waiters.filter((w) => kind === undefined || w.kind === kind);
    this.waiters = this.waiters.filter((w) => !cancelled.includes(w));
    for (const w of cancelled) {
      w.timer.cancel();
      w.reject(err);
    }
  }

  private remove(waiter: Waiter): void {
    this.waiters = this.waiters.filter((w) => w !== waiter);
  }
}
