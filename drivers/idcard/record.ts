// The card record handed to the hall. Full numbers live in private fields, so no
// generic serialiser (JSON, util.inspect, structuredClone, spread, Object.entries)
// can leak them; only the explicit `idNumber` getter and toUnmaskedJSON() can.
import type { Gender, IdCardRecord, IdCardType, IsoDate } from './contract.js';
import { maskIdNumber } from './id-number.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export interface IdCardRecordFields {
  cardType: IdCardType;
  name: string;
  englishName?: string;
  gender: Gender;
  nation?: { code: string; name: string };
  birthDate: IsoDate;
  idNumber: string;
  address?: string;
  appendedAddress?: string;
  issuer?: string;
  validFrom: IsoDate;
  validTo: IsoDate | 'long_term';
  countryCode?: string;
  cardVersion?: string;
  renewalCount?: number;
  previousNumberLink?: string;
  travelPermitNumber?: string;
  issueCount?: number;
}

export class IdCardRecordImpl implements IdCardRecord {
  // Optional fields are `declare`d: they become own properties only when present.
  readonly #idNumber: string;
  readonly #travelPermitNumber: string | undefined;
  readonly cardType: IdCardType;
  readonly name: string;
  declare readonly englishName?: string;
  readonly gender: Gender;
  declare readonly nation?: { readonly code: string; readonly name: string };
  readonly birthDate: IsoDate;
  readonly maskedIdNumber: string;
  declare readonly address?: string;
  declare readonly appendedAddress?: string;
  declare readonly issuer?: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | 'long_term';
  declare readonly countryCode?: string;
  declare readonly cardVersion?: string;
  declare readonly renewalCount?: number;
  declare readonly previousNumberLink?: string;
  declare readonly issueCount?: number;

  constructor(fields: IdCardRecordFields) {
    const { idNumber, travelPermitNumber, ...rest } = fields;
    this.#idNumber = idNumber;
    this.#travelPermitNumber = travelPermitNumber;
    this.maskedIdNumber = maskIdNumber(idNumber);
    this.cardType = rest.cardType;
    this.name = rest.name;
    this.gender = rest.gender;
    this.birthDate = rest.birthDate;
    this.validFrom = rest.validFrom;
    this.validTo = rest.validTo;
    for (const key of ['englishName', 'nation', 'address', 'appendedAddress', 'issuer', 'countryCode', 'cardVersion', 'renewalCount', 'previousNumberLink', 'issueCount'] as const) {
      if (rest[key] !== undefined) Object.defineProperty(this, key, { value: rest[key], enumerable: true });
    }
    if (rest.nation) Object.freeze(rest.nation);
    Object.freeze(this);
  }

  get idNumber(): string {
    return this.#idNumber;
  }

  get travelPermitNumber(): string | undefined {
    return this.#travelPermitNumber;
  }

  /** Same record with the appended address (30 03) added. */
  withAppendedAddress(appendedAddress: string | undefined): IdCardRecordImpl {
    return new IdCardRecordImpl({ ...this.toFields(), appendedAddress });
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as object), idNumber: this.maskedIdNumber };
    if (this.#travelPermitNumber !== undefined) out.travelPermitNumber = maskIdNumber(this.#travelPermitNumber);
    return out;
  }

  toUnmaskedJSON(): Record<string, unknown> {
    return { ...this.toFields() };
  }

  toString(): string {
    return `IdCardRecord(${this.cardType} ${this.maskedIdNumber})`;
  }

  [inspectSymbol](): string {
    return `IdCardRecord ${JSON.stringify(this.toJSON())}`;
  }

  private toFields(): IdCardRecordFields {
    const fields: IdCardRecordFields = { ...this, idNumber: this.#idNumber };
    if (this.#travelPermitNumber !== undefined) fields.travelPermitNumber = this.#travelPermitNumber;
    delete (fields as { maskedIdNumber?: string }).maskedIdNumber;
    return fields;
  }
}
