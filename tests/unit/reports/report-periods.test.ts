// The report form's periods and the reports' duration figures.
// Mutations checked: a week starting on Sunday (getUTCDay() without the +6 shift) → the Sunday case
// fails; percentiles interpolated (mean of the two middle values) → p50 of [1,2,3,4] is 2.5, not 2.
import { describe, expect, it } from 'vitest';
import { minutesOf, periodOf } from '../../../renderer/admin/reportPeriods';
import { durationStats } from '../../../hall/reports/stats';
import { localHalfHour, localHour } from '../../../hall/reports/hall-report';

describe('report periods', () => {
  it('today, this week from Monday, this month, last month', () => {
    expect(periodOf('today', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(periodOf('week', '2026-12-09')).toEqual({ from: '2026-12-07', to: '2026-12-09' }); // a Wednesday
    expect(periodOf('week', '2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' }); // a Sunday
    expect(periodOf('month', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(periodOf('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
  it('minutes with one decimal', () => {
    expect(minutesOf(90)).toBe('1.5');
    expect(minutesOf(null)).toBeNull();
  });
});

describe('duration figures', () => {
  it('nearest-rank percentiles: a wait that happened', () => {
    expect(durationStats([4000, 1000, 3000, 2000])).toEqual({ count: 4, mean: 2.5, p50: 2, p90: 4, max: 4 });
    expect(durationStats([])).toEqual({ count: 0, mean: null, p50: null, p90: null, max: null });
  });
  it('local hour and half hour in the hall time zone (UTC+8)', () => {
    const at = Date.UTC(2026, 11, 7, 1, 45); // 09:45 in Beijing
    expect(localHour(at, 480)).toBe('09');
    expect(localHalfHour(at, 480)).toBe('09:30');
    expect(localHalfHour(Date.UTC(2026, 11, 7, 16, 10), 480)).toBe('00:00');
  });
});
