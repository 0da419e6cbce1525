// Working-day deadlines of the service records (hall/domain/service-deadlines.ts): 容缺受理
// promise dates, 限时办结 due times and complaint replies skip weekends and public holidays and
// count 调休 make-up workdays, from the hall calendar (config/calendars/cn-2026.json's 2026
// holidays). Mutation tried: isWorkingDay ignoring the calendar (weekdays only) — the 国庆 / 调休
// test fails.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import { addWorkingDays, limitState, promisedDueAt, workingDaysDeadline } from '../../../hall/domain/service-deadlines.js';

const cn2026 = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../config/calendars/cn-2026.json'), 'utf8')) as Record<string, unknown>;
const calendar = hallCalendarSchema.parse(cn2026);
const rule = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
const HOUR = 3_600_000;
/** 10:00 local on a date. */
const at10 = (date: string) => Date.parse(`${date}T10:00:00+08:00`);
/** The end (next local midnight) of a date. */
const endOf = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + 24 * HOUR;

describe('working-day deadlines', () => {
  it('skips the weekend: 5 working days from Wednesday 2026-11-25 end on Wednesday 2026-12-02', () => {
    expect(promisedDueAt({ value: 5, unit: 'working_days' }, at10('2026-11-25'), calendar, rule)).toBe(endOf('2026-12-02'));
    expect(promisedDueAt({ value: 5, unit: 'natural_days' }, at10('2026-11-25'), calendar, rule)).toBe(endOf('2026-11-30'));
    expect(promisedDueAt({ value: 4, unit: 'hours' }, at10('2026-11-25'), calendar, rule)).toBe(at10('2026-11-25') + 4 * HOUR);
    expect(promisedDueAt({ value: 0, unit: 'immediate' }, at10('2026-11-25'), calendar, rule)).toBe(endOf('2026-11-25'));
  });

  it('skips public holidays and counts 调休 make-up workdays from the calendar', () => {
    // Wednesday 2026-09-30, then 国庆节 2026-10-01…07; Saturday 2026-10-10 is a make-up workday.
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10');
    expect(workingDaysDeadline(at10('2026-09-30'), 3, calendar, rule)).toBe(endOf('2026-10-10'));
    // Without a calendar: Monday to Friday only.
    expect(addWorkingDays('2026-09-30', 3, null)).toBe('2026-10-05');
  });

  it('says ok, warning within the window, overdue from the due time on', () => {
    const due = endOf('2026-12-02');
    expect(limitState(due, due - 25 * HOUR, 24 * HOUR)).toBe('ok');
    expect(limitState(due, due - 24 * HOUR, 24 * HOUR)).toBe('warning');
    expect(limitState(due, due, 24 * HOUR)).toBe('overdue');
  });
});
