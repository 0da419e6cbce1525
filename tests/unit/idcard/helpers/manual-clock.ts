// A DriverClock that only moves when the test says so: hours of polling run in
// milliseconds. advance() fires due timers in time order and lets promise chains
// (driver awaits) settle between them.
import type { DriverClock } from '../../../../drivers/contract.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class ManualClock implements DriverClock {
  private t = 1_700_000_000_000;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((x) => x !== timer)) };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Time until the earliest pending timer is due, or null when none is pending. */
  nextTimerIn(): number | null {
    if (this.timers.length === 0) return null;
    return Math.max(0, Math.min(...this.timers.map((x) => x.at)) - this.t);
  }

  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = target;
    await settle();
  }
}

/** Lets pending promise continuations run (several hops: await chains are deep). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
}
