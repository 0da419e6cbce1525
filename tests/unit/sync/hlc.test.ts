// The hybrid logical clock: sortable encoding, monotonic under wall-clock
// jumps, restart from a stored reading, merge of remote readings, drift guard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, encodeHlc, Hlc, HlcDriftError, HlcFormatError, HLC_MAX_COUNTER, hlcNodeId, parseHlc } from '../../../hall/sync/hlc.js';

const T = Date.UTC(2026, 10, 21, 1, 0);

describe('HLC encoding', () => {
  it('round-trips and sorts as strings exactly as it orders as readings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ physical: fc.integer({ min: 0, max: 2 ** 45 }), counter: fc.integer({ min: 0, max: HLC_MAX_COUNTER }), node: fc.constantFrom('hall-a', 'hall-b', 'x') }), { minLength: 2, maxLength: 30 }),
        (readings) => {
          for (const r of readings) expect(parseHlc(encodeHlc(r))).toEqual(r);
          const byString = [...readings].sort((a, b) => (encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0));
          const byOrder = [...readings].sort(compareHlc);
          expect(byString.map(encodeHlc)).toEqual(byOrder.map(encodeHlc));
        },
      ),
    );
  });

  it('matches the protocol example and refuses malformed text with a clear error', () => {
    expect(encodeHlc({ physical: 1763700000000, counter: 0, node: 'hall-1' })).toBe('0001763700000000:0000:hall-1');
    expect(() => parseHlc('1763700000000:0:hall')).toThrow(HlcFormatError);
    expect(() => parseHlc('0001763700000000:00zz:hall')).toThrow(/expected 16 digits/);
    expect(hlcNodeId('大厅 1:2')).toBe('___1_2');
    expect(hlcNodeId('')).toBe('hall');
  });
});

describe('HLC clock', () => {
  it('keeps growing whatever the wall clock does (back, still, forward, across midnight)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -86_400_000, max: 86_400_000 }), { minLength: 1, maxLength: 200 }), (jumps) => {
        let wall = T;
        const clock = new Hlc('hall-1', { wall: () => wall });
        let prev = clock.now();
        for (const j of jumps) {
          wall += j;
          const next = clock.now();
          expect(next > prev).toBe(true);
          prev = next;
        }
      }),
    );
  });

  it('uses the wall clock when it is ahead, and a counter while it stands still or went back', () => {
    let wall = T;
    const clock = new Hlc('h', { wall: () => wall });
    expect(parseHlc(clock.now())).toEqual({ physical: T, counter: 0, node: 'h' });
    expect(parseHlc(clock.now())).toEqual({ physical: T, counter: 1, node: 'h' });
    wall = T - 3600_000;
    expect(parseHlc(clock.now())).toEqual({ physical: T, counter: 2, node: 'h' });
    expect(clock.aheadMs()).toBe(3600_000);
    wall = T + 5;
    expect(parseHlc(clock.now())).toEqual({ physical: T + 5, counter: 0, node: 'h' });
  });

  it('borrows a millisecond when the counter would overflow instead of failing', () => {
    const clock = new Hlc('h', { wall: () => T, last: { physical: T, counter: HLC_MAX_COUNTER - 1, node: 'h' } });
    expect(parseHlc(clock.now())).toEqual({ physical: T, counter: HLC_MAX_COUNTER, node: 'h' });
    expect(parseHlc(clock.now())).toEqual({ physical: T + 1, counter: 0, node: 'h' });
  });

  it('continues after a restart from the newest stored reading even if the wall clock is behind it', () => {
    const stored = encodeHlc({ physical: T + 60_000, counter: 4, node: 'h' });
    const clock = new Hlc('h', { wall: () => T, last: stored });
    expect(clock.now() > stored).toBe(true);
  });

  it('merges a remote reading so the next local one sorts after it', () => {
    const clock = new Hlc('a', { wall: () => T });
    const remote = encodeHlc({ physical: T + 30_000, counter: 7, node: 'central' });
    const merged = clock.receive(remote);
    expect(parseHlc(merged)).toEqual({ physical: T + 30_000, counter: 8, node: 'a' });
    expect(clock.now() > remote).toBe(true);
    // An older remote changes nothing but the counter.
    const before = clock.last();
    clock.receive(encodeHlc({ physical: T - 1000, counter: 0, node: 'central' }));
    expect(clock.last().physical).toBe(before.physical);
    expect(clock.last().counter).toBe(before.counter + 1);
  });

  it('refuses a remote clock more than the allowed drift ahead and stays where it was', () => {
    const clock = new Hlc('a', { wall: () => T, maxDriftMs: 5 * 60_000 });
    clock.now();
    const before = clock.last();
    expect(() => clock.receive(T + 6 * 60_000)).toThrow(HlcDriftError);
    expect(clock.last()).toEqual(before);
    expect(() => clock.receive(T + 4 * 60_000)).not.toThrow();
    // The drift guard can use the caller's wall time (the uplink's clock).
    expect(() => clock.receive(T + 20 * 60_000, T + 18 * 60_000)).not.toThrow();
  });
});
