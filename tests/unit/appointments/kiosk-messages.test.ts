// The kiosk's words for refusals: facts read from either error shape, the check-in and
// admission messages with their facts, every code the hall sends has its own text, and the
// reload instant for the next calendar change.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/shared/api/errors.js';
import { admissionPhrase, ADMISSION_CODES, checkInPhrase, factsOf, msUntilChange } from '../../../renderer/kiosk/kioskRules.js';
import { translateRules } from '../../../renderer/kiosk/rulesText.js';
import { zhCNKioskRules } from '../../../renderer/shared/i18n/zh-CN-kiosk-rules.js';

const refusal = (code: string, details: unknown) => new ApiError(409, code, code, details as never);

describe('kiosk refusal messages', () => {
  it('read facts from an object or from { path, message } pairs', () => {
    expect(factsOf(refusal('too_early', { opensAt: 5 }))).toEqual({ opensAt: 5 });
    expect(factsOf(refusal('too_early', [{ path: 'opensAt', message: '5' }]))).toEqual({ opensAt: '5' });
    expect(factsOf(new Error('x'))).toEqual({});
  });

  it('tell an early visitor the hall-local time to come back', () => {
    const opensAt = Date.UTC(2026, 10, 23, 1, 15); // 09:15 in China
    const p = checkInPhrase(refusal('too_early', { opensAt }), '-');
    expect(translateRules('zh-CN', p.key, p.params)).toBe('还没到签到时间。请于 09:15 后签到。');
  });

  it('show the existing number when already checked in, and the date of another day', () => {
    const p = checkInPhrase(refusal('already_checked_in', { number: 'E012' }), '-');
    expect(translateRules('zh-CN', p.key, p.params)).toContain('E012');
    const other = checkInPhrase(refusal('appointment_other_day', { slotStart: Date.UTC(2026, 10, 24, 1, 45) }), '-');
    expect(translateRules('zh-CN', other.key, other.params)).toContain('2026-11-24');
    expect(checkInPhrase(refusal('something_new', {}), '-').key).toBe('kioskRules.checkIn.other');
  });

  it('have a message with the facts for every admission refusal, and none for other codes', () => {
    for (const code of ADMISSION_CODES) {
      const p = admissionPhrase(code, { cap: 50, cutOff: '16:00', opensAtText: '2026-11-24 09:00' }, '-')!;
      expect(p.key).toBe(`kioskRules.error.${code}`);
      expect(translateRules('zh-CN', p.key, p.params)).not.toMatch(/\{\w+\}/);
      expect(zhCNKioskRules[`kioskRules.matter.${code}` as keyof typeof zhCNKioskRules]).toBeTruthy();
    }
    expect(translateRules('zh-CN', admissionPhrase('daily_cap_reached', { cap: 50 }, '-')!.key, { cap: 50 })).toContain('50');
    expect(admissionPhrase('identity_limit', {}, '-')).toBeNull();
  });

  it('reload just after the next change, capped; never without a calendar', () => {
    const mode = (nextChangeAt: number | null) => ({ mode: { nextChangeAt } as never });
    expect(msUntilChange(mode(10_000), 4_000)).toBe(6_500);
    expect(msUntilChange(mode(1_000), 4_000)).toBe(500);
    expect(msUntilChange(mode(10 ** 12), 0, 60_000)).toBe(60_000);
    expect(msUntilChange(mode(null), 0)).toBeNull();
    expect(msUntilChange(null, 0)).toBeNull();
  });
});
