// Fewer items per screen in large-type mode (适老化): paging with big buttons instead of
// scrolling, which many elderly visitors find hard on a touch screen. Pure.
export type ListKind = 'departments' | 'matters';

export function pageSize(kind: ListKind, largeType: boolean, portrait: boolean): number {
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
