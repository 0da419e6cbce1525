// Text block layouts (256 bytes, UCS-2LE, space-padded) per card type, from
// devices.md. Offsets and sizes are in bytes; one character is two bytes. The
// parser (card.ts) and the emulator's encoder (text-block.ts) both read these, so
// tests also check each layout against hand-placed bytes.
import type { IdCardType } from './contract.js';

export const TEXT_BLOCK_SIZE = 256;
export const CARD_TYPE_OFFSET = 248;

export type TextField =
  | 'name'
  | 'englishName'
  | 'englishName2'
  | 'gender'
  | 'nation'
  | 'birthDate'
  | 'address'
  | 'idNumber'
  | 'issuer'
  | 'validFrom'
  | 'validTo'
  | 'countryCode'
  | 'cardVersion'
  | 'renewalCount'
  | 'previousNumberLink'
  | 'travelPermitNumber'
  | 'issueCount';

export interface FieldSpec {
  readonly offset: number;
  readonly size: number;
}

export type Layout = Readonly<Partial<Record<TextField, FieldSpec>>>;

const f = (offset: number, size: number): FieldSpec => ({ offset, size });

export const LAYOUTS: Readonly<Record<IdCardType, Layout>> = {
  resident: {
    name: f(0, 30), gender: f(30, 2), nation: f(32, 4), birthDate: f(36, 16), address: f(52, 70),
    idNumber: f(122, 36), issuer: f(158, 30), validFrom: f(188, 16), validTo: f(204, 16),
  },
  foreign_permanent_2017: {
    englishName: f(0, 120), gender: f(120, 2), idNumber: f(122, 30), countryCode: f(152, 6), name: f(158, 30),
    validFrom: f(188, 16), validTo: f(204, 16), birthDate: f(220, 16), cardVersion: f(236, 4), issuer: f(240, 8),
  },
  // Single public source; 158/30 is of unknown meaning and is not read.
  foreign_permanent_2023: {
    name: f(0, 30), gender: f(30, 2), renewalCount: f(32, 4), birthDate: f(36, 16), englishName: f(52, 70),
    idNumber: f(122, 36), validFrom: f(188, 16), validTo: f(204, 16), englishName2: f(220, 22), countryCode: f(242, 6),
    previousNumberLink: f(250, 6),
  },
  // Resident layout without nation (32–35 reserved), then permit-specific fields.
  hmt_residence_permit: {
    name: f(0, 30), gender: f(30, 2), birthDate: f(36, 16), address: f(52, 70), idNumber: f(122, 36), issuer: f(158, 30),
    validFrom: f(188, 16), validTo: f(204, 16), travelPermitNumber: f(220, 18), issueCount: f(238, 4),
  },
};

/** Character stored at bytes 248–249 for each type. */
export const CARD_TYPE_MARKS: Readonly<Record<IdCardType, string>> = {
  resident: ' ',
  foreign_permanent_2017: 'I',
  foreign_permanent_2023: 'Y',
  hmt_residence_permit: 'J',
};

export function cardTypeFromMark(mark: string): IdCardType | undefined {
  // Some modules may leave the type bytes as 00 00 on resident cards: treat as resident.
  if (mark === ' ' || mark === '\u0000') return 'resident';
  const entry = Object.entries(CARD_TYPE_MARKS).find(([, m]) => m === mark);
  return entry?.[0] as IdCardType | undefined;
}

/** 长期: validity without an end date. */
export const LONG_TERM = '长期';
