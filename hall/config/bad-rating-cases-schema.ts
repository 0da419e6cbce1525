// The `badRatingCases` section of the hall configuration (docs/bad-rating-cases.md): the
// jurisdiction's 差评 deadlines and the reason tags offered after a bad rating.
// Defaults follow seed 001 第三十六条 (回访核实 within 48 hours, 整改 within 15 natural days) and
// seed 002 第三十二条 (a real-name 差评 revisited within one working day). Other provinces:
// rectify { "value": 5, "unit": "working_days" } (Dezhou), 7, 15 working days (Sichuan) …
// Contract: absent or `{}` parses to the defaults; objects are strict (a misspelt key is an
// error, not a silently ignored deadline). Working days come from the hall calendar.
import { z } from 'zod';

const tag = z.strictObject({
  /** The indicator's code as the provincial system knows it (sent in evalDetail). */
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'a tag code is letters, digits, _ . -'),
  /** What the visitor reads (Chinese). */
  label: z.string().trim().min(1).max(20),
});

export const DEFAULT_REASON_TAGS = [
  { code: 'service_attitude', label: '服务态度' },
  { code: 'service_efficiency', label: '服务效率' },
  { code: 'service_level', label: '服务水平' },
  { code: 'service_environment', label: '服务环境' },
  { code: 'materials_process', label: '材料流程' },
  { code: 'other', label: '其他' },
];

export const badRatingCasesSchema = z
  .strictObject({
    revisit: z
      .strictObject({
        /** 回访核实 within these hours of the rating (001 第三十六条: 48). */
        hours: z.number().int().min(1).max(720).default(48),
        /** A real-name rating (its ticket taken with an ID card): within these working days instead (002 第三十二条: 1). Null: the hours apply to all. */
        realNameWorkingDays: z.number().int().min(1).max(30).nullable().default(1),
      })
      .prefault({}),
    rectify: z
      .strictObject({
        /** 整改 (or 解释说明) reviewed and closed within this many days of the rating (001 第三十六条: 15 natural days). */
        value: z.number().int().min(1).max(90).default(15),
        unit: z.enum(['natural_days', 'working_days']).default('natural_days'),
      })
      .prefault({}),
    /** A case is flagged (warned once) this many hours before each deadline, escalated once after it. */
    warnBeforeHours: z.number().int().min(1).max(240).default(12),
    /** The reason tags offered after a bad rating when central has published no indicator list (GB/T 39734-2020 / 39735-2020). */
    reasonTags: z.array(tag).min(1).max(20).default(DEFAULT_REASON_TAGS),
    /** How long after a bad rating the visitor may still give reason tags (the pad or screen's question). */
    tagWindowSeconds: z.number().int().min(10).max(600).default(90),
  })
  .superRefine((s, ctx) => {
    const codes = s.reasonTags.map((t) => t.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['reasonTags'], message: `the tag code "${dup}" is listed twice` });
  })
  .prefault({});

export type BadRatingCasesConfig = z.infer<typeof badRatingCasesSchema>;
