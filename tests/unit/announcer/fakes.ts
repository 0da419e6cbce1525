// Test doubles for the announcer: a clock whose timers fire only when the test advances it,
// an in-memory Web Storage, and a player whose announcements finish when the test says so.
import type { CancelTimer, Clock } from '../../../renderer/shared/announcer/clock';
import type { AnnouncerStorage } from '../../../renderer/shared/announcer/storage';
import type { ClipId } from '../../../renderer/shared/announcer/types';
import type { Player } from '../../../renderer/shared/announcer/player';

export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  constructor(private time = Date.UTC(2025, 2, 3, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer = { at: this.time + ms, fn, cancelled: false };
    this.timers.push(timer);
    return () => (timer.cancelled = true);
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const timer of due) timer.fn();
  }
}

export class MemoryStorage implements AnnouncerStorage {
  readonly data = new Map<string, string>();
  failWrites = false;

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.data.set(key, value);
  }
}

export interface PlayCall {
  clips: readonly ClipId[];
  finish(): void;
  fail(error: unknown): void;
}

/** Each playClips stays pending until the test calls finish() or fail() on it. */
export class ManualPlayer implements Player {
  readonly calls: PlayCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private waiting: ((call: PlayCall) => void)[] = [];
  private taken = 0;

  playClips(clips: readonly ClipId[]): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => {
      const done = () => this.inFlight--;
      const call: PlayCall = {
        clips: [...clips],
        finish: () => (done(), resolve()),
        fail: (error) => (done(), reject(error)),
      };
      this.calls.push(call);
      this.waiting.shift()?.(call);
    });
  }

  /** The next playClips call, in call order, once the announcer has made it. */
  next(): Promise<PlayCall> {
    const call = this.calls[this.taken];
    if (call) {
      this.taken++;
      return Promise.resolve(call);
    }
    return new Promise((resolve) =>
      this.waiting.push((c) => {
        this.taken++;
        resolve(c);
      }),
    );
  }
}

/** The ticket number an announcement's clips spell, e.g. "A012" (zh-CN sentence shape). */
export function spokenTicket(clips: readonly ClipId[]): string {
  const start = clips.indexOf('please') + 1;
  const end = clips.indexOf('ticket-suffix');
  return clips
    .slice(start, end)
    .map((id) => (id.startsWith('digit-') ? id.slice(6) : id.slice(7).toUpperCase()))
    .join('');
}
