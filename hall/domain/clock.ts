// Time, injected. The domain never reads the system clock: the hall service
// passes `now` (epoch ms) into every decision, so tests can run whole service
// days in milliseconds.

export interface Clock {
  now(): number;
}

export interface DayRule {
  /** Offset of hall local time from UTC in minutes (China: +480, no DST). */
  utcOffsetMinutes: number;
  /** Local hour at which a new service day begins; before it, it is still "yesterday". */
  dayStartsAtHour: number;
}

/** The service day ("YYYY-MM-DD", hall local date) that `now` belongs to. */
export function serviceDayOf(now: number, rule: DayRule): string {
  const shifted = new Date(now + (rule.utcOffsetMinutes - rule.dayStartsAtHour * 60) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** Local wall-clock parts of `now` in the hall's time zone. */
export function localParts(now: number, utcOffsetMinutes: number): { date: string; hour: number; minute: number; text: string } {
  const iso = new Date(now + utcOffsetMinutes * 60_000).toISOString();
  return {
    date: iso.slice(0, 10),
    hour: Number(iso.slice(11, 13)),
    minute: Number(iso.slice(14, 16)),
    text: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`,
  };
}
