// Whether a card is within its validity period on a local calendar day. The
// driver never rejects an expired card: the hall decides what an expired card
// may still be used for.
import type { IdCardRecord, IsoDate } from './contract.js';
import { compareIsoDates } from './dates.js';

/** true when validFrom ≤ onDate ≤ validTo (长期 has no end). */
export function isCardValidOn(card: Pick<IdCardRecord, 'validFrom' | 'validTo'>, onDate: IsoDate): boolean {
  if (compareIsoDates(card.validFrom, onDate) > 0) return false;
  return card.validTo === 'long_term' || compareIsoDates(onDate, card.validTo) <= 0;
}
