// Languages of the hall's public pages (docs/i18n.md): which ones the kiosk offers, which one
// it returns to when a visitor leaves, whether the hall display shows Mongolian beside
// Chinese, and in which languages calls are announced. Also the translated names of
// departments, queues, matters and green-channel categories a visitor reads on the kiosk.
// Contract: zh-CN is always offered and always announced (the hall's reference language);
// a name without a translation is shown in Chinese.
import { z } from 'zod';

export const LOCALES = ['zh-CN', 'mn-Mong', 'en'] as const;
export type HallLocale = (typeof LOCALES)[number];
const locale = z.enum(LOCALES);

/** Translated names: `"names": {"en": "Real estate", "mn-Mong": "…"}`; zh-CN is the entry's `name`. */
export const localizedNamesSchema = z
  .object({ en: z.string().trim().min(1).max(80), 'mn-Mong': z.string().trim().min(1).max(80) })
  .partial()
  .strict()
  .optional();

const unique = (list: readonly string[]) => new Set(list).size === list.length;

export const languagesSchema = z
  .object({
    /** The kiosk's language when nobody is in front of it; every idle timeout returns to it. */
    default: locale.default('zh-CN'),
    /** Languages the kiosk's switch offers, in order. One entry hides the switch. */
    kiosk: z.array(locale).min(1).refine(unique, 'lists a language twice').default(['zh-CN', 'en', 'mn-Mong']),
    /** The hall display's second language shown beside Chinese (Inner Mongolia's bilingual signage), or null. */
    displaySecond: z.literal('mn-Mong').nullable().default(null),
    /** Languages each call is announced in, in order; zh-CN first. mn-Mong needs the hall's recorded clips (docs/voice.md). */
    announce: z
      .array(z.enum(['zh-CN', 'mn-Mong']))
      .min(1)
      .refine(unique, 'lists a language twice')
      .refine((l) => l[0] === 'zh-CN', 'must start with zh-CN')
      .default(['zh-CN']),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (!l.kiosk.includes('zh-CN')) ctx.addIssue({ code: 'custom', path: ['kiosk'], message: 'must include zh-CN' });
    if (!l.kiosk.includes(l.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `"${l.default}" is not in kiosk` });
  })
  .default({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'], displaySecond: null, announce: ['zh-CN'] });

export type LanguagesConfig = z.infer<typeof languagesSchema>;
