// Calendar days as the hall's forms use them: "2026-12-07" (the API's format) and the month
// grid of a date picker, Monday first as Chinese calendars are printed. Pure: the day strings
// are calendar dates, never instants, so no time zone enters here (instants go through
// wallClock in the hall's offset).
import { wallClock } from './time';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-07" → its parts; null for anything that is not a real date. */
export function parseDay(text: string): CalendarDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day, weekday: d.getUTCDay() };
}

export function dayText(year: number, month: number, day: number): string {
  return `${year}-${two(month)}-${two(day)}`;
}

/** The hall-local calendar day of an instant. */
export function dayOfInstant(epochMs: number): string {
  const w = wallClock(epochMs);
  return dayText(w.year, w.month, w.day);
}

/** The month `delta` months from year/month. */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The weeks of a month, Monday first; days outside the month are null. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => dayText(year, month, i + 1))];
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Whether a day lies within [min, max] (either may be absent); day strings compare as dates. */
export function dayInRange(day: string, min?: string, max?: string): boolean {
  return (!min || day >= min) && (!max || day <= max);
}
