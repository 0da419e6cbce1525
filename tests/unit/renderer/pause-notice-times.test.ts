// A pause notice's instants are whole milliseconds even when the page's hall clock is a
// fractional estimate (the hall refuses non-integers: the bug this test was written for).
// Mutation tried: dropping Math.round in noticeTimes fails the integer check.
import { describe, expect, it } from 'vitest';
import { noticeTimes } from '../../../renderer/shared/components/PauseNoticeFields.js';

describe('noticeTimes', () => {
  it('gives whole-millisecond instants, resuming `minutes` after the start', () => {
    const times = noticeTimes({ reasonId: 'training', inMinutes: 120, minutes: 60 }, 1_764_000_000_123.25);
    expect(Number.isInteger(times.startsAt) && Number.isInteger(times.resumesAt)).toBe(true);
    expect(times.startsAt).toBe(1_764_000_000_123 + 120 * 60_000);
    expect(times.resumesAt - times.startsAt).toBe(60 * 60_000);
  });
});
