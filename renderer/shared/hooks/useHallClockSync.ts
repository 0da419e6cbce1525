import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import { syncHallClock } from './hallClock';

/**
 * Reads the hall's clock once (GET /hall) and sets the page's hall clock from it.
 * Contract: the page's hall clock is never ahead of the hall's. The hall read its clock some
 * time between our request and its answer; taking the answer's arrival as that moment can
 * only put the page behind (by at most the round trip). Taking the middle of the round trip
 * put the page ahead whenever the hall answered late in it (a busy hall): the counter then
 * enabled 重呼 before the hall's cooldown ended, and the hall refused with "1 秒后才能重呼".
 * Rules the hall enforces as "not before" (the recall cooldown) must be judged this way.
 */
export async function readHallClock(client: Pick<ApiClient, 'call'>, cancelled: () => boolean = () => false): Promise<void> {
  const h = await client.call('hall');
  if (!cancelled() && typeof h?.now === 'number') syncHallClock(h.now, Date.now());
}

/** Pages whose own view carries no time (counter, admin, counter display) take it from /hall. */
export function useHallClockSync(client: ApiClient, everyMs = 10 * 60_000): void {
  useEffect(() => {
    let cancelled = false;
    const sync = () => {
      readHallClock(client, () => cancelled).catch(() => undefined);
    };
    sync();
    const timer = setInterval(sync, everyMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, everyMs]);
}
