// Hall configuration of the 好差评 rating upload (hall/sync/ratings/): where
// ratings go, in which profile, with which codes, and what happens to
// not_rated outcomes. The lead wires it into hall/config/schema.ts as the
// optional `ratingUpload` section.
// Contract: a parsed config is complete for its profile (the provincial one
// needs a department credit code and a credentials file).
// Danger: credentials live in the credentials FILE, never in this config, so
// the config can be shown and backed up without leaking them.
import { z } from 'zod';

const channels = ['pc', 'mobile', 'qr_code', 'hall_pad', 'hall_terminal', 'phone', 'sms', 'system_default'] as const;
const levels = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
const deptCode = z.string().regex(/^[0-9A-Z]{18}$/, 'must be an 18-character unified social credit code (digits and capital letters)');

export const notRatedPolicySchema = z.discriminatedUnion('policy', [
  /** Default: a not_rated outcome is recorded as `skipped` and never sent (never invent a level). */
  z.object({ policy: z.literal('skip') }).strict(),
  /**
   * Only where the destination's own rules say so (some provinces default a
   * missing rating after N days): sent after `afterDays` with the level below
   * and the `system_default` channel, so the receiver can tell it apart.
   */
  z
    .object({
      policy: z.literal('system_default'),
      level: z.enum(levels).default('basic'),
      afterDays: z.number().int().min(1).max(30).default(7),
    })
    .strict(),
]);

export const ratingUploadSchema = z
  .object({
    enabled: z.boolean().default(true),
    destination: z
      .object({
        /** Name stored with each upload row; change it and ratings are uploaded again to the new destination. */
        id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1–32 lower-case letters, digits, "-" or "_"').default('central'),
        profile: z.enum(['national', 'provincial']),
        /** Base URL: central (national profile, POST /v1/ratings) or the provincial system. */
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        /**
         * JSON file with the secrets: {"clientId","clientSecret"} for a province,
         * {"hallToken"} for central. Relative paths are inside the data folder.
         */
        credentialsFile: z.string().min(1),
      })
      .strict(),
    /** 行政区划代码 override; defaults to hall.areaCode. */
    areaCode: z.string().regex(/^[0-9]{6,12}$/, 'must be a 6–12 digit area code').optional(),
    /** Department credit code used when a matter's department has none below. */
    deptCode: deptCode.optional(),
    /** department id → credit code. */
    departmentDeptCodes: z.record(z.string(), deptCode).default({}),
    /**
     * Overrides of the provincial profile's channel code table, e.g. {"sms":"6","system_default":"7"}.
     * The national profile (central) sends table 9 channel names and does not use it; central
     * forwards with its own table (PROVINCIAL_CHANNEL_CODES).
     */
    channelCodes: z.partialRecord(z.enum(channels), z.string().regex(/^[0-9A-Za-z]{1,8}$/, 'must be a short code')).default({}),
    /**
     * Which channel (评价渠道) each hall rating source is: the rating pad, the counter display's screen,
     * the ticket's QR page (二维码) and a 24-hour-zone self-service terminal (政务大厅其他终端).
     */
    sourceChannels: z
      .object({
        pad: z.enum(channels).default('hall_pad'),
        screen: z.enum(channels).default('hall_pad'),
        qr: z.enum(channels).default('qr_code'),
        kiosk: z.enum(channels).default('hall_terminal'),
      })
      .strict()
      .default({ pad: 'hall_pad', screen: 'hall_pad', qr: 'qr_code', kiosk: 'hall_terminal' }),
    notRated: notRatedPolicySchema.default({ policy: 'skip' }),
    /** Only ratings of the last N days are queued (first start, or a changed destination). */
    lookbackDays: z.number().int().min(1).max(366).default(30),
    /** Uploads per run: to central in ONE request (POST /v1/ratings/batch), to a province one request each. */
    batchSize: z.number().int().min(1).max(100).default(100),
    requestTimeoutSeconds: z.number().min(1).max(120).default(15),
    /** How often the worker looks for new ratings when nothing is due sooner. */
    pollSeconds: z.number().int().min(1).max(3600).default(15),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.destination.profile === 'provincial' && !c.deptCode && Object.keys(c.departmentDeptCodes).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['deptCode'], message: 'the provincial profile needs a department credit code (deptCode or departmentDeptCodes)' });
    }
  });

export type RatingUploadConfig = z.infer<typeof ratingUploadSchema>;
export type NotRatedPolicy = z.infer<typeof notRatedPolicySchema>;
