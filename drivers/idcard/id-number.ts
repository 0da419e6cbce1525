// ID numbers: GB 11643 check digit (ISO 7064 MOD 11-2), validation for the kiosk's
// manual-entry fallback, and masking for every place a number is shown or logged.
// The same 18-character rule covers resident numbers, HK/Macao/Taiwan residence
// permits (810000/820000/830000…) and the 2023 foreigner numbers (9…).
// Danger: nothing here may put a full number into an error message or a log.
import { parseCompactDate, compareIsoDates, type IsoDate } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** GB/T 2260 province-level codes that start a resident number. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71',
]);
const HMT_PREFIXES = new Set(['810000', '820000', '830000']);

export type IdNumberKind = 'resident' | 'hmt_residence_permit' | 'foreign_permanent_2023';

export type IdNumberInvalidReason =
  | 'empty'
  | 'wrong_length'
  | 'bad_characters'
  | 'bad_region'
  | 'bad_birth_date'
  | 'future_birth_date'
  | 'bad_check_digit';

export type IdNumberValidation =
  | { ok: true; idNumber: string; kind: IdNumberKind; birthDate: IsoDate; gender: 'male' | 'female' }
  | { ok: false; reason: IdNumberInvalidReason; message: string };

/** Check character for the first 17 digits. Throws RangeError for anything else. */
export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('check digit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-character number typed at the kiosk or read from a card.
 * Normalises surrounding spaces and a lower-case x. `today` (YYYY-MM-DD, local)
 * rejects birth dates in the future when given. The reason is stable; the message
 * is a plain English sentence without the number.
 */
export function validateIdNumber(input: string, options: { today?: IsoDate } = {}): IdNumberValidation {
  const n = input.trim().toUpperCase();
  const fail = (reason: IdNumberInvalidReason, message: string): IdNumberValidation => ({ ok: false, reason, message });
  if (n.length === 0) return fail('empty', 'no ID number was given');
  if (n.length !== 18) return fail('wrong_length', `an ID number has 18 characters, got ${n.length}`);
  if (!/^\d{17}[\dX]$/.test(n)) return fail('bad_characters', 'an ID number is 17 digits and a digit or X');

  let kind: IdNumberKind;
  if (n.startsWith('9')) {
    kind = 'foreign_permanent_2023';
    if (!PROVINCES.has(n.slice(1, 3))) return fail('bad_region', 'the issuing province code of the foreigner number is unknown');
  } else if (HMT_PREFIXES.has(n.slice(0, 6))) {
    kind = 'hmt_residence_permit';
  } else if (n.startsWith('8')) {
    return fail('bad_region', 'a residence permit number starts with 810000, 820000 or 830000');
  } else {
    kind = 'resident';
    if (!PROVINCES.has(n.slice(0, 2))) return fail('bad_region', 'the province code of the ID number is unknown');
  }

  const birthDate = parseCompactDate(n.slice(6, 14));
  if (!birthDate || compareIsoDates(birthDate, '1900-01-01') < 0) return fail('bad_birth_date', 'the birth date inside the ID number is not a real date');
  if (options.today && compareIsoDates(birthDate, options.today) > 0) return fail('future_birth_date', 'the birth date inside the ID number is in the future');
  if (computeCheckDigit(n.slice(0, 17)) !== n[17]) return fail('bad_check_digit', 'the check digit of the ID number is wrong');

  const gender = Number(n[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber: n, kind, birthDate, gender };
}

/**
 * Masks a number for display and logs, keeping its length: 18 or more characters →
 * first 6 and last 4 (150602********1234); 15–17 (2017 foreigner permits) → 3 and 3;
 * 8–14 (travel permit numbers) → 2 and 2; shorter → all stars.
 */
export function maskIdNumber(value: string): string {
  const s = value.trim();
  const [head, tail] = s.length >= 18 ? [6, 4] : s.length >= 15 ? [3, 3] : s.length >= 8 ? [2, 2] : [0, 0];
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + s.slice(s.length - tail);
}
