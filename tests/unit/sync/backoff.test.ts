// Retry delays: exponential ceiling with full jitter, capped, Retry-After honoured.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, retryDelay } from '../../../protocol/sync/backoff.js';

const s = { baseMs: 1000, capMs: 300_000 };

describe('uplink backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 8, 9, 50].map((a) => backoffCeiling(a, s))).toEqual([1000, 2000, 4000, 8000, 256_000, 300_000, 300_000]);
  });

  it('full jitter: anywhere in [1, ceiling) as random goes from 0 to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = retryDelay(attempt, s, () => r);
        expect(d).toBeGreaterThanOrEqual(1);
        expect(d).toBeLessThan(backoffCeiling(attempt, s));
      }),
    );
    expect(retryDelay(3, s, () => 0.5)).toBe(4000);
    expect(retryDelay(3, s, () => 0)).toBe(1);
  });

  it('never comes back before Retry-After, even when the jitter is shorter', () => {
    expect(retryDelay(0, s, () => 0.1, 30_000)).toBe(30_000);
    expect(retryDelay(10, s, () => 0.9, 1000)).toBe(270_000);
    // A server asking for longer than the cap is obeyed.
    expect(retryDelay(0, s, () => 0.5, 600_000)).toBe(600_000);
  });
});
