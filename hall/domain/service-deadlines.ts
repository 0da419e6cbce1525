// Deadlines of the hall's service records (docs/service-records.md), pure:
//   - 容缺受理: the date by which the missing materials must come (N working days);
//   - 限时办结: a matter's promised time limit (承诺办结时限, from the catalog's guide),
//     running from the case's acceptance;
//   - a complaint's reply deadline (N working days).
// Working days come from the hall calendar (holidays, 调休 make-up days) when it has one,
// else Monday to Friday. A deadline of N days ends at the close of the Nth working day
// after the day it starts (local midnight at its end), never counting the starting day.
// `now` and every instant come from the caller.
import type { DayRule } from './clock.js';
import type { HallCalendar } from './calendar/index.js';
import { dayKindOf, weekdayOf, addDays } from './calendar/index.js';
import { instantOf, localMinuteOf } from './calendar/local-time.js';

/** A time limit as the catalog's guide gives it. */
export interface PromisedLimit {
  value: number;
  unit: 'working_days' | 'natural_days' | 'hours' | 'immediate';
}

/** How far a running time limit is: `warning` when it ends within the hall's warning window. */
export type LimitState = 'ok' | 'warning' | 'overdue';

export function isWorkingDay(date: string, calendar: HallCalendar | null): boolean {
  if (calendar) {
    const kind = dayKindOf(calendar, date).dayKind;
    return kind === 'workday' || kind === 'make_up_workday';
  }
  const w = weekdayOf(date);
  return w !== 'sat' && w !== 'sun';
}

/** The local date of `at` (calendar dates, not service days: a deadline is a date on paper). */
export function localDateOf(at: number, rule: DayRule): string {
  return localMinuteOf(at, rule.utcOffsetMinutes).date;
}

/** The end (next local midnight) of `date`. */
export function endOfDate(date: string, rule: DayRule): number {
  return instantOf(addDays(date, 1), 0, rule.utcOffsetMinutes);
}

/** The Nth working day after `from` (n ≥ 1); n = 0 is `from` itself. */
export function addWorkingDays(from: string, n: number, calendar: HallCalendar | null): string {
  let date = from;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) left -= 1;
  }
  return date;
}

/** When N working days from `start` end: the close of the Nth working day after its date. */
export function workingDaysDeadline(start: number, days: number, calendar: HallCalendar | null, rule: DayRule): number {
  return endOfDate(addWorkingDays(localDateOf(start, rule), days, calendar), rule);
}

/** When a promised time limit that started at `acceptedAt` runs out. 即办 (immediate or 0): the close of that day. */
export function promisedDueAt(limit: PromisedLimit, acceptedAt: number, calendar: HallCalendar | null, rule: DayRule): number {
  const today = localDateOf(acceptedAt, rule);
  if (limit.unit === 'immediate' || limit.value === 0) return endOfDate(today, rule);
  if (limit.unit === 'hours') return acceptedAt + limit.value * 3_600_000;
  if (limit.unit === 'natural_days') return endOfDate(addDays(today, limit.value), rule);
  return workingDaysDeadline(acceptedAt, limit.value, calendar, rule);
}

/** ok, warning (ends within `warnBeforeMs`) or overdue, at `now`. */
export function limitState(dueAt: number, now: number, warnBeforeMs: number): LimitState {
  if (now >= dueAt) return 'overdue';
  return dueAt - now <= warnBeforeMs ? 'warning' : 'ok';
}
