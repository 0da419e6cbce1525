// The `calendar` section of the hall configuration (docs/calendar.md): opening
// hours per weekday, lunch, seasons, holidays, 调休 make-up days, 早晚弹性办,
// 周末不休息 and the 24-hour zone.
// Contract: every field has a default, so an empty or absent section parses
// (`hallCalendarSchema.parse(undefined)` gives Mon–Fri 09:00–17:00, lunch
// 12:00–13:30, flex ±60 min, no holidays; schema.ts itself chooses to read an
// absent section as "no calendar, always open"). A calendar that
// parses is consistent: open < close, lunch inside the day, real dates,
// ranges in order, make-up days on a Saturday or Sunday outside any holiday.
// Matter references are checked by calendarReferenceProblems (it needs the
// matter list of the whole config).
// Danger: holiday dates change every year; holidayYears says which years the
// list covers, and hallModeAt flags days outside them (holidaysKnown: false).
import { z } from 'zod';
import { isValidDate, parseTime, weekdayOf } from '../domain/calendar/local-time.js';
import type { HallCalendar } from '../domain/calendar/types.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (00:00–23:59)');
const closeTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time "HH:MM" (up to 24:00)');
const date = z.string().refine(isValidDate, 'must be a real date "YYYY-MM-DD"');
const monthDay = z.string().refine((s) => /^\d{2}-\d{2}$/.test(s) && isValidDate(`2024-${s}`), 'must be a month and day "MM-DD"');
const matterId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');

/** Minutes of a time, or null when it is malformed (its own field reports that). */
function minutesOrNull(text: string): number | null {
  try {
    return parseTime(text);
  } catch {
    return null;
  }
}

const lunchSchema = z.object({ start: time, end: closeTime });

export const dayHoursSchema = z
  .object({ open: time, close: closeTime, lunch: lunchSchema.nullable().default(null) })
  .superRefine((d, ctx) => {
    const open = minutesOrNull(d.open);
    const close = minutesOrNull(d.close);
    if (open === null || close === null) return;
    if (open >= close) ctx.addIssue({ code: 'custom', path: ['close'], message: `closing ${d.close} must be after opening ${d.open}` });
    if (d.lunch) {
      const start = minutesOrNull(d.lunch.start);
      const end = minutesOrNull(d.lunch.end);
      if (start === null || end === null) return;
      if (start >= end) ctx.addIssue({ code: 'custom', path: ['lunch', 'end'], message: `lunch end ${d.lunch.end} must be after its start ${d.lunch.start}` });
      else if (start < open || end > close) {
        ctx.addIssue({ code: 'custom', path: ['lunch'], message: `lunch ${d.lunch.start}–${d.lunch.end} must lie within opening hours ${d.open}–${d.close}` });
      }
    }
  });

const workday = { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30' } };
export const DEFAULT_WEEK_HOURS = { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: null, sun: null };

const dayOrClosed = dayHoursSchema.nullable();
export const weekHoursSchema = z.object({
  mon: dayOrClosed.default(workday),
  tue: dayOrClosed.default(workday),
  wed: dayOrClosed.default(workday),
  thu: dayOrClosed.default(workday),
  fri: dayOrClosed.default(workday),
  sat: dayOrClosed.default(null),
  sun: dayOrClosed.default(null),
});

/** A season lists only the weekdays it changes; the others keep the calendar's `hours`. */
export const seasonSchema = z.object({
  name: z.string().min(1),
  from: monthDay,
  to: monthDay,
  hours: z.object({
    mon: dayOrClosed.optional(),
    tue: dayOrClosed.optional(),
    wed: dayOrClosed.optional(),
    thu: dayOrClosed.optional(),
    fri: dayOrClosed.optional(),
    sat: dayOrClosed.optional(),
    sun: dayOrClosed.optional(),
  }),
});

export const holidaySchema = z
  .object({ name: z.string().min(1), from: date, to: date })
  .refine((h) => h.from <= h.to, { message: 'holiday must end on or after its first day', path: ['to'] });

export const makeUpWorkdaySchema = z.object({
  date,
  name: z.string().default('调休上班'),
  /** Whose weekday hours the make-up day keeps (a working weekday: it stands in for one). */
  hoursOf: z.enum(['mon', 'tue', 'wed', 'thu', 'fri']).default('mon'),
});

export const flexSchema = z
  .object({
    enabled: z.boolean().default(true),
    beforeOpenMinutes: z.number().int().min(0).max(180).default(60),
    afterCloseMinutes: z.number().int().min(0).max(180).default(60),
  })
  .prefault({});

export const weekendServiceSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Rest days with service: Saturday and/or Sunday (only when that weekday has no regular hours). */
    days: z.array(z.enum(['sat', 'sun'])).default(['sat', 'sun']),
    onHolidays: z.boolean().default(false),
    open: time.default('09:00'),
    close: closeTime.default('17:00'),
    counterMatterIds: z.array(matterId).default([]),
  })
  .superRefine((w, ctx) => {
    const open = minutesOrNull(w.open);
    const close = minutesOrNull(w.close);
    if (open !== null && close !== null && open >= close) ctx.addIssue({ code: 'custom', path: ['close'], message: `closing ${w.close} must be after opening ${w.open}` });
    const dup = w.counterMatterIds.find((m, i) => w.counterMatterIds.indexOf(m) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['counterMatterIds'], message: `matter "${dup}" is listed twice` });
  })
  .prefault({});

