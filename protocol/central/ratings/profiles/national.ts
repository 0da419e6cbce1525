// National profile: GB/T 39046-2020 table 9 (performance evaluation data set)
// and annex A.8: level code 1 = 非常满意 … 5 = 非常不满意; time YYYYMMDDThhmmss in
// the hall's local time. This is also the body of central's POST /v1/ratings
// (docs/sync-protocol.md), so central decodes with decodeNational().
// Channels travel as table 9 NAMES (PC端 … 短信; system_default as the
// extension name 系统默认), never as codes: codes differ by province, and a
// hall's ratingUpload.channelCodes overrides would be read with another table
// at central. Central still accepts the default codes 1–7 from older halls.
// Pure. Danger: the level order is the reverse of the provincial profile's.
import { z } from 'zod';
import { channelFromCode, lookupChannelCode } from './channels.js';
import { formatCompact, parseCompact } from './time.js';
import type { EncodeOptions, RatingChannel, RatingLevel, RatingProfile, RatingRecord } from './types.js';

/** annex A.8 order: index + 1 is the code. */
const NATIONAL_ORDER: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'];

/**
 * 评价渠道 names of table 9 — what the national body carries. system_default (a not_rated
 * outcome defaulted by policy) is not in table 9: it travels as the extension name 系统默认.
 */
export const NATIONAL_CHANNEL_NAMES: Readonly<Record<RatingChannel, string>> = {
  pc: 'PC端',
  mobile: '移动服务端',
  qr_code: '二维码',
  hall_pad: '政务大厅平板电脑',
  hall_terminal: '政务大厅其他终端',
  phone: '电话',
  sms: '短信',
  system_default: '系统默认',
};

const NATIONAL_CHANNEL_CODES: Readonly<Record<RatingChannel, string | null>> = {
  pc: '1',
  mobile: '2',
  qr_code: '3',
  hall_pad: '4',
  hall_terminal: '5',
  phone: '6',
  sms: '7',
  system_default: null,
};

export interface NationalRatingBody {
  ratingId: string;
  hallId: string;
  caseNumber: string;
  /** Table 9 channel name (NATIONAL_CHANNEL_NAMES); central also accepts the default codes 1–7. */
  channel: string;
  level: number;
  ratedAt: string;
  assessNumber: 1 | 2;
  matterCode: string;
  areaCode: string;
  comment: string | null;
  /** Extension (not in table 9): the department's credit code, for central to forward to a province. */
  deptCode?: string | null;
  matterName?: string | null;
  /**
   * Extension: a 差评's reason tags — the codes of the indicators (GB/T 39734-2020 评价指标:
   * 服务态度, 服务效率 …) the visitor chose, forwarded by central in the provincial evalDetail.
   * Sent only when there are some, so a central older than the field still takes every other rating.
   */
  evalDetail?: string[];
}

export const nationalProfile: RatingProfile<NationalRatingBody> = {
  id: 'national',
  levelCode: (level) => NATIONAL_ORDER.indexOf(level) + 1,
  levelFromCode: (code) => NATIONAL_ORDER[code - 1] ?? null,
  formatTime: formatCompact,
  parseTime: parseCompact,
  defaultChannelCodes: NATIONAL_CHANNEL_CODES,
  channelCode(channel, overrides) {
    return lookupChannelCode('national', NATIONAL_CHANNEL_CODES, channel, overrides);
  },
  /** `o.channelCodes` is not used: the national body names its channel (see NATIONAL_CHANNEL_NAMES). */
  encode(r: RatingRecord, o: EncodeOptions): NationalRatingBody {
    return {
      ratingId: r.ratingId,
      hallId: r.hallId,
      caseNumber: r.caseNumber,
      // A name, not a code: needs no code table, so hall and central cannot disagree.
      channel: NATIONAL_CHANNEL_NAMES[r.channel],
      level: this.levelCode(r.level),
      ratedAt: formatCompact(r.ratedAt, o.utcOffsetMinutes),
      assessNumber: r.assessNumber,
      matterCode: r.matterCode,
      areaCode: r.areaCode,
      comment: r.comment,
      deptCode: r.deptCode,
      matterName: r.matterName,
      ...(r.evalDetail && r.evalDetail.length > 0 ? { evalDetail: r.evalDetail } : {}),
    };
  },
};

const text = (max: number) => z.string().trim().min(1).max(max);

/** The body of POST /v1/ratings, checked field by field with reasons a hall manager can act on. */
export const nationalBodySchema = z
  .object({
    ratingId: text(64),
    hallId: text(40),
    caseNumber: text(50),
    channel: text(50),
    level: z.number().int().min(1, 'level code must be 1 (非常满意) to 5 (非常不满意)').max(5, 'level code must be 1 (非常满意) to 5 (非常不满意)'),
    ratedAt: z.string().regex(/^\d{8}T\d{6}$/, 'ratedAt must be YYYYMMDDThhmmss'),
    assessNumber: z.union([z.literal(1), z.literal(2)]),
    matterCode: text(40),
    areaCode: z.string().regex(/^\d{6,12}$/, 'areaCode must be a 6–12 digit area code'),
    comment: z.string().max(500).nullable().default(null),
    deptCode: z.string().regex(/^[0-9A-Z]{18}$/, 'deptCode must be an 18-character unified social credit code').nullable().optional(),
    matterName: z.string().max(200).nullable().optional(),
    evalDetail: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'a reason tag is an indicator code: 1–60 letters, digits, _ . -')).max(20).optional(),
  })
  .strict();

export type DecodeResult = { ok: true; record: RatingRecord } | { ok: false; reason: string };

/**
 * Body of POST /v1/ratings → neutral record, or the reason it cannot be one. The channel is a
 * table 9 name (what halls send), else a code of the default table (older halls) or of
 * `channelOverrides`.
 */
export function decodeNational(raw: unknown, utcOffsetMinutes: number, channelOverrides?: Partial<Record<RatingChannel, string>>): DecodeResult {
  const parsed = nationalBodySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
  }
  const b = parsed.data;
  const ratedAt = parseCompact(b.ratedAt, utcOffsetMinutes);
  if (ratedAt === null) return { ok: false, reason: `ratedAt: "${b.ratedAt}" is not a real date and time` };
  const channel = channelFromCode(NATIONAL_CHANNEL_NAMES, b.channel) ?? channelFromCode(NATIONAL_CHANNEL_CODES, b.channel, channelOverrides);
  if (!channel) return { ok: false, reason: `channel: "${b.channel}" is neither a known channel code nor a table 9 channel name` };
  return {
    ok: true,
    record: {
      ratingId: b.ratingId,
      hallId: b.hallId,
      caseNumber: b.caseNumber,
      assessNumber: b.assessNumber,
      level: nationalProfile.levelFromCode(b.level)!,
      ratedAt,
      channel,
      areaCode: b.areaCode,
      deptCode: b.deptCode ?? null,
      matterCode: b.matterCode,
      matterName: b.matterName ?? null,
      comment: b.comment,
      ...(b.evalDetail ? { evalDetail: b.evalDetail } : {}),
    },
  };
}
