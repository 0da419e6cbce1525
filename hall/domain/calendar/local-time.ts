// Local dates and times of day as plain values: "HH:MM" ↔ minutes, "YYYY-MM-DD"
// ↔ day numbers, weekdays, and the epoch instant of a local date + minute.
// Contract: pure; a fixed UTC offset (China +480, no DST), so every local day
// is exactly 24 h. Malformed input throws an Error naming the bad value —
// never a silently wrong time.
// Danger: minutes past 24:00 are allowed on purpose (a flex window after a
// 24:00 close); callers format them with formatMinutes, which wraps.
import type { DayRule } from '../clock.js';
import { WEEKDAYS, type Weekday } from './types.js';

const DAY_MS = 86_400_000;
const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "HH:MM" → minutes after local midnight; "24:00" → 1440. */
export function parseTime(text: string): number {
  const m = TIME.exec(text);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) throw new Error(`not a time of day "HH:MM": "${text}"`);
  return h * 60 + min;
}

/** Minutes after local midnight → "HH:MM", wrapping past midnight (1470 → "00:30"). */
export function formatMinutes(minutes: number): string {
  const m = ((Math.floor(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "YYYY-MM-DD" → days since 1970-01-01. Rejects impossible dates such as 2026-02-30. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date "YYYY-MM-DD": "${date}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dateOfDayNumber(ms / DAY_MS) !== date) throw new Error(`no such date: "${date}"`);
  return ms / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday (index 3 in WEEKDAYS).
  return WEEKDAYS[(((dayNumber(date) + 3) % 7) + 7) % 7]!;
}

/** The epoch instant of local `date` at `minutes` after local midnight. */
export function instantOf(date: string, minutes: number, utcOffsetMinutes: number): number {
  return dayNumber(date) * DAY_MS + (minutes - utcOffsetMinutes) * 60_000;
}

/** Local date and minute of day of `now`. */
export function localMinuteOf(now: number, utcOffsetMinutes: number): { date: string; minute: number } {
  const shifted = now + utcOffsetMinutes * 60_000;
  const day = Math.floor(shifted / DAY_MS);
  return { date: dateOfDayNumber(day), minute: Math.floor((shifted - day * DAY_MS) / 60_000) };
}

/** Rejects an instant that is not a finite epoch-ms number, naming it. */
export function checkInstant(now: number): number {
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new Error(`calendar: now must be an epoch-ms number, got ${String(now)}`);
  return now;
}

/** The third argument of the calendar functions: a full DayRule, or just the UTC offset (day starts at 03:00). */
export type CalendarClock = number | DayRule;

export function dayRuleOf(clock: CalendarClock): DayRule {
  const rule = typeof clock === 'number' ? { utcOffsetMinutes: clock, dayStartsAtHour: 3 } : clock;
  if (!Number.isInteger(rule.utcOffsetMinutes) || Math.abs(rule.utcOffsetMinutes) > 14 * 60) {
    throw new Error(`utcOffsetMinutes must be a whole number of minutes within ±14 h, got ${rule.utcOffsetMinutes}`);
  }
  if (!Number.isInteger(rule.dayStartsAtHour) || rule.dayStartsAtHour < 0 || rule.dayStartsAtHour > 12) {
    throw new Error(`dayStartsAtHour must be 0–12, got ${rule.dayStartsAtHour}`);
  }
  return rule;
}