export const selfServiceZoneSchema = z
  .object({ enabled: z.boolean().default(true), ticketsDuringHours: z.boolean().default(true) })
  .prefault({});

export const hallCalendarSchema = z
  .object({
    hours: weekHoursSchema.prefault({}),
    seasons: z.array(seasonSchema).default([]),
    lunchNonStop: z.boolean().default(true),
    holidays: z.array(holidaySchema).default([]),
    makeUpWorkdays: z.array(makeUpWorkdaySchema).default([]),
    holidayYears: z.array(z.number().int().min(2000).max(2100)).default([]),
    flex: flexSchema,
    weekendService: weekendServiceSchema,
    selfServiceZone: selfServiceZoneSchema,
    source: z.string().default(''),
  })
  .transform((c) => ({
    ...c,
    seasons: c.seasons.map((season) => {
      const hours = { ...c.hours };
      for (const [day, value] of Object.entries(season.hours)) if (value !== undefined) hours[day as keyof typeof hours] = value;
      return { ...season, hours };
    }),
  }))
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const seen = new Set<string>();
    c.makeUpWorkdays.forEach((m, i) => {
      if (!isValidDate(m.date)) return; // already reported
      if (seen.has(m.date)) issue(['makeUpWorkdays', i, 'date'], `make-up day ${m.date} is listed twice`);
      seen.add(m.date);
      const wd = weekdayOf(m.date);
      if (wd !== 'sat' && wd !== 'sun') issue(['makeUpWorkdays', i, 'date'], `${m.date} is a ${wd}, not a weekend day: a make-up working day (调休) is a Saturday or Sunday`);
      const holiday = c.holidays.find((h) => h.from <= m.date && m.date <= h.to);
      if (holiday) issue(['makeUpWorkdays', i, 'date'], `${m.date} is inside the holiday "${holiday.name}" (${holiday.from}–${holiday.to})`);
      const weeks = [c.hours, ...c.seasons.map((s) => s.hours)];
      if (weeks.every((w) => w[m.hoursOf] === null)) issue(['makeUpWorkdays', i, 'hoursOf'], `make-up day ${m.date} keeps the hours of "${m.hoursOf}", but the hall is closed on that weekday`);
    });
    c.holidays.forEach((h, i) => {
      const other = c.holidays.findIndex((o, j) => j < i && o.from <= h.to && h.from <= o.to);
      if (other >= 0) {
        issue(['holidays', i], `overlaps holiday "${c.holidays[other]!.name}" (${c.holidays[other]!.from}–${c.holidays[other]!.to})`);
      }
    });
  })
  .prefault({});

export type HallCalendarConfig = z.output<typeof hallCalendarSchema>;

// The parsed section is exactly what the domain takes: fails to compile if they drift apart.
const _fits = (c: HallCalendarConfig): HallCalendar => c;
void _fits;

/** Matter references that the calendar alone cannot check; path and reason per problem. */
export function calendarReferenceProblems(
  calendar: HallCalendar,
  matters: readonly { id: string }[],
): { path: (string | number)[]; message: string }[] {
  const known = new Set(matters.map((m) => m.id));
  const problems: { path: (string | number)[]; message: string }[] = [];
  calendar.weekendService.counterMatterIds.forEach((id, i) => {
    if (!known.has(id)) problems.push({ path: ['calendar', 'weekendService', 'counterMatterIds', i], message: `no matter "${id}"` });
  });
  return problems;
}
