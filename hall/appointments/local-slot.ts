// Local date and time of day ↔ epoch ms, in the hall's fixed UTC offset
// (China: +480, no DST). Pure.
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Epoch ms of local `date` "YYYY-MM-DD" at `hm` "HH:MM"; null when the date does not exist (2026-02-30). */
export function localToEpoch(date: string, hm: string, utcOffsetMinutes: number): number | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hm.split(':').map(Number) as [number, number];
  const utc = Date.UTC(y, m - 1, d, hh, mm);
  const back = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(utc) || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return utc - utcOffsetMinutes * MINUTE;
}

/** Local "HH:MM" of an instant. */
export function localHm(epochMs: number, utcOffsetMinutes: number): string {
  return new Date(epochMs + utcOffsetMinutes * MINUTE).toISOString().slice(11, 16);
}
