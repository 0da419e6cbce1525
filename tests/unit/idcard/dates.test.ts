import { describe, expect, it } from 'vitest';
import { ageOn, parseCompactDate } from '../../../drivers/idcard/dates.js';
import { isCardValidOn } from '../../../drivers/idcard/validity.js';

describe('ageOn (whole years, 周岁)', () => {
  it('goes up on the birthday, not the day before', () => {
    expect(ageOn('1966-05-20', '2026-05-19')).toBe(59);
    expect(ageOn('1966-05-20', '2026-05-20')).toBe(60);
    expect(ageOn('1966-05-20', '2026-12-31')).toBe(60);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
  });

  it('someone born on 29 February turns a year older on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-28')).toBe(3);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1965-02-28', '2025-02-28')).toBe(60);
  });

  it('rejects bad dates and dates before birth with a typed error', () => {
    expect(() => ageOn('1990-02-30', '2026-01-01')).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => ageOn('19900101', '2026-01-01')).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => ageOn('2026-01-02', '2026-01-01')).toThrow(expect.objectContaining({ code: 'invalid_date' }));
  });
});

describe('card dates', () => {
  it('parses YYYYMMDD into ISO and refuses impossible days', () => {
    expect(parseCompactDate('20000229')).toBe('2000-02-29');
    expect(parseCompactDate('19000229')).toBeUndefined();
    expect(parseCompactDate('2000022')).toBeUndefined();
    expect(parseCompactDate('２０００0229')).toBeUndefined();
  });

  it('a card is valid from its first to its last day; 长期 never ends', () => {
    const card = { validFrom: '2016-03-01', validTo: '2026-03-01' };
    expect(isCardValidOn(card, '2016-02-29')).toBe(false);
    expect(isCardValidOn(card, '2026-03-01')).toBe(true);
    expect(isCardValidOn(card, '2026-03-02')).toBe(false);
    expect(isCardValidOn({ validFrom: '2012-03-05', validTo: 'long_term' }, '2099-01-01')).toBe(true);
  });
});
