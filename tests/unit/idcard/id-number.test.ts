import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCheckDigit, maskIdNumber, validateIdNumber } from '../../../drivers/idcard/id-number.js';

describe('GB 11643 check digit (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['15020319900307153', '8'],
    ['44030519781231063', 'X'],
    ['11010520000229004', '8'],
    ['93172419880415062', '4'], // 2023 foreigner number
    ['81000019920820351', '2'], // Hong Kong residence permit
  ])('%s → %s', (first17, check) => {
    expect(computeCheckDigit(first17)).toBe(check);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeCheckDigit('1234')).toThrow(RangeError);
  });

  it('property: changing any single digit of a valid number breaks the check', () => {
    const first17 = fc.tuple(fc.constantFrom('11', '15', '44', '65'), fc.stringMatching(/^\d{4}$/), fc.integer({ min: 0, max: 20000 }), fc.stringMatching(/^\d{3}$/));
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ([prov, area, days, seq], pos, delta) => {
        const birth = new Date(Date.UTC(1950, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const base = `${prov}${area}${birth}${seq}`;
        const valid = base + computeCheckDigit(base);
        expect(validateIdNumber(valid).ok).toBe(true);
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        const result = validateIdNumber(changed);
        expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('validateIdNumber (manual entry at the kiosk)', () => {
  it('accepts a valid resident number and derives birth date and gender', () => {
    expect(validateIdNumber('150203199003071538')).toEqual({ ok: true, idNumber: '150203199003071538', kind: 'resident', birthDate: '1990-03-07', gender: 'male' });
  });

  it('normalises spaces and a lower-case x', () => {
    expect(validateIdNumber(' 44030519781231063x ')).toMatchObject({ ok: true, idNumber: '44030519781231063X' });
  });

  it('recognises HMT permits and 2023 foreigner numbers', () => {
    expect(validateIdNumber('810000199208203512')).toMatchObject({ ok: true, kind: 'hmt_residence_permit' });
    expect(validateIdNumber('931724198804150624')).toMatchObject({ ok: true, kind: 'foreign_permanent_2023', gender: 'female' });
  });

  it.each([
    ['', 'empty'],
    ['15020319900307153', 'wrong_length'],
    ['1502031990030715388', 'wrong_length'],
    ['15020319900307153A', 'bad_characters'],
    ['X50203199003071538', 'bad_characters'],
    ['990203199003071538', 'bad_region'],
    ['850000199003071538', 'bad_region'],
    ['150203199002301538', 'bad_birth_date'],
    ['150203189901011538', 'bad_birth_date'],
    ['150203199003071539', 'bad_check_digit'],
  ])('%j → %s', (input, reason) => {
    const result = validateIdNumber(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok && input) expect(result.message).not.toContain(input);
  });

  it('rejects a birth date after today when today is given', () => {
    const base = '15020320300101153';
    expect(validateIdNumber(base + computeCheckDigit(base), { today: '2026-01-01' })).toMatchObject({ ok: false, reason: 'future_birth_date' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('150602199001011234')).toBe('150602********1234');
    expect(maskIdNumber('44030519781231063X')).toBe('440305********063X');
  });

  it('masks shorter identifiers more', () => {
    expect(maskIdNumber('USA310850312046')).toBe('USA*********046');
    expect(maskIdNumber('H10000001')).toBe('H1*****01');
    expect(maskIdNumber('1234567')).toBe('*******');
  });

  it('property: the middle of an 18-character number never survives', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (n) => {
        const masked = maskIdNumber(n);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });
});
