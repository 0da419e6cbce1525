// Parses the data of a read answer (30 01 / 30 10) into an IdCardRecord.
//   30 01: textLen(2, BE) · photoLen(2, BE) · text · photo
//   30 10: textLen · photoLen · fingerprintLen · text · photo · fingerprint
// Lengths are read from the data, never assumed. Privacy contract: the photo and
// fingerprint are never decoded or copied, and parseReadAnswer zeroes the whole
// input (photo, fingerprint and text) before it returns or throws.
// Any inconsistency rejects the card with a typed error: a record is produced only
// from a complete, well-formed block whose number passes its check digit.
import type { DeviceError } from '../contract.js';
import { parseCompactDate, type IsoDate } from './dates.js';
import { idCardError, IdCardErrorCode } from './errors.js';
import { genderFromCode } from './genders.js';
import { validateIdNumber, type IdNumberKind } from './id-number.js';
import { CARD_TYPE_OFFSET, cardTypeFromMark, LAYOUTS, LONG_TERM, TEXT_BLOCK_SIZE, type TextField } from './layouts.js';
import { nationName } from './nations.js';
import { IdCardRecordImpl, type IdCardRecordFields } from './record.js';

const ucs2 = new TextDecoder('utf-16le');

export function parseReadAnswer(data: Uint8Array, options: { withFingerprint: boolean }): IdCardRecordImpl {
  try {
    const header = options.withFingerprint ? 6 : 4;
    if (data.length < header) throw idCardError(IdCardErrorCode.readLengthMismatch, `read answer of ${data.length} bytes has no length header`);
    const textLen = u16(data, 0);
    const photoLen = u16(data, 2);
    const fingerprintLen = options.withFingerprint ? u16(data, 4) : 0;
    const expected = header + textLen + photoLen + fingerprintLen;
    if (expected !== data.length) {
      throw idCardError(IdCardErrorCode.readLengthMismatch, `read answer declares ${expected} bytes but has ${data.length}`);
    }
    if (textLen < TEXT_BLOCK_SIZE) throw idCardError(IdCardErrorCode.textBlockTooShort, `text block of ${textLen} bytes, needs ${TEXT_BLOCK_SIZE}`);
    return parseTextBlock(data.subarray(header, header + TEXT_BLOCK_SIZE));
  } finally {
    data.fill(0);
  }
}

/** Parses a 256-byte text block. Does not modify its input. */
export function parseTextBlock(text: Uint8Array): IdCardRecordImpl {
  if (text.length < TEXT_BLOCK_SIZE) throw idCardError(IdCardErrorCode.textBlockTooShort, `text block of ${text.length} bytes, needs ${TEXT_BLOCK_SIZE}`);
  const mark = ucs2.decode(text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2));
  const cardType = cardTypeFromMark(mark);
  if (!cardType) {
    const hex = Array.from(text.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw idCardError(IdCardErrorCode.unknownCardType, `unknown card type mark ${hex} at byte ${CARD_TYPE_OFFSET}`);
  }
  const layout = LAYOUTS[cardType];
  const read = (field: TextField): string => {
    const spec = layout[field];
    return spec ? trimPadding(ucs2.decode(text.subarray(spec.offset, spec.offset + spec.size))) : '';
  };
  switch (cardType) {
    case 'resident':
    case 'hmt_residence_permit':
      return chineseCard(cardType, read);
    case 'foreign_permanent_2023':
      return foreigner2023(read);
    case 'foreign_permanent_2017':
      return foreigner2017(read);
  }
}

/** 追加住址 (30 03): 70 bytes UCS-2LE; undefined when blank. Does not modify its input. */
export function parseAppendedAddress(data: Uint8Array): string | undefined {
  const s = trimPadding(ucs2.decode(data.subarray(0, data.length - (data.length % 2))));
  return s === '' ? undefined : s;
}

type Reader = (field: TextField) => string;

function chineseCard(cardType: 'resident' | 'hmt_residence_permit', read: Reader): IdCardRecordImpl {
  const idKind: IdNumberKind = cardType;
  const id = checkedNumber(read('idNumber'), idKind);
  const birthDate = date(read('birthDate'), 'birthDate');
  if (birthDate !== id.birthDate) throw idCardError(IdCardErrorCode.inconsistentCard, 'the birth date field differs from the birth date in the ID number');
  const fields: IdCardRecordFields = {
    cardType,
    name: required(read('name'), 'name'),
    gender: gender(read('gender')),
    birthDate,
    idNumber: id.idNumber,
    address: optional(read('address')),
    issuer: optional(read('issuer')),
    validFrom: date(read('validFrom'), 'validFrom'),
    validTo: validTo(read('validTo')),
  };
  if (cardType === 'resident') {
    const code = read('nation');
    const name = nationName(code);
    if (!name) throw idCardError(IdCardErrorCode.invalidField, 'nation code is not in GB 3304');
    fields.nation = { code, name };
  } else {
    fields.travelPermitNumber = optional(read('travelPermitNumber'));
    fields.issueCount = count(read('issueCount'), 'issueCount');
  }
  return new IdCardRecordImpl(fields);
}

