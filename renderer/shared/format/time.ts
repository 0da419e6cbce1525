// Hall-local wall-clock formatting. Terminals may run in UTC (headless machines) while the
// hall keeps China time, so times are formatted with the hall's UTC offset, not the
// browser's zone. China has no DST: +480 all year (hall/config default).
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

let hallOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES;

export function setHallUtcOffset(minutes: number | undefined): void {
  if (typeof minutes === 'number' && Number.isFinite(minutes)) hallOffsetMinutes = minutes;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function wallClock(epochMs: number, offsetMinutes = hallOffsetMinutes): WallClock {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "09:05" */
export function formatHm(epochMs: number, offsetMinutes = hallOffsetMinutes): string {
  const w = wallClock(epochMs, offsetMinutes);
  return `${two(w.hours)}:${two(w.minutes)}`;
}

/** "09:05:07" */
export function formatHms(epochMs: number, offsetMinutes = hallOffsetMinutes): string {
  const w = wallClock(epochMs, offsetMinutes);
  return `${two(w.hours)}:${two(w.minutes)}:${two(w.seconds)}`;
}
