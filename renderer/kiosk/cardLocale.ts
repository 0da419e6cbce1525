// A foreign permanent resident card (外国人永久居留身份证: type mark 'I', 2017 edition, or 'Y',
// 2023 edition; drivers/idcard/layouts.ts) switches the kiosk to English by itself: its holder
// is the visitor most likely to read no Chinese. Resident and HMT cards change nothing.
// The visitor can still switch back; the idle reset returns to the hall's default.
import type { Locale } from '../shared/i18n';

const FOREIGN_CARD_TYPES = new Set(['foreign_permanent_2017', 'foreign_permanent_2023']);

/** The locale a card read asks for, or null to leave the visitor's language alone. */
export function localeForCard(cardType: string, offered: readonly Locale[]): Locale | null {
  return FOREIGN_CARD_TYPES.has(cardType) && offered.includes('en') ? 'en' : null;
}
