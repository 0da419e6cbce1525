import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import { syncHallClock } from './hallClock';

/** Pages whose own view carries no time (counter, admin, counter display) take it from /hall. */
export function useHallClockSync(client: ApiClient, everyMs = 10 * 60_000): void {
  useEffect(() => {
    let cancelled = false;
    const sync = () => {
      const sentAt = Date.now();
      client
        .call('hall')
        .then((h) => {
          // Half the round trip is the best guess of when the hall read its clock.
          if (!cancelled && typeof h?.now === 'number') syncHallClock(h.now, (sentAt + Date.now()) / 2);
        })
        .catch(() => undefined);
    };
    sync();
    const timer = setInterval(sync, everyMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, everyMs]);
}
