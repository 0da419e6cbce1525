// Timers, injected like the clock: the real ones use setTimeout; tests use a
// manual clock whose advance() fires what is due, so a day passes in ms.
import type { Clock } from '../domain/index.js';

export interface Timers extends Clock {
  /** Runs fn at (or soon after) epoch-ms `at`. */
  at(at: number, fn: () => void): { cancel(): void };
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  at(at, fn) {
    // setTimeout's limit is ~24.8 days; re-arm for anything further away.
    const MAX = 2 ** 31 - 1;
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = at - Date.now();
      handle = delay > MAX ? setTimeout(arm, MAX) : setTimeout(fn, Math.max(0, delay));
      handle.unref?.();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A clock for tests and simulations: time moves only when advance() is called. */
export class ManualTimers implements Timers {
  private pending: { at: number; fn: () => void; cancelled: boolean }[] = [];

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  at(at: number, fn: () => void): { cancel(): void } {
    const entry = { at, fn, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  }

  /** Moves time forward, firing due timers in time order (timers they set are honoured too). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending.filter((p) => !p.cancelled && p.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      due.cancelled = true;
      due.fn();
    }
    this.pending = this.pending.filter((p) => !p.cancelled);
    this.current = target;
  }
}
