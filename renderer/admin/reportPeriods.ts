// Periods of the report form, from the hall's service day ("YYYY-MM-DD"). Pure.
// Weeks start on Monday (the Chinese working week); "this week/month" end today.
export type PeriodPreset = 'today' | 'week' | 'month' | 'lastMonth' | 'custom';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function periodOf(preset: Exclude<PeriodPreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const weekday = (new Date(ms(today)).getUTCDay() + 6) % 7; // Monday 0
      return { from: day(ms(today) - weekday * 86_400_000), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const firstOfThis = ms(`${today.slice(0, 8)}01`);
      const last = day(firstOfThis - 86_400_000);
      return { from: `${last.slice(0, 8)}01`, to: last };
    }
  }
}

/** Seconds as minutes with one decimal ("12.5"); null as null. */
export function minutesOf(seconds: number | null): string | null {
  return seconds === null ? null : (Math.round(seconds / 6) / 10).toFixed(1);
}
