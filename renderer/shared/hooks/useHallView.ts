// Loads a page's view from the hall and keeps it fresh: refetch on every live event and
// resync (throttled, so the screen follows an action within a second), plus a slow poll
// as a safety net. Errors keep the last good view on screen.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveNotice, LiveStatus } from '../live/liveConnection';
import { createViewLoader, type ViewLoader } from '../live/viewLoader';
import { hallNow } from './hallClock';

export interface HallView<T> {
  data: T | null;
  error: unknown;
  /** Hall time of the last successful load (0 before the first). */
  loadedAt: number;
  /** Ask for a refetch now (throttled). */
  reload: () => void;
  /** Replace the view with a fresher one the page already has (e.g. a command's answer). */
  replace: (data: T) => void;
}

export interface HallViewOptions {
  live: LiveConnection | null;
  /** Changing the key discards the view and loads anew (e.g. another counter, signed in as someone else). */
  key: string;
  enabled?: boolean;
  pollMs?: number;
  /** Filter live notices; default: every event and resync. */
  accept?: (notice: LiveNotice) => boolean;
  minIntervalMs?: number;
}

interface Loaded<T> {
  key: string;
  data: T | null;
  error: unknown;
  loadedAt: number;
}

export function useHallView<T>(load: (signal: AbortSignal) => Promise<T>, options: HallViewOptions): HallView<T> {
  const { live, key, enabled = true, pollMs = 30_000, minIntervalMs = 400 } = options;
  const [state, setState] = useState<Loaded<T>>({ key, data: null, error: null, loadedAt: 0 });
  const loadRef = useRef(load);
  const acceptRef = useRef(options.accept);
  const loaderRef = useRef<ViewLoader | null>(null);

  useEffect(() => {
    loadRef.current = load;
    acceptRef.current = options.accept;
  });

  useEffect(() => {
    if (!enabled) return undefined;
    const loader = createViewLoader({
      minIntervalMs,
      load: (signal) => loadRef.current(signal),
      onData: (data) => setState({ key, data, error: null, loadedAt: hallNow() }),
      onError: (error) => setState((prev) => (prev.key === key ? { ...prev, error } : { key, data: null, error, loadedAt: 0 })),
    });
    loaderRef.current = loader;
    loader.request();
    const offNotice = live?.onNotice((notice) => {
      if (!acceptRef.current || acceptRef.current(notice)) loader.request();
    });
    const poll = setInterval(() => loader.request(), pollMs);
    return () => {
      loader.dispose();
      offNotice?.();
      clearInterval(poll);
      if (loaderRef.current === loader) loaderRef.current = null;
    };
  }, [enabled, key, live, pollMs, minIntervalMs]);

  const current: Loaded<T> = state.key === key ? state : { key, data: null, error: null, loadedAt: 0 };
  return {
    data: current.data,
    error: current.error,
    loadedAt: current.loadedAt,
    reload: () => loaderRef.current?.request(),
    replace: (data: T) => {
      loaderRef.current?.replaced();
      setState({ key, data, error: null, loadedAt: hallNow() });
    },
  };
}

const noLive = (): (() => void) => () => undefined;

export function useLiveStatus(live: LiveConnection | null): LiveStatus {
  return useSyncExternalStore(
    (listener) => (live ? live.onStatus(listener) : noLive()),
    () => live?.status ?? 'offline',
    () => 'connecting',
  );
}
