// Calendar dates as the kiosk needs them: card dates are YYYYMMDD local calendar
// days, never instants, so no time zone is involved anywhere here.
import { idCardError, IdCardErrorCode } from './errors.js';

/** 'YYYY-MM-DD'. */
export type IsoDate = string;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function valid({ y, m, d }: Ymd): boolean {
  return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses 'YYYYMMDD' into an IsoDate, or undefined if it is not a real calendar day. */
export function parseCompactDate(s: string): IsoDate | undefined {
  if (!/^\d{8}$/.test(s)) return undefined;
  const ymd = { y: Number(s.slice(0, 4)), m: Number(s.slice(4, 6)), d: Number(s.slice(6, 8)) };
  return valid(ymd) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : undefined;
}

function parseIso(s: string, what: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const ymd = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
  if (!ymd || !valid(ymd)) throw idCardError(IdCardErrorCode.invalidDate, `${what} is not a calendar date YYYY-MM-DD`);
  return ymd;
}

/** Negative, zero or positive like a comparator. Both must be valid IsoDates. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const x = parseIso(a, 'first date');
  const y = parseIso(b, 'second date');
  return x.y - y.y || x.m - y.m || x.d - y.d;
}

/**
 * Age in whole years (周岁) on the local calendar day `onDate`.
 * Contract: the age goes up on the birthday itself; someone born on 29 February
 * gets one year older on 1 March in common years. Throws invalid_date for bad
 * input or when onDate is before birthDate.
 */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const b = parseIso(birthDate, 'birth date');
  const t = parseIso(onDate, 'date');
  let birthdayM = b.m;
  let birthdayD = b.d;
  if (b.m === 2 && b.d === 29 && !isLeapYear(t.y)) {
    birthdayM = 3;
    birthdayD = 1;
  }
  let age = t.y - b.y;
  if (t.m < birthdayM || (t.m === birthdayM && t.d < birthdayD)) age -= 1;
  if (age < 0) throw idCardError(IdCardErrorCode.invalidDate, 'date is before the birth date');
  return age;
}
