// Notifications to the visitor's phone (docs/notifications.md): what the phone page sends
// central to give or withdraw consent, and what it reads back. Central's routes:
//   POST /v1/public/halls/{hallId}/tickets/{ticketId}/notify           give (or change) consent
//   POST /v1/public/halls/{hallId}/tickets/{ticketId}/notify/withdraw  withdraw it
//   GET  /v1/public/halls/{hallId}/tickets/{ticketId}/notify?key=…     the consent and its messages
// Contract: the phone proves it holds the ticket with the key of the ticket's QR address (the
// same key as protocol/central/phone.ts; central compares sha256 hashes). Nothing is sent
// without a consent; after a withdrawal nothing more is sent and the address is erased.
// Dangers: the phone number and the openid are personal data — central never answers them back
// in clear (addressMasked only), never logs them, and stores them sealed.
import { z } from 'zod';

export const notifyChannels = ['sms', 'wechat'] as const;
export type NotifyChannel = (typeof notifyChannels)[number];
export const notifyLanguages = ['zh-CN', 'en', 'mn-Mong'] as const;
export type NotifyLanguage = (typeof notifyLanguages)[number];
export const notifyKinds = ['ahead', 'called', 'missed'] as const;
export type NotifyKind = (typeof notifyKinds)[number];
export const notifyStates = ['queued', 'sending', 'sent', 'delivered', 'failed', 'expired'] as const;
export type NotifyState = (typeof notifyStates)[number];

/** A mainland mobile number: 11 digits starting with 1 (spaces and dashes are removed before the check). */
export const MOBILE = /^1[3-9]\d{9}$/;
/** A WeChat / 蒙速办 openid as the web view hands it over. */
export const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
export const MAX_AHEAD_THRESHOLD = 50;

const key = z.string().min(8).max(200);

export const consentRequestSchema = z
  .object({
    key,
    channel: z.enum(notifyChannels),
    phone: z
      .string()
      .max(30)
      .transform((s) => s.replace(/[\s-]/g, ''))
      .optional(),
    openid: z.string().regex(OPENID, 'openid must be 6–64 letters, digits, _ or -').optional(),
    /** Tell me when this many people (or fewer) are ahead of me. */
    aheadThreshold: z.number().int().min(0).max(MAX_AHEAD_THRESHOLD),
    lang: z.enum(notifyLanguages).default('zh-CN'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.channel === 'sms' && !(c.phone && MOBILE.test(c.phone))) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'an 11-digit mobile number starting with 1 is needed for SMS' });
    if (c.channel === 'wechat' && !c.openid) ctx.addIssue({ code: 'custom', path: ['openid'], message: 'the WeChat channel needs the openid the web view gives' });
  });
export type ConsentRequest = z.infer<typeof consentRequestSchema>;

export const withdrawRequestSchema = z.object({ key }).strict();

export interface NotifyMessageView {
  kind: NotifyKind;
  state: NotifyState;
  createdAt: number;
}

/** GET …/notify: the ticket's consent as the phone page shows it (null: none given). */
export interface ConsentView {
  consent: {
    channel: NotifyChannel;
    /** 138****1234, or the openid's first and last characters. */
    addressMasked: string;
    aheadThreshold: number;
    lang: NotifyLanguage;
    withdrawn: boolean;
  } | null;
  messages: NotifyMessageView[];
  /** Channels this central can send through (configured). */
  channels: NotifyChannel[];
}