function foreigner2023(read: Reader): IdCardRecordImpl {
  const id = checkedNumber(read('idNumber'), 'foreign_permanent_2023');
  // Part 1 is stored untrimmed: a long name runs on into part 2 without a space.
  const english = joinEnglishName(read, 'englishName', 'englishName2');
  const name = read('name');
  return new IdCardRecordImpl({
    cardType: 'foreign_permanent_2023',
    name: name || required(english, 'name'),
    englishName: optional(english),
    gender: gender(read('gender')),
    birthDate: date(read('birthDate'), 'birthDate'),
    idNumber: id.idNumber,
    validFrom: date(read('validFrom'), 'validFrom'),
    validTo: validTo(read('validTo')),
    countryCode: countryCode(read('countryCode')),
    renewalCount: count(read('renewalCount'), 'renewalCount'),
    previousNumberLink: optional(read('previousNumberLink')),
  });
}

function foreigner2017(read: Reader): IdCardRecordImpl {
  // No public source gives a check rule for the 15-character permit number: format only.
  const number = read('idNumber').toUpperCase();
  if (!/^[A-Z]{3}\d{12}$/.test(number)) throw idCardError(IdCardErrorCode.invalidIdNumber, 'permit number is not 3 letters and 12 digits');
  const english = read('englishName');
  return new IdCardRecordImpl({
    cardType: 'foreign_permanent_2017',
    name: read('name') || required(english, 'name'),
    englishName: optional(english),
    gender: gender(read('gender')),
    birthDate: date(read('birthDate'), 'birthDate'),
    idNumber: number,
    validFrom: date(read('validFrom'), 'validFrom'),
    validTo: validTo(read('validTo')),
    countryCode: countryCode(read('countryCode')),
    cardVersion: optional(read('cardVersion')),
    issuer: optional(read('issuer')),
  });
}

function joinEnglishName(read: Reader, part1: TextField, part2: TextField): string {
  const rest = read(part2);
  if (rest === '') return read(part1);
  const spec = LAYOUTS.foreign_permanent_2023[part1]!;
  return `${read(part1).padEnd(spec.size / 2, ' ')}${rest}`.replace(/ {2,}/g, ' ');
}

function checkedNumber(value: string, kind: IdNumberKind): { idNumber: string; birthDate: IsoDate } {
  const v = validateIdNumber(value);
  if (!v.ok) throw idCardError(IdCardErrorCode.invalidIdNumber, `ID number rejected: ${v.reason}`);
  if (v.kind !== kind) throw idCardError(IdCardErrorCode.inconsistentCard, `card type expects a ${kind} number, the number is ${v.kind}`);
  return v;
}

function date(value: string, field: string): IsoDate {
  const d = parseCompactDate(value);
  if (!d) throw invalid(field, 'is not a date YYYYMMDD');
  return d;
}

function validTo(value: string): IsoDate | 'long_term' {
  return value === LONG_TERM ? 'long_term' : date(value, 'validTo');
}

function gender(code: string) {
  const g = genderFromCode(code);
  if (!g) throw invalid('gender', 'is not a GB/T 2261.1 code');
  return g;
}

function countryCode(value: string): string {
  if (!/^[A-Z]{3}$/.test(value)) throw invalid('countryCode', 'is not three capital letters');
  return value;
}

function count(value: string, field: string): number | undefined {
  if (value === '') return undefined;
  if (!/^\d{1,2}$/.test(value)) throw invalid(field, 'is not a number');
  return Number(value);
}

function required(value: string, field: string): string {
  if (value === '') throw invalid(field, 'is empty');
  return value;
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function invalid(field: string, what: string): DeviceError {
  return idCardError(IdCardErrorCode.invalidField, `card field ${field} ${what}`);
}

/** Cards pad with spaces (20 00); some modules pad with NUL. */
function trimPadding(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPadding(s.charCodeAt(start))) start++;
  while (end > start && isPadding(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

function isPadding(unit: number): boolean {
  return unit === 0x20 || unit === 0x00 || unit === 0x3000 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
}

function u16(data: Uint8Array, offset: number): number {
  return (data[offset]! << 8) | data[offset + 1]!;
}
