// The admin forms' calendar days (renderer/shared/format/calendar-day.ts): real dates only,
// month grids that start on Monday as Chinese calendars do, month steps across a year end.
// Mutation checked: a Sunday-first grid (no `+ 6`) fails the December 2026 grid.
import { describe, expect, test } from 'vitest';
import { dayInRange, dayOfInstant, monthGrid, parseDay, shiftMonth } from '../../../renderer/shared/format/calendar-day';

describe('calendar days for the date picker', () => {
  test('parses real dates only, with their weekday', () => {
    expect(parseDay('2026-12-07')).toEqual({ year: 2026, month: 12, day: 7, weekday: 1 });
    expect(parseDay('2028-02-29')?.weekday).toBe(2);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-5', '', '2026-12-07T00:00']) expect(parseDay(bad)).toBeNull();
  });

  test('a month grid starts on Monday and pads with nothing', () => {
    const december = monthGrid(2026, 12); // 1 December 2026 is a Tuesday
    expect(december[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(december.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(december.flat().filter(Boolean)).toHaveLength(31);
    expect(monthGrid(2027, 2).every((week) => week.length === 7)).toBe(true);
  });

  test('months step across the year end; ranges include their ends', () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(dayInRange('2026-12-07', '2026-12-07', '2026-12-07')).toBe(true);
    expect(dayInRange('2026-12-06', '2026-12-07')).toBe(false);
    expect(dayInRange('2026-12-08', undefined, '2026-12-07')).toBe(false);
  });

  test('an instant falls on the hall-local day (UTC+8)', () => {
    expect(dayOfInstant(Date.parse('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(dayOfInstant(Date.parse('2026-12-06T15:59:00Z'))).toBe('2026-12-06');
  });
});
