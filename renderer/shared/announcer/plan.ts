// Turns a call into the ordered clip ids a hall hears. Pure: no audio, no clock, no storage.
//
// Contract: the result is complete or the call throws AnnouncementError. An input the voice
// cannot say (lower-case letter, full-width digit, counter 0 or 1000, unknown locale) is an
// error, never a shorter or silent announcement. Every id returned exists in the locale's
// manifest.json (checked by tests/unit/announcer/voice-files.test.ts).
import { AnnouncementError } from './errors';
import { MAX_TIMES, MIN_TIMES, isVoiceLocale, type CallToAnnounce, type ClipId, type VoiceLocale } from './types';

const TICKET_NUMBER = /^([A-Z]{1,2})([0-9]{1,6})$/;
export const MIN_COUNTER = 1;
export const MAX_COUNTER = 999;

export interface PlanOptions {
  /** How many times the sentence is said (hall setting), 1–3; the chime sounds once. Default 1. */
  times?: number;
}

/**
 * zh-CN, times 1, {ticketNumber: 'A012', counterNumber: 3}:
 * chime, please(请), letter-a, digit-0, digit-1, digit-2, ticket-suffix(号), go-to(到), digit-3, counter-suffix(号窗口办理).
 * With times > 1 the sentence repeats after a "pause" clip.
 */
export function planAnnouncement(call: CallToAnnounce, locale: VoiceLocale | string, options: PlanOptions = {}): ClipId[] {
  if (!isVoiceLocale(locale)) throw new AnnouncementError('unsupported-locale', `no voice for locale ${JSON.stringify(locale)}`);
  const times = options.times ?? MIN_TIMES;
  if (!Number.isInteger(times) || times < MIN_TIMES || times > MAX_TIMES) {
    throw new AnnouncementError('invalid-times', `times must be an integer ${MIN_TIMES}–${MAX_TIMES}, got ${String(times)}`);
  }
  const sentence = SENTENCES[locale](ticketClips(call.ticketNumber), counterNumber(call.counterNumber));
  const clips: ClipId[] = ['chime', ...sentence];
  for (let i = 1; i < times; i++) clips.push('pause', ...sentence);
  return clips;
}

/** Throws AnnouncementError unless the call can be announced; the announcer checks at enqueue. */
export function validateCall(call: CallToAnnounce): void {
  ticketClips(call.ticketNumber);
  counterNumber(call.counterNumber);
}

/** Halls read ticket numbers character by character: A012 → A 零 一 二 (1 as 一, not 幺). Throws AnnouncementError on a bad number. */
export function ticketClips(ticketNumber: unknown): ClipId[] {
  if (typeof ticketNumber !== 'string' || !TICKET_NUMBER.test(ticketNumber)) {
    throw new AnnouncementError(
      'invalid-ticket-number',
      `ticket number must be 1–2 capital letters then 1–6 digits, got ${JSON.stringify(ticketNumber)}`,
    );
  }
  return [...ticketNumber].map((ch) => (ch >= '0' && ch <= '9' ? `digit-${ch}` : `letter-${ch.toLowerCase()}`));
}

function counterNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_COUNTER || value > MAX_COUNTER) {
    throw new AnnouncementError('invalid-counter-number', `counter number must be an integer ${MIN_COUNTER}–${MAX_COUNTER}, got ${String(value)}`);
  }
  return value;
}

/**
 * A counter number as Chinese numerals, 1–999: 3 三, 10 十, 12 十二, 20 二十, 100 一百,
 * 101 一百零一, 110 一百一十, 999 九百九十九. Uses 二 (not 两) before 百, the reading of a
 * number as a name ("二百号窗口"); 一 keeps its citation tone (no 一百 yì bǎi sandhi clip).
 */
export function chineseNumeralClips(n: number): ClipId[] {
  counterNumber(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  const digit = (d: number): ClipId => `digit-${d}`;
  const clips: ClipId[] = [];
  if (hundreds > 0) clips.push(digit(hundreds), 'hundred');
  if (tens > 0) {
    // 十二 for 12, but 一百一十 for 110: the leading 一 is dropped only when 十 starts the number.
    if (hundreds > 0 || tens > 1) clips.push(digit(tens));
    clips.push('ten');
  } else if (hundreds > 0 && ones > 0) {
    clips.push(digit(0)); // 一百零一
  }
  if (ones > 0) clips.push(digit(ones));
  return clips;
}

type SentencePlanner = (ticket: ClipId[], counter: number) => ClipId[];

/** One sentence shape per locale; word order and counter numerals are the locale's own. */
const SENTENCES: Record<VoiceLocale, SentencePlanner> = {
  // 请 A012 号 到 3 号窗口办理
  'zh-CN': (ticket, counter) => ['please', ...ticket, 'ticket-suffix', 'go-to', ...chineseNumeralClips(counter), 'counter-suffix'],
};
