// Throttled refetch: live events arrive in bursts (a call is several events), and each
// page must show the result within a second of the action without hammering the hall.
// Contract: request() runs the load at once when idle; requests during a run or within
// `minIntervalMs` of the last start collapse into one trailing run. Runs never overlap.
export interface RefresherOptions {
  load: () => Promise<void>;
  minIntervalMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Refresher {
  request(): void;
  dispose(): void;
}

export function createRefresher(options: RefresherOptions): Refresher {
  const minInterval = options.minIntervalMs ?? 400;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let running = false;
  let pending = false;
  let timer: unknown = null;
  let lastStart = -Infinity;
  let disposed = false;

  const run = (): void => {
    if (disposed) return;
    timer = null;
    running = true;
    pending = false;
    lastStart = now();
    options
      .load()
      .catch(() => {
        // the page's load shows its own error state
      })
      .finally(() => {
        running = false;
        if (pending) schedule();
      });
  };

  const schedule = (): void => {
    if (disposed || running || timer !== null) return;
    const wait = Math.max(0, lastStart + minInterval - now());
    if (wait === 0) run();
    else timer = setTimer(run, wait);
  };

  return {
    request() {
      pending = true;
      schedule();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
