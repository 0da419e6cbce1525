// The counter page's hall clock from GET /hall (renderer/shared/hooks/useHallClockSync.ts):
// never ahead of the hall's. The page enables 重呼 when its hall clock passes the hall's
// recall readyAt; a page ahead of the hall sent a recall the hall refused ("刚叫过，1 秒后才能
// 重呼。", tests/e2e/counter-rules.test.ts under load).
// Here the terminal and the hall share one clock (as in that test), so the true offset is 0.
// Mutation checked: syncing to the middle of the round trip (the old rule) puts the page
// ahead when the hall read its clock late in the round trip, and the first test fails.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../renderer/shared/api/client';
import { hallNow, syncHallClock } from '../../../renderer/shared/hooks/hallClock';
import { readHallClock } from '../../../renderer/shared/hooks/useHallClockSync';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A hall whose GET /hall reads its clock after `beforeRead` ms and answers `afterRead` ms later. */
function hall(beforeRead: number, afterRead: number): Pick<ApiClient, 'call'> {
  return {
    call: (async () => {
      await sleep(beforeRead);
      const now = Date.now();
      await sleep(afterRead);
      return { now };
    }) as unknown as ApiClient['call'],
  };
}

afterEach(() => syncHallClock(Date.now()));

describe('the page\'s hall clock from GET /hall', () => {
  const roundTrips: [string, number, number][] = [
    ['the hall answered late in the round trip (busy before reading its clock)', 300, 0],
    ['the answer took long to arrive after the hall read its clock', 0, 300],
  ];
  for (const [when, beforeRead, afterRead] of roundTrips) {
    it(`is not ahead of the hall, and behind by no more than the round trip, when ${when}`, async () => {
      const sentAt = Date.now();
      await readHallClock(hall(beforeRead, afterRead));
      const roundTrip = Date.now() - sentAt;
      const ahead = hallNow() - Date.now();
      expect(ahead).toBeLessThanOrEqual(0);
      expect(ahead).toBeGreaterThanOrEqual(-roundTrip);
    });
  }

  it('keeps its clock when the page has gone (the answer arrives after the page stopped asking)', async () => {
    syncHallClock(Date.now() + 60_000);
    await readHallClock(hall(0, 0), () => true);
    expect(hallNow() - Date.now()).toBeGreaterThan(50_000);
  });
});
