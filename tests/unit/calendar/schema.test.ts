// The calendar section of the hall config: defaults when absent, clear errors
// with paths for wrong values, and the 2026 holiday example file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarReferenceProblems, hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import { dayKindOf, hallModeAt, weekdayOf } from '../../../hall/domain/calendar/index.js';
import { CN, at, calendar } from './calendar-fixtures.js';

const root = path.resolve(import.meta.dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function problems(section: unknown): string[] {
  const r = hallCalendarSchema.safeParse(section);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('hallCalendarSchema defaults', () => {
  it('an existing hall config without a calendar section still parses, with the default calendar', () => {
    const withCalendar = z.object({ calendar: hallCalendarSchema }).loose();
    const parsed = withCalendar.parse(readJson('config/demo-hall.json'));
    expect(parsed.calendar.hours.mon).toEqual({ open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30' } });
    expect(parsed.calendar.hours.sat).toBeNull();
    expect(parsed.calendar).toMatchObject({ lunchNonStop: true, flex: { enabled: true, beforeOpenMinutes: 60, afterCloseMinutes: 60 }, holidays: [] });
    expect(parsed.calendar.weekendService.enabled).toBe(false);
    expect(parsed.calendar.selfServiceZone).toEqual({ enabled: true, ticketsDuringHours: true });
  });

  it('a partial section keeps the other defaults', () => {
    const c = calendar({ hours: { wed: null }, flex: { afterCloseMinutes: 30 } });
    expect(c.hours.wed).toBeNull();
    expect(c.hours.thu?.open).toBe('09:00');
    expect(c.flex).toEqual({ enabled: true, beforeOpenMinutes: 60, afterCloseMinutes: 30 });
  });
});

describe('hallCalendarSchema errors name the path and the reason', () => {
  it('hours', () => {
    expect(problems({ hours: { mon: { open: '17:00', close: '09:00' } } })).toEqual(['hours.mon.close: closing 09:00 must be after opening 17:00']);
    expect(problems({ hours: { tue: { open: '9:00', close: '17:00' } } })).toEqual(['hours.tue.open: must be a time "HH:MM" (00:00–23:59)']);
    expect(problems({ hours: { wed: { open: '09:00', close: '17:00', lunch: { start: '08:00', end: '09:30' } } } })).toEqual([
      'hours.wed.lunch: lunch 08:00–09:30 must lie within opening hours 09:00–17:00',
    ]);
    expect(problems({ hours: { thu: { open: '09:00', close: '24:00' } } })).toEqual([]);
  });

  it('dates, holidays and make-up days', () => {
    expect(problems({ holidays: [{ name: '春节', from: '2026-02-30', to: '2026-03-01' }] })).toEqual(['holidays.0.from: must be a real date "YYYY-MM-DD"']);
    expect(problems({ holidays: [{ name: '春节', from: '2026-02-23', to: '2026-02-15' }] })).toEqual(['holidays.0.to: holiday must end on or after its first day']);
    expect(problems({ makeUpWorkdays: [{ date: '2026-02-16' }] })).toEqual([
      'makeUpWorkdays.0.date: 2026-02-16 is a mon, not a weekend day: a make-up working day (调休) is a Saturday or Sunday',
    ]);
    expect(problems({ holidays: [{ name: '春节', from: '2026-02-14', to: '2026-02-23' }], makeUpWorkdays: [{ date: '2026-02-14' }] })).toEqual([
      'makeUpWorkdays.0.date: 2026-02-14 is inside the holiday "春节" (2026-02-14–2026-02-23)',
    ]);
    expect(problems({ hours: { mon: null }, makeUpWorkdays: [{ date: '2026-02-14' }] })).toEqual([
      'makeUpWorkdays.0.hoursOf: make-up day 2026-02-14 keeps the hours of "mon", but the hall is closed on that weekday',
    ]);
    expect(
      problems({
        holidays: [
          { name: 'A', from: '2026-05-01', to: '2026-05-05' },
          { name: 'B', from: '2026-05-05', to: '2026-05-06' },
        ],
      }),
    ).toEqual(['holidays.1: overlaps holiday "A" (2026-05-01–2026-05-05)']);
  });

  it('extended-hours settings', () => {
    expect(problems({ flex: { beforeOpenMinutes: -5 } })).toHaveLength(1);
    expect(problems({ weekendService: { days: ['mon'] } })[0]).toMatch(/^weekendService\.days\.0: /);
    expect(problems({ weekendService: { open: '12:00', close: '10:00' } })).toEqual(['weekendService.close: closing 10:00 must be after opening 12:00']);
    expect(problems({ weekendService: { counterMatterIds: ['m1', 'm1'] } })).toEqual(['weekendService.counterMatterIds: matter "m1" is listed twice']);
    expect(problems({ seasons: [{ name: '夏', from: '13-01', to: '09-30', hours: {} }] })).toEqual(['seasons.0.from: must be a month and day "MM-DD"']);
  });

  it('weekend-service matters must exist in the hall', () => {
    const c = calendar({ weekendService: { counterMatterIds: ['m-sb', 'm-ghost'] } });
    expect(calendarReferenceProblems(c, [{ id: 'm-sb' }])).toEqual([{ path: ['calendar', 'weekendService', 'counterMatterIds', 1], message: 'no matter "m-ghost"' }]);
  });
});

describe('config/calendars/cn-2026.json (国务院办公厅 2026 holiday notice)', () => {
  const cn = calendar(readJson('config/calendars/cn-2026.json'));

  it('parses, says where its dates come from and that the manager must check them', () => {
    expect(cn.source).toMatch(/国务院办公厅关于2026年部分节假日安排的通知/);
    expect(cn.source).toMatch(/must check/);
    expect(cn.holidayYears).toEqual([2026]);
  });

  it('holds the seven holidays with the lengths the notice gives (3, 9, 3, 5, 3, 3, 7 days)', () => {
    const days = cn.holidays.map((h) => `${h.name}:${(Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1}`);
    expect(days).toEqual(['元旦:3', '春节:9', '清明节:3', '劳动节:5', '端午节:3', '中秋节:3', '国庆节:7']);
  });

  it('every 调休 day is the weekday the notice names (周日 or 周六) and the hall works it', () => {
    const named: Record<string, string> = { '2026-01-04': 'sun', '2026-02-14': 'sat', '2026-02-28': 'sat', '2026-05-09': 'sat', '2026-09-20': 'sun', '2026-10-10': 'sat' };
    expect(cn.makeUpWorkdays.map((m) => m.date).sort()).toEqual(Object.keys(named).sort());
    for (const m of cn.makeUpWorkdays) {
      expect(weekdayOf(m.date), m.date).toBe(named[m.date]);
      expect(hallModeAt(cn, at(`${m.date} 10:00`), CN), m.date).toMatchObject({ dayKind: 'make_up_workday', period: 'open' });
    }
  });

  it('the holidays fall on the weekdays the notice names', () => {
    // The notice: 元旦 1月1日(周四)…3日(周六); 春节 2月15日(周日)…23日(周一); 清明 4月4日(周六); 劳动节 5月1日(周五)…5日(周二);
    // 端午 6月19日(周五)…21日(周日); 中秋 9月25日(周五)…27日(周日); 国庆 10月1日(周四)…7日(周三).
    const ends = cn.holidays.map((h) => `${weekdayOf(h.from)}-${weekdayOf(h.to)}`);
    expect(ends).toEqual(['thu-sat', 'sun-mon', 'sat-mon', 'fri-tue', 'fri-sun', 'fri-sun', 'thu-wed']);
    expect(dayKindOf(cn, '2026-02-17').dayKind).toBe('holiday');
    expect(dayKindOf(cn, '2026-02-24').dayKind).toBe('workday');
  });
});
