import { useSyncExternalStore } from 'react';

const query = '(orientation: portrait)';

function subscribe(listener: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', listener);
  return () => mql.removeEventListener('change', listener);
}

/** Portrait (1080×1920, the usual kiosk) or landscape. */
export function usePortrait(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => true,
  );
}
