// Fewer items per screen in large-type mode (适老化) and in the reachable zone (低位操作):
// paging with big buttons instead of scrolling, which many elderly visitors find hard on a
// touch screen. Pure but for the default of `reach`, read from the reachable-zone switch
// (reachZone.ts: it changes only on the start screen, where no list is shown).
import { isReachZone } from './reachZone';

export type ListKind = 'departments' | 'matters';

export function pageSize(kind: ListKind, largeType: boolean, portrait: boolean, reach: boolean = isReachZone()): number {
  // Reachable zone: the list shares the lower part of the screen with search, chips and the nav bar.
  if (reach) {
    if (kind === 'departments') return 4;
    return largeType || !portrait ? 2 : 4;
  }
  if (kind === 'departments') {
    // Eight tiles (portrait: 2 columns × 4 rows; landscape: 4 × 2, kiosk-layout.css); four in 大字.
    if (largeType) return 4;
    return 8;
  }
  if (largeType) return portrait ? 4 : 3;
  return portrait ? 6 : 4;
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Clamps the page into range, so a list that shrank under the visitor never shows an empty page. */
export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: all.slice(p * size, p * size + size), page: p, pages };
}
