// Provincial profile, modelled on the public Zhejiang-style 好差评 upload
// interface seen in vendors' code: satisfaction 5 = 非常满意 … 1 = 非常不满意
// (REVERSED against the national standard), assessTime "yyyy-MM-dd HH:mm:ss"
// in the hall's local time, channel code table where the rating pad is 4,
// assessNumber 1 (first) / 2 (follow-up 追评), area code, department credit
// code, matter code, case number (projectNo). Auth is a bearer token got from
// the token endpoint (../provincial-client.ts).
// Pure. The emulator (central/provincial-emulator) validates with the same
// schema, so hall and emulator cannot drift apart silently.
// Personal data: certKey (applicant ID) is NOT sent — see docs/rating-upload.md.
import { z } from 'zod';
import { lookupChannelCode } from './channels.js';
import { formatDashed, parseDashed } from './time.js';
import { ProfileError, type EncodeOptions, type RatingChannel, type RatingLevel, type RatingProfile, type RatingRecord } from './types.js';

/** Provincial order: code 5 is 非常满意. */
const PROVINCIAL_BY_CODE: Readonly<Record<number, RatingLevel>> = {
  5: 'very_satisfied',
  4: 'satisfied',
  3: 'basic',
  2: 'dissatisfied',
  1: 'very_dissatisfied',
};

const PROVINCIAL_CHANNEL_CODES: Readonly<Record<RatingChannel, string | null>> = {
  pc: '1',
  mobile: '2',
  qr_code: '3',
  hall_pad: '4',
  hall_terminal: '5',
  phone: '6',
  sms: '7',
  // Only some provinces have one (e.g. "7 system default" where SMS is 6): set it in channelCodes.
  system_default: null,
};

export interface ProvincialRatingBody {
  /** 办件编号. */
  projectNo: string;
  assessNumber: 1 | 2;
  areaCode: string;
  deptCode: string;
  /** 事项编码 and name. */
  taskCode: string;
  taskName: string;
  /** 评价渠道 code. */
  pf: string;
  /** "5" 非常满意 … "1" 非常不满意. */
  satisfaction: string;
  assessTime: string;
  evalContent: string;
  /** Bad-rating reason tags from the versioned indicator list (the hall's 差评 case tags). */
  evalDetail: string[];
  /** Province code of the data source (first two digits of the area code + 0000). */
  dataSource: string;
}

export const provincialProfile: RatingProfile<ProvincialRatingBody> = {
  id: 'provincial',
  levelCode(level) {
    const entry = Object.entries(PROVINCIAL_BY_CODE).find(([, l]) => l === level);
    return Number(entry![0]);
  },
  levelFromCode: (code) => PROVINCIAL_BY_CODE[code] ?? null,
  formatTime: formatDashed,
  parseTime: parseDashed,
  defaultChannelCodes: PROVINCIAL_CHANNEL_CODES,
  channelCode(channel, overrides) {
    return lookupChannelCode('provincial', PROVINCIAL_CHANNEL_CODES, channel, overrides);
  },
  encode(r: RatingRecord, o: EncodeOptions): ProvincialRatingBody {
    if (!r.deptCode) throw new ProfileError('the provincial profile needs a department credit code (ratingUpload.deptCode)');
    return {
      projectNo: r.caseNumber,
      assessNumber: r.assessNumber,
      areaCode: r.areaCode,
      deptCode: r.deptCode,
      taskCode: r.matterCode,
      taskName: r.matterName ?? '',
      pf: this.channelCode(r.channel, o.channelCodes),
      satisfaction: String(this.levelCode(r.level)),
      assessTime: formatDashed(r.ratedAt, o.utcOffsetMinutes),
      evalContent: r.comment ?? '',
      evalDetail: r.evalDetail ?? [],
      dataSource: `${r.areaCode.slice(0, 2)}0000`,
    };
  },
};

/** What the provincial submit endpoint accepts; reasons are the ones it answers with. */
export const provincialBodySchema = z.object({
  projectNo: z.string().min(1, 'projectNo is required').max(50, 'projectNo is at most 50 characters'),
  assessNumber: z.union([z.literal(1), z.literal(2)], { error: 'assessNumber must be 1 (first rating) or 2 (follow-up)' }),
  areaCode: z.string().regex(/^\d{6,12}$/, 'areaCode must be a 6–12 digit area code'),
  deptCode: z.string().regex(/^[0-9A-Z]{18}$/, 'deptCode must be an 18-character unified social credit code'),
  taskCode: z.string().min(1, 'taskCode is required').max(40),
  taskName: z.string().max(200),
  pf: z.string().regex(/^\d{1,2}$/, 'pf must be a channel code'),
  satisfaction: z.enum(['1', '2', '3', '4', '5'], { error: 'satisfaction must be "5" (非常满意) to "1" (非常不满意)' }),
  assessTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'assessTime must be yyyy-MM-dd HH:mm:ss'),
  evalContent: z.string().max(500),
  evalDetail: z.array(z.string()).max(20),
  dataSource: z.string().regex(/^\d{6}$/, 'dataSource must be a 6-digit province code'),
});

/** Validates a provincial body; returns the reason a province would give, or null when valid. */
export function provincialRejectReason(raw: unknown, utcOffsetMinutes = 480): string | null {
  const parsed = provincialBodySchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  if (parseDashed(parsed.data.assessTime, utcOffsetMinutes) === null) return `assessTime: "${parsed.data.assessTime}" is not a real date and time`;
  return null;
}
