// One service day's plan: what kind of day it is (workday, weekend, holiday,
// 调休 make-up workday), its hours, and its periods as contiguous segments
// covering the whole service day [dayStartsAtHour, next day's dayStartsAtHour).
// Contract: pure. Segments are non-empty, ordered, gap-free, and two neighbours
// never share a period. Hours of service day D are read on local date D; any
// part of a window that falls outside the service day (e.g. a flex morning
// starting before 03:00) is cut off, never moved to another day.
// Danger: this is where holidays beat make-up days beat weekly hours; the
// schema guarantees a make-up day is never inside a holiday, so the order only
// matters for unvalidated calendars.
import type { DayRule } from '../clock.js';
import { instantOf, parseTime, formatMinutes, weekdayOf } from './local-time.js';
import type { DayHours, DayKind, DisplayHours, HallCalendar, HallPeriod, WeekHours, Weekday } from './types.js';

export interface Segment {
  from: number;
  to: number;
  period: HallPeriod;
}

export interface DayPlan {
  serviceDay: string;
  weekday: Weekday;
  dayKind: DayKind;
  dayName: string | null;
  /** Bounds of the service day (epoch ms). */
  startsAt: number;
  endsAt: number;
  hours: DisplayHours | null;
  segments: Segment[];
}

/** Kind and name of a local date by the calendar alone. */
export function dayKindOf(calendar: HallCalendar, date: string): { dayKind: DayKind; dayName: string | null; weekday: Weekday } {
  const weekday = weekdayOf(date);
  const holiday = calendar.holidays.find((h) => h.from <= date && date <= h.to);
  if (holiday) return { dayKind: 'holiday', dayName: holiday.name, weekday };
  const makeUp = calendar.makeUpWorkdays.find((m) => m.date === date);
  if (makeUp) return { dayKind: 'make_up_workday', dayName: makeUp.name, weekday };
  return { dayKind: weekday === 'sat' || weekday === 'sun' ? 'weekend' : 'workday', dayName: null, weekday };
}

/** The weekly hours in force on `date`: the first season containing it, else the default hours. */
export function weekHoursOn(calendar: HallCalendar, date: string): WeekHours {
  const md = date.slice(5);
  const season = calendar.seasons.find((s) => (s.from <= s.to ? s.from <= md && md <= s.to : md >= s.from || md <= s.to));
  return season ? season.hours : calendar.hours;
}

/** Regular hours of `date` (null: no regular hours) — a make-up day takes its `hoursOf` weekday's. */
export function regularHoursOn(calendar: HallCalendar, date: string): DayHours | null {
  const { dayKind, weekday } = dayKindOf(calendar, date);
  if (dayKind === 'holiday') return null;
  const week = weekHoursOn(calendar, date);
  if (dayKind === 'make_up_workday') {
    const makeUp = calendar.makeUpWorkdays.find((m) => m.date === date);
    return week[makeUp ? makeUp.hoursOf : weekday];
  }
  return week[weekday];
}

export function dayPlan(calendar: HallCalendar, serviceDay: string, rule: DayRule): DayPlan {
  const { dayKind, dayName, weekday } = dayKindOf(calendar, serviceDay);
  const dayStart = rule.dayStartsAtHour * 60;
  const dayEnd = dayStart + 1440;
  const midnight = instantOf(serviceDay, 0, rule.utcOffsetMinutes);
  const at = (minute: number) => midnight + minute * 60_000;
  const clip = (minute: number) => Math.min(dayEnd, Math.max(dayStart, minute));

  // Breakpoints in local minutes of the service day's date, each starting a period.
  const marks: { minute: number; period: HallPeriod }[] = [];
  let hours: DisplayHours | null = null;

  const regular = regularHoursOn(calendar, serviceDay);
  const ws = calendar.weekendService;
  const weekendService =
    !regular &&
    ws.enabled &&
    ((dayKind === 'weekend' && ws.days.includes(weekday)) || (dayKind === 'holiday' && ws.onHolidays));

  if (regular) {
    const open = parseTime(regular.open);
    const close = parseTime(regular.close);
    if (!(open < close)) throw new Error(`${serviceDay}: opening ${regular.open} is not before closing ${regular.close}`);
    const workingDay = dayKind === 'workday' || dayKind === 'make_up_workday';
    const flex = workingDay && calendar.flex.enabled;
    const before = flex ? calendar.flex.beforeOpenMinutes : 0;
    const after = flex ? calendar.flex.afterCloseMinutes : 0;
    marks.push({ minute: open - before, period: 'flex_morning' }, { minute: open, period: 'open' });
    if (regular.lunch) {
      const start = parseTime(regular.lunch.start);
      const end = parseTime(regular.lunch.end);
      if (!(open <= start && start < end && end <= close)) {
        throw new Error(`${serviceDay}: lunch ${regular.lunch.start}–${regular.lunch.end} is not inside ${regular.open}–${regular.close}`);
      }
      marks.push({ minute: start, period: 'lunch' }, { minute: end, period: 'open' });
    }
    marks.push({ minute: close, period: 'flex_evening' }, { minute: close + after, period: 'closed' });
    hours = {
      kind: 'regular',
      open: regular.open,
      close: regular.close,
      lunch: regular.lunch,
      flexFrom: before > 0 ? formatMinutes(clip(open - before)) : null,
      flexUntil: after > 0 ? formatMinutes(clip(close + after)) : null,
      opensAt: at(clip(open)),
      closesAt: at(clip(close)),
    };
  } else if (weekendService) {
    const open = parseTime(ws.open);
    const close = parseTime(ws.close);
    if (!(open < close)) throw new Error(`weekend service: opening ${ws.open} is not before closing ${ws.close}`);
    marks.push({ minute: open, period: 'weekend_service' }, { minute: close, period: 'closed' });
    hours = { kind: 'weekend_service', open: ws.open, close: ws.close, lunch: null, flexFrom: null, flexUntil: null, opensAt: at(clip(open)), closesAt: at(clip(close)) };
  }

  const opensLater = marks.length > 0;
  const raw: { from: number; period: HallPeriod }[] = [{ from: dayStart, period: opensLater ? 'before_open' : 'closed' }];
  for (const m of marks) raw.push({ from: clip(m.minute), period: m.period });
  // Keep the last mark at each minute (a zero-length window vanishes), then merge equal neighbours.
  const segments: Segment[] = [];
  raw.forEach((r, i) => {
    const to = i + 1 < raw.length ? raw[i + 1]!.from : dayEnd;
    if (to <= r.from) return;
    const last = segments[segments.length - 1];
    if (last && last.period === r.period) last.to = at(to);
    else segments.push({ from: at(r.from), to: at(to), period: r.period });
  });
  return { serviceDay, weekday, dayKind, dayName, startsAt: at(dayStart), endsAt: at(dayEnd), hours, segments };
}
