// The identity rules (hall/domain/identity-rules.ts): the elderly green channel and
// the per-identity ticket limit, decided in the domain and only applied by the routes
// (kiosk ticket, appointment check-in) and the card-read wiring.
// Mutations tried, each failing the test named after it:
//   - isElderly `age >= elderlyAge` → `age > elderlyAge` (60 not elderly, issue 13):
//     "counts a visitor aged exactly the threshold as elderly …" fails;
//   - greenCategoryFor returning the elderly category even when staff declared one:
//     "keeps the category staff confirmed" fails;
//   - assertWithinIdentityLimit `>=` → `>` (a third ticket allowed with limit 2):
//     "refuses the ticket that would pass the limit" fails.
import { describe, expect, it } from 'vitest';
import { DomainError, assertWithinIdentityLimit, greenCategoryFor, isElderly } from '../../../hall/domain/index.js';
import { ageOn } from '../../../drivers/idcard/index.js';

const rules = { elderlyAge: 60, elderlyCategoryId: 'elderly', maxTicketsPerMatterPerDay: 2 };

describe('the elderly rule', () => {
  it('counts a visitor aged exactly the threshold as elderly, from the 60th birthday itself (mutation: >= → >)', () => {
    const age = ageOn('1966-12-07', '2026-12-07');
    expect(age).toBe(60);
    expect(isElderly(age, rules)).toBe(true);
    expect(greenCategoryFor(null, age, rules)).toBe('elderly');
  });

  it('does not count the day before the 60th birthday', () => {
    const age = ageOn('1966-12-08', '2026-12-07');
    expect(age).toBe(59);
    expect(isElderly(age, rules)).toBe(false);
    expect(greenCategoryFor(null, age, rules)).toBeNull();
  });

  it('follows the configured threshold and category, not a built-in 60', () => {
    const custom = { elderlyAge: 65, elderlyCategoryId: 'senior' };
    expect(greenCategoryFor(null, 64, custom)).toBeNull();
    expect(greenCategoryFor(null, 65, custom)).toBe('senior');
  });

  it('keeps the category staff confirmed, and gives none when the age is unknown', () => {
    expect(greenCategoryFor('disabled', 80, rules)).toBe('disabled');
    expect(greenCategoryFor('disabled', 30, rules)).toBe('disabled');
    expect(greenCategoryFor(null, null, rules)).toBeNull();
  });
});

describe('the identity limit', () => {
  it('lets an identity take tickets up to the limit', () => {
    expect(() => assertWithinIdentityLimit(0, rules)).not.toThrow();
    expect(() => assertWithinIdentityLimit(1, rules)).not.toThrow();
  });

  it('refuses the ticket that would pass the limit, as identity_limit with the limit as its only fact (mutation: >= → >)', () => {
    let refused: unknown;
    try {
      assertWithinIdentityLimit(2, rules);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'identity_limit', details: { limit: 2 } });
    expect(() => assertWithinIdentityLimit(5, { maxTicketsPerMatterPerDay: 5 })).toThrow(DomainError);
    expect(() => assertWithinIdentityLimit(4, { maxTicketsPerMatterPerDay: 5 })).not.toThrow();
  });
});
