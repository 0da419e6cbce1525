// A page view's loads, throttled (refresher.ts), with one guarantee the screen depends on:
// data a load brings is shown only if nothing fresher was put on screen since that load began.
// A command's answer (`replaced()`) is fresher than a load already in flight: that load may
// resolve later with the state from before the command, and showing it would flash the old
// view (a ticket the counter just finished back on screen) until the next event.
// A discarded load is followed by another (throttled), so whatever else changed meanwhile still
// reaches the screen.
// Contract: onData/onError are never called after dispose(); loads never overlap.
import { createRefresher, type RefresherOptions } from './refresher';

export interface ViewLoaderOptions<T> extends Omit<RefresherOptions, 'load'> {
  load: (signal: AbortSignal) => Promise<T>;
  onData: (data: T) => void;
  onError: (error: unknown) => void;
}

export interface ViewLoader {
  /** Ask for a load (throttled). */
  request(): void;
  /** The page put a fresher view on screen: a load begun before now is discarded. */
  replaced(): void;
  dispose(): void;
}

export function createViewLoader<T>(options: ViewLoaderOptions<T>): ViewLoader {
  const abort = new AbortController();
  let epoch = 0;
  const refresher = createRefresher({
    ...options,
    load: async () => {
      const began = epoch;
      try {
        const data = await options.load(abort.signal);
        if (abort.signal.aborted) return;
        if (began === epoch) options.onData(data);
        else refresher.request();
      } catch (error) {
        if (abort.signal.aborted) return;
        if (began === epoch) options.onError(error);
        else refresher.request();
      }
    },
  });
  return {
    request: () => refresher.request(),
    replaced: () => {
      epoch += 1;
    },
    dispose: () => {
      abort.abort();
      refresher.dispose();
    },
  };
}
