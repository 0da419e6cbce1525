// Resident ID numbers (GB 11643-1999, 公民身份号码) as the kiosk's manual-entry fallback
// handles them: typed on a keypad, shown grouped 6-8-4 for checking, validated by the
// MOD 11-2 check digit before anything leaves the kiosk. The hall checks again (region,
// birth date); this only catches typing mistakes early, in plain words.

export const ID_LENGTH = 18;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits; null when they are not 17 digits. */
export function checkDigit(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'empty' | 'short' | 'format' | 'checkDigit';

/** null when the number is well formed with the right check digit. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const v = value.toUpperCase();
  if (v.length === 0) return 'empty';
  if (v.length < ID_LENGTH) return 'short';
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  return checkDigit(v.slice(0, 17)) === v[17] ? null : 'checkDigit';
}

/**
 * One keypad press applied to the typed number: digits anywhere up to 18 characters,
 * X only as the 18th. Presses that cannot be right are ignored.
 */
export function typeIdKey(current: string, key: string): string {
  const k = key.toUpperCase();
  if (current.length >= ID_LENGTH) return current;
  if (/^\d$/.test(k)) return current + k;
  if (k === 'X' && current.length === ID_LENGTH - 1) return current + k;
  return current;
}

/** "110105 19491231 002X": the grouping people check against the card (region, birth date, rest). */
export function groupIdNumber(value: string): string {
  const v = value.toUpperCase();
  return [v.slice(0, 6), v.slice(6, 14), v.slice(14, 18)].filter(Boolean).join(' ');
}

/** The hall's masked form (150602********1234), for a number the visitor typed themselves. */
export function maskIdNumber(value: string): string {
  if (value.length < 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
