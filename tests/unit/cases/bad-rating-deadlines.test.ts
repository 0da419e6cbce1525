// 差评 deadlines (hall/cases/deadlines.ts) set through the hall configuration file a user
// writes (badRatingCases), with the cn-2026 calendar's holidays and 调休 make-up days:
// 001 第三十六条 (回访 48 hours, 整改 15 natural days), 002 第三十二条 (a real-name 差评 revisited
// within one working day), a 5-working-day 整改 (Dezhou). Bad settings are refused with the path.
// Mutations tried: caseDeadlines ignoring realName (the real-name test fails); rectify always in
// natural days (the working-days test fails); the calendar not passed (the 国庆 test fails).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import { caseDeadlines, stageState } from '../../../hall/cases/deadlines.js';
import { summariseBadRatingCases, type BadRatingCaseRecord } from '../../../hall/cases/query.js';
import { demoConfigWith } from '../../helpers/hall-harness.js';

const cn2026 = hallCalendarSchema.parse(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../config/calendars/cn-2026.json'), 'utf8')));
const rule = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
const HOUR = 3_600_000;
const at = (date: string, hh = 10) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:00:00+08:00`);
const endOf = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + 24 * HOUR;
const settingsFrom = (section: unknown) => loadHallConfig(demoConfigWith((c) => (c.badRatingCases = section))).badRatingCases;

describe('差评 deadlines from the configuration file', () => {
  it('defaults to 001 第三十六条 and 002 第三十二条: 48 hours, 15 natural days, real-name one working day', () => {
    const s = settingsFrom({});
    const friday = at('2026-11-27');
    expect(caseDeadlines(friday, false, s, cn2026, rule)).toEqual({ revisitDueAt: friday + 48 * HOUR, rectifyDueAt: endOf('2026-12-12') });
    // Real-name on a Friday: the close of Monday, the next working day.
    expect(caseDeadlines(friday, true, s, cn2026, rule).revisitDueAt).toBe(endOf('2026-11-30'));
  });

  it('counts working days with the hall calendar: 国庆 holidays skipped, the 调休 Saturday counted', () => {
    const s = settingsFrom({ rectify: { value: 5, unit: 'working_days' }, revisit: { hours: 24, realNameWorkingDays: 1 } });
    const beforeHoliday = at('2026-09-30');
    // 2026-10-01…07 are 国庆; 10-08 (Thu), 10-09 (Fri), 10-10 (调休 Saturday), 10-12, 10-13.
    expect(caseDeadlines(beforeHoliday, false, s, cn2026, rule)).toEqual({ revisitDueAt: beforeHoliday + 24 * HOUR, rectifyDueAt: endOf('2026-10-13') });
    expect(caseDeadlines(beforeHoliday, true, s, cn2026, rule).revisitDueAt).toBe(endOf('2026-10-08'));
    // Without a calendar the same settings count Monday to Friday only.
    expect(caseDeadlines(beforeHoliday, false, s, null, rule).rectifyDueAt).toBe(endOf('2026-10-07'));
  });

  it('applies the hours to real-name ratings too when realNameWorkingDays is null', () => {
    const s = settingsFrom({ revisit: { hours: 24, realNameWorkingDays: null } });
    expect(caseDeadlines(at('2026-11-27'), true, s, cn2026, rule).revisitDueAt).toBe(at('2026-11-27') + 24 * HOUR);
  });

  it('refuses a misspelt key, a bad unit and a repeated tag code, naming the setting', () => {
    expect(() => settingsFrom({ rectify: { value: 15, unit: 'weeks' } })).toThrow(/badRatingCases\.rectify\.unit/);
    expect(() => settingsFrom({ revisitHours: 48 })).toThrow(/badRatingCases/);
    expect(() => settingsFrom({ reasonTags: [{ code: 'a', label: '甲' }, { code: 'a', label: '乙' }] })).toThrow(/listed twice/);
  });

  it('tells a running stage from a finished one, on time or late', () => {
    const due = endOf('2026-12-02');
    expect(stageState(due, null, due - 13 * HOUR, 12 * HOUR)).toBe('ok');
    expect(stageState(due, null, due - 12 * HOUR, 12 * HOUR)).toBe('warning');
    expect(stageState(due, null, due, 12 * HOUR)).toBe('overdue');
    expect(stageState(due, due, due + HOUR, 12 * HOUR)).toBe('done');
    expect(stageState(due, due + 1, due + HOUR, 12 * HOUR)).toBe('done_late');
  });
});

describe('summariseBadRatingCases (the reports\' read function)', () => {
  const base: BadRatingCaseRecord = { id: 'x', code: 'B1', ratingId: 'r', serviceDay: '2026-12-01', matterId: 'm', counterId: 'c01', staffId: null, level: 'dissatisfied', status: 'opened', outcome: null, ratedAt: 0, revisitDueAt: 100, revisitedAt: null, rectifyDueAt: 1000, closedAt: null, escalated: false };
  it('counts states and on-time closures; running stages past their deadline are late', () => {
    const s = summariseBadRatingCases(
      [
        { ...base, id: 'a', status: 'closed', outcome: 'resolved', revisitedAt: 50, closedAt: 900 },
        { ...base, id: 'b', status: 'closed', outcome: 'resolved', revisitedAt: 150, closedAt: 1100 },
        { ...base, id: 'c', status: 'revisited', revisitedAt: 90 },
        { ...base, id: 'd', status: 'opened' },
        { ...base, id: 'e', status: 'closed', outcome: 'appeal_upheld', closedAt: 80 },
      ],
      500,
    );
    expect(s.byStatus).toMatchObject({ closed: 3, revisited: 1, opened: 1 });
    expect(s.revisit).toEqual({ onTime: 3, late: 2, pending: 0 });
    expect(s.rectify).toEqual({ onTime: 2, late: 1, pending: 2 });
    expect(s.onTimeRate).toBeCloseTo(2 / 3);
  });
});
