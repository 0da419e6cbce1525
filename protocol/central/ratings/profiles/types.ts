// The neutral rating record every destination profile maps from, and the
// profile contract. Contract: the hall stores neutral levels
// (very_satisfied … very_dissatisfied) and neutral channels; codes, level
// order and time formats belong to a destination and are applied at send
// time only. Danger: the level order is REVERSED between the national
// standard (1 = 非常满意) and provincial APIs (5 = 非常满意) — never pass a
// code from one profile to another, always go through the neutral level.
// Personal data: a RatingRecord carries no ID number (certKey is left out on
// purpose, see docs/rating-upload.md).
/** The five neutral levels (the hall's domain uses the same names: hall/domain/types.ts RatingLevel). */
export type RatingLevel = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';

/** Where a rating was given (评价渠道), destination-neutral. */
export const RATING_CHANNELS = ['pc', 'mobile', 'qr_code', 'hall_pad', 'hall_terminal', 'phone', 'sms', 'system_default'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export type ProfileId = 'national' | 'provincial';

export interface RatingRecord {
  /** The hall's rating id: the upload's idempotency key. */
  ratingId: string;
  hallId: string;
  /** 办件编号: for a hall ticket, the ticket id (a stable id of the service record). */
  caseNumber: string;
  /** 评价次数: 1 first rating, 2 follow-up (追评). */
  assessNumber: 1 | 2;
  level: RatingLevel;
  /** Epoch ms; formatted in the hall's local time by the profile. */
  ratedAt: number;
  channel: RatingChannel;
  /** 行政区划代码. */
  areaCode: string;
  /** 实施部门统一社会信用代码 (18 characters); the national profile does not need it. */
  deptCode: string | null;
  /** 事项编码. */
  matterCode: string;
  matterName: string | null;
  comment: string | null;
  /** Bad-rating reason tags (indicator codes); absent or empty: none given. */
  evalDetail?: string[];
}

export interface EncodeOptions {
  /** Offset of the hall's local time from UTC in minutes (China: +480). */
  utcOffsetMinutes: number;
  /** Overrides of the profile's channel code table (settings, see standards.md). */
  channelCodes?: Partial<Record<RatingChannel, string>>;
}

/** Raised when a record cannot be expressed in a profile: the upload is rejected locally with this reason. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

export interface RatingProfile<Wire> {
  readonly id: ProfileId;
  levelCode(level: RatingLevel): number;
  levelFromCode(code: number): RatingLevel | null;
  formatTime(epochMs: number, utcOffsetMinutes: number): string;
  /** Null when the text is not a valid time in this profile's format. */
  parseTime(text: string, utcOffsetMinutes: number): number | null;
  readonly defaultChannelCodes: Readonly<Record<RatingChannel, string | null>>;
  channelCode(channel: RatingChannel, overrides?: Partial<Record<RatingChannel, string>>): string;
  encode(record: RatingRecord, options: EncodeOptions): Wire;
}
