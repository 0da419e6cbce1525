// The hall's clock as seen from this terminal: Date.now() corrected by the offset to the
// hall service's `now` (terminal clocks drift; waits and timeouts must agree with the
// hall). One shared ticker drives every clock on the page.
import { useSyncExternalStore } from 'react';

let offsetMs = 0;
let current = Date.now();
let ticker: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

/** Call with the hall's `now` from an answer received just now. */
export function syncHallClock(hallNowMs: number, receivedAtMs = Date.now()): void {
  if (!Number.isFinite(hallNowMs)) return;
  offsetMs = hallNowMs - receivedAtMs;
  current = hallNow();
  listeners.forEach((l) => l());
}

export function hallNow(): number {
  return Date.now() + offsetMs;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!ticker) {
    current = hallNow();
    ticker = setInterval(() => {
      current = hallNow();
      listeners.forEach((l) => l());
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

const snapshot = (): number => current;

/** Hall time in epoch ms, re-rendering every second. */
export function useHallNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
