// What the hall depends on for ID card readers. The serial driver (reader.ts),
// and anything that plays one in tests, implement these types; the hall never
// needs the codec files.
import type { DeviceError, DeviceHealth } from '../contract.js';

export type IdCardType =
  /** 居民身份证 */
  | 'resident'
  /** 外国人永久居留身份证, 2017 edition ('I') */
  | 'foreign_permanent_2017'
  /** 外国人永久居留身份证, 2023 edition ('Y') */
  | 'foreign_permanent_2023'
  /** 港澳台居民居住证 ('J') */
  | 'hmt_residence_permit';

/** GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 not stated. */
export type Gender = 'unknown' | 'male' | 'female' | 'unspecified';

/** Local calendar day 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * One card as read. The photo is never part of it (dropped at parse time).
 * Privacy contract: `idNumber` and `travelPermitNumber` are not own enumerable
 * properties; JSON.stringify, util.inspect / console.log, String() and object
 * spread show only masked values. Read `idNumber` explicitly where the duty needs
 * it (real-name ticket), and nowhere else.
 */
export interface IdCardRecord {
  readonly cardType: IdCardType;
  /** Chinese name; on a foreigner card without one, the English name. May hold rare characters (CJK Ext. A, private use). */
  readonly name: string;
  readonly englishName?: string;
  readonly gender: Gender;
  /** Resident cards only (GB 3304). */
  readonly nation?: { readonly code: string; readonly name: string };
  readonly birthDate: IsoDate;
  /** Full number (18 characters; 15 on a 2017 foreigner card). Sensitive. */
  readonly idNumber: string;
  /** e.g. 150602********1234 */
  readonly maskedIdNumber: string;
  readonly address?: string;
  /** 追加住址 (30 03), when the reader is configured to read it and the card has one. */
  readonly appendedAddress?: string;
  /** Issuing authority (resident, HMT) or issuing office code (2017 foreigner). */
  readonly issuer?: string;
  readonly validFrom: IsoDate;
  /** 'long_term' for 长期. */
  readonly validTo: IsoDate | 'long_term';
  /** GB/T 2659 alpha-3, foreigner cards. */
  readonly countryCode?: string;
  /** 2017 foreigner card version. */
  readonly cardVersion?: string;
  /** 2023 foreigner card: number of renewals (换证次数). */
  readonly renewalCount?: number;
  /** 2023 foreigner card: link to the previous (2017) number, as stored. */
  readonly previousNumberLink?: string;
  /** HMT permit: 通行证号码. Sensitive, masked like idNumber. */
  readonly travelPermitNumber?: string;
  /** HMT permit: 签发次数. */
  readonly issueCount?: number;
  /** Plain object with numbers masked (also what JSON.stringify gives). */
  toJSON(): Record<string, unknown>;
  /**
   * Plain object with the full numbers, for sending to the hall service over the
   * encrypted local link. Danger: never log or persist its result unencrypted.
   */
  toUnmaskedJSON(): Record<string, unknown>;
  toString(): string;
}

export type IdCardHealthCode = 'ok' | 'disconnected' | 'sam_failed' | 'timeout' | 'protocol_error' | 'stopped';

export interface IdCardReaderDevice {
  /** Starts connecting and polling in the background. Never rejects for device faults: they arrive as health. */
  start(): Promise<void>;
  /** Stops polling and closes the port. No event fires after it resolves. */
  stop(): Promise<void>;
  /** Once per card insertion, never again while the same card stays on the reader. */
  onCard(listener: (card: IdCardRecord) => void): () => void;
  /** A card was on the reader but could not be read or was rejected (bad check digit…). */
  onReadFailed(listener: (error: DeviceError) => void): () => void;
  /** On every change of health code. */
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  readonly health: DeviceHealth;
}
