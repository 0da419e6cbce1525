// Rules that depend on who the visitor is, decided from facts the caller read
// (the age on today's local date, tickets this identity already holds):
//   - the elderly rule: a visitor aged `elderlyAge` or more (the birthday counts:
//     60 on the day of the 60th birthday) joins the green channel by himself,
//     as `elderlyCategoryId`, unless staff already confirmed another category;
//   - the identity limit: one identity takes at most `maxTicketsPerMatterPerDay`
//     tickets for one matter per service day.
// Pure: ages and counts come from the caller (the ID card's birth date is read
// by drivers/idcard's ageOn, the count from the real-name store); no clock here.
// The settings are the hall configuration's `realName` section (docs/privacy.md).
import { DomainError } from './errors.js';
import type { GreenCategory } from './types.js';

export interface IdentityRules {
  /** Age in whole years at or above which a visitor is elderly (老年人). */
  elderlyAge: number;
  /** The green-channel category an elderly visitor gets. */
  elderlyCategoryId: GreenCategory;
  /** Real-name tickets one identity may take for one matter in one service day. */
  maxTicketsPerMatterPerDay: number;
}

/** Whether a visitor of this age (whole years, on today's local date) counts as elderly. */
export function isElderly(age: number, rules: Pick<IdentityRules, 'elderlyAge'>): boolean {
  return age >= rules.elderlyAge;
}

/**
 * The green-channel category a ticket gets: the one staff confirmed (`declared`) when there
 * is one; else the elderly category when the visitor's age is known and elderly; else none.
 */
export function greenCategoryFor(declared: GreenCategory | null, age: number | null, rules: Pick<IdentityRules, 'elderlyAge' | 'elderlyCategoryId'>): GreenCategory | null {
  if (declared !== null) return declared;
  return age !== null && isElderly(age, rules) ? rules.elderlyCategoryId : null;
}

/**
 * Throws `identity_limit` when an identity that already holds `ticketsToday` tickets for a
 * matter today may not take one more. The error's details give the limit (no personal data).
 */
export function assertWithinIdentityLimit(ticketsToday: number, rules: Pick<IdentityRules, 'maxTicketsPerMatterPerDay'>): void {
  const limit = rules.maxTicketsPerMatterPerDay;
  if (ticketsToday >= limit) throw new DomainError('identity_limit', `this identity already took ${limit} tickets for this matter today`, { limit });
}
