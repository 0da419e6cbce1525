// Follows one of central's public views by long-poll: the first request answers at once, each next
// one passes the version it holds and central answers when the hall pushes something newer (or
// after WAIT_SECONDS). A failure keeps the last good view on screen (the screens mark it stale) and
// retries after RETRY_MS, or at once when the browser says it is back online. A 404 stops: the
// ticket or hall is not there, and asking again will not change it until the visitor reloads.
// Contract: `at` is when the last good answer arrived; `failed` whether the latest attempt failed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CentralError } from './central-api';

export const RETRY_MS = 5000;

export interface Polled<T> {
  data: T | null;
  error: unknown;
  failed: boolean;
  at: number;
  /** Ask again now (after a rating was sent, the 立即刷新 button). */
  refresh(): void;
}

export function useLongPoll<T extends { version: number }>(load: ((since: number | null, signal: AbortSignal) => Promise<T>) | null): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; failed: boolean; at: number }>({ data: null, error: null, failed: false, at: 0 });
  const [round, setRound] = useState(0);
  const version = useRef<number | null>(null);
  const refresh = useCallback(() => {
    version.current = null;
    setRound((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!load) return undefined;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      window.removeEventListener('online', again);
      clearTimeout(timer);
      if (!abort.signal.aborted) setRound((n) => n + 1);
    };
    load(version.current, abort.signal).then(
      (data) => {
        if (abort.signal.aborted) return;
        version.current = data.version;
        setState({ data, error: null, failed: false, at: Date.now() });
        again();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState((prev) => ({ ...prev, error, failed: true }));
        if (error instanceof CentralError && error.status === 404) return;
        // Ask central afresh (no `since`): the answer must come at once, not after a long wait.
        version.current = null;
        const retryAfter = error instanceof CentralError && error.status === 429 ? 4 * RETRY_MS : RETRY_MS;
        timer = setTimeout(again, retryAfter);
        window.addEventListener('online', again);
      },
    );
    return () => {
      abort.abort();
      clearTimeout(timer);
      window.removeEventListener('online', again);
    };
  }, [load, round]);

  return { ...state, refresh };
}

/** navigator.onLine as React state (a WeChat web view has it too). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** Date.now() refreshed every `ms` (staleness needs time to pass without an answer). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
