// The phone ticket page says when it is stale (renderer/ticket/staleness.ts).
// Mutations checked: dropping the failed-refresh rule, or the two-period rule, fails a case here.
import { describe, expect, it } from 'vitest';
import { staleSince } from '../../../renderer/ticket/staleness';

const REFRESH = 15_000;
const lastGood = Date.parse('2026-12-07T10:42:00+08:00');

describe('the phone ticket page', () => {
  it('is current right after a good refresh and through one slow period', () => {
    expect(staleSince(lastGood, false, lastGood, REFRESH)).toBeNull();
    expect(staleSince(lastGood, false, lastGood + 2 * REFRESH, REFRESH)).toBeNull();
  });

  it('is stale, since its last good update, as soon as a refresh fails (the hall unreachable)', () => {
    expect(staleSince(lastGood, true, lastGood + 1_000, REFRESH)).toBe(lastGood);
  });

  it('is stale when no refresh has come back for more than two periods (a request that hangs)', () => {
    expect(staleSince(lastGood, false, lastGood + 2 * REFRESH + 1, REFRESH)).toBe(lastGood);
  });
});
