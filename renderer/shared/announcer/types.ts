// Shared vocabulary of the hall display's voice announcer (docs/voice.md).
// Pure types and the typed input error; no UI text lives in this module.

/** Name of one recorded clip, e.g. "digit-3"; the locale's manifest.json maps it to a file. */
export type ClipId = string;

/** Locales with generated clips under renderer/public/voice/<locale>/. */
export const VOICE_LOCALES = ['zh-CN'] as const;
export type VoiceLocale = (typeof VOICE_LOCALES)[number];

export function isVoiceLocale(locale: string): locale is VoiceLocale {
  return (VOICE_LOCALES as readonly string[]).includes(locale);
}

/** What a hall call says: ticket "A012" to counter 3. */
export interface CallToAnnounce {
  /** 1–2 capital letters (the queue prefix) then 1–6 digits, e.g. "A012" or "GB7". */
  ticketNumber: string;
  /** Counter (窗口) number, integer 1–999. */
  counterNumber: number;
}

export const MIN_TIMES = 1;
export const MAX_TIMES = 3;
