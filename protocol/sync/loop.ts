// The sync kernel's one worker loop (rating upload, central's forwarder,
// downlink rounds): rounds run one at a time (SerialRuns), each followed by
// the delay its outcome asks for. Contract:
//   - start() runs a first round after `firstDelayMs`; stop() cancels the
//     schedule and waits for the round in flight, whose `stopped()` turns true
//     (it ends after the item it is on);
//   - poke() asks for a round soon: at once when no round runs; during one,
//     next() is told (`poked`) and decides (a strategy in backoff may keep
//     its wait);
//   - runOnce() runs a round now, serialised with the scheduled ones (tests
//     and the bench drive workers with it);
//   - after each round, next(result) gives the delay until the following
//     one; a round that throws (a local store failure) is given to
//     next({ error }) — the loop never dies of it.
// Time comes from the injected Scheduler (ManualTimers in tests); realTimers()
// is one over setTimeout for processes without a simulated clock (central).
import { SerialRuns } from './serial-runs.js';

export interface Scheduler {
  now(): number;
  /** Runs fn at (or soon after) epoch-ms `at`. */
  at(at: number, fn: () => void): { cancel(): void };
}

export type RoundOutcome<R> = { value: R } | { error: Error };

export class SyncLoop<R> {
  private readonly runs = new SerialRuns<R>();
  private timer: { cancel(): void } | null = null;
  private running = false;
  private rerun = false;
  private nextAtRef: number | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly round: (stopped: () => boolean) => Promise<R>,
    /** The delay (ms) before the next round; `poked` says a poke arrived during this one. */
    private readonly next: (outcome: RoundOutcome<R>, poked: boolean) => number | Promise<number>,
  ) {}

  get busy(): boolean {
    return this.runs.busy;
  }

  get started(): boolean {
    return this.running;
  }

  /** When the next scheduled round is due (null when stopped or running). */
  get nextAt(): number | null {
    return this.nextAtRef;
  }

  start(firstDelayMs = 0): void {
    if (this.running) return;
    this.running = true;
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    this.nextAtRef = null;
    await this.runs.stop();
  }

  poke(): void {
    if (!this.running) return;
    if (this.runs.busy) this.rerun = true;
    else this.schedule(0);
  }

  runOnce(): Promise<R> {
    return this.runs.run(this.round);
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel();
    const at = this.scheduler.now() + Math.max(0, delayMs);
    this.nextAtRef = at;
    this.timer = this.scheduler.at(at, () => {
      this.timer = null;
      this.nextAtRef = null;
      void this.tick();
    });
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    let outcome: RoundOutcome<R>;
    try {
      outcome = { value: await this.runOnce() };
    } catch (err) {
      outcome = { error: err as Error };
    }
    if (!this.running) return;
    const poked = this.rerun;
    this.rerun = false;
    let delay: number;
    try {
      delay = await this.next(outcome, poked);
    } catch {
      delay = 1_000; // next() itself failed (its store is busy): try again in a second, never spin
    }
    if (this.running) this.schedule(delay);
  }
}

/** A Scheduler over setTimeout whose `now` may be shifted (an injected clock): delays are `at - now()`. */
export function realTimers(now: () => number = () => Date.now()): Scheduler {
  return {
    now,
    at(at, fn) {
      const handle = setTimeout(fn, Math.min(2 ** 31 - 1, Math.max(0, at - now())));
      handle.unref?.();
      return { cancel: () => clearTimeout(handle) };
    },
  };
}
