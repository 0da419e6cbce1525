// The kiosk's side of issue 4, pure: refusal facts read from an API error, the plain
// message for a refused ticket or check-in, and when to reload for the next mode change.
import type { KioskAvailabilityDTO, MatterAvailabilityDTO } from '../../hall/api/dto';
import { ApiError } from '../shared/api/errors';
import { formatHm, wallClock } from '../shared/format/time';
import type { MessageParams } from '../shared/i18n';
import { rulesKey, type KioskRulesKey } from './rulesText';

export type Facts = Record<string, string | number>;

export interface RulesPhrase {
  key: KioskRulesKey;
  params?: MessageParams;
}

/** A refusal's facts: `details` as an object (409 refusals), or as { path, message } pairs. */
export function factsOf(err: unknown): Facts {
  if (!(err instanceof ApiError)) return {};
  // A 409's facts arrive in `facts` (apiErrorFromResponse); `details` is then empty.
  if (Object.keys(err.facts).length) return err.facts;
  const details = err.details as unknown;
  if (Array.isArray(details)) return Object.fromEntries(details.map((d: { path: string; message: string }) => [d.path, d.message]));
  return details && typeof details === 'object' ? (details as Facts) : {};
}

/** Codes the hall sends when a walk-in ticket cannot be had now (hall/domain/admission.ts). */
export const ADMISSION_CODES = new Set(['daily_cap_reached', 'after_cut_off', 'hall_closed', 'self_service_only', 'booked_only', 'matter_not_offered', 'queue_closed_early']);

/** "2026-11-24 09:00", or the words for "see the hall's notice" when the hall gave no time. */
function whenOf(facts: Facts, noTime: string): string {
  return typeof facts.opensAtText === 'string' && facts.opensAtText ? facts.opensAtText : noTime;
}

/** A refused walk-in ticket, in plain words; null when the code is not an admission refusal. */
export function admissionPhrase(code: string, facts: Facts, noTime: string): RulesPhrase | null {
  if (!ADMISSION_CODES.has(code)) return null;
  return { key: rulesKey('kioskRules.error', code, 'kioskRules.checkIn.other'), params: { cap: facts.cap ?? '', cutOff: facts.cutOff ?? '', when: whenOf(facts, noTime) } };
}

/** A refused check-in, in plain words with the next step. */
export function checkInPhrase(err: unknown, noTime: string): RulesPhrase {
  if (!(err instanceof ApiError)) return { key: 'kioskRules.checkIn.other' };
  const facts = factsOf(err);
  switch (err.code) {
    case 'too_early':
      return { key: 'kioskRules.checkIn.too_early', params: { time: typeof facts.opensAt === 'number' || /^\d+$/.test(String(facts.opensAt)) ? formatHm(Number(facts.opensAt)) : '' } };
    case 'appointment_other_day':
      return { key: 'kioskRules.checkIn.appointment_other_day', params: { date: facts.slotStart !== undefined ? localDate(Number(facts.slotStart)) : '' } };
    case 'already_checked_in':
      return facts.number ? { key: 'kioskRules.checkIn.already_checked_in', params: { number: facts.number } } : { key: 'kioskRules.checkIn.alreadyNoNumber' };
    case 'hall_closed':
    case 'self_service_only':
    case 'booked_only':
      return { key: 'kioskRules.checkIn.closed', params: { when: whenOf(facts, noTime) } };
    default:
      return { key: rulesKey('kioskRules.checkIn', err.code, 'kioskRules.checkIn.other') };
  }
}

/** The hall-local date "YYYY-MM-DD" of an instant. */
export function localDate(epochMs: number): string {
  const w = wallClock(epochMs);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The short reason shown on a matter row that cannot get a ticket now. */
export function matterReasonKey(m: Pick<MatterAvailabilityDTO, 'reason'>): KioskRulesKey {
  return rulesKey('kioskRules.matter', m.reason, 'kioskRules.matter.other');
}

/** Milliseconds until the kiosk should reload its mode (capped, never negative); null: no calendar. */
export function msUntilChange(availability: Pick<KioskAvailabilityDTO, 'mode'> | null, hallNow: number, maxMs = 6 * 3_600_000): number | null {
  const at = availability?.mode.nextChangeAt;
  if (at === null || at === undefined) return null;
  return Math.min(maxMs, Math.max(0, at - hallNow) + 500);
}
