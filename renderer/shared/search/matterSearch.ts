// Matter search on the kiosk. Visitors type what they know: Chinese (不动产), pinyin
// initials (BDC → 不动产登记…), full pinyin (budongchan) or the matter code (事项编码).
// Pure: ranks matches, best first; an empty query matches nothing.
import type { MatterDTO } from '../../../hall/api/dto';

export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•\-_/，,。.、]+/g, '');
}

/** Lower rank sorts first; null: no match. */
export function matchRank(matter: MatterDTO, rawQuery: string): number | null {
  const q = normalizeQuery(rawQuery);
  if (!q) return null;
  const name = normalizeQuery(matter.name);
  const code = normalizeQuery(matter.code);
  const initials = (matter.pinyinInitials ?? '').toLowerCase();
  const pinyin = (matter.pinyin ?? '').toLowerCase();
  if (code === q) return 0;
  if (name === q) return 1;
  if (name.startsWith(q)) return 2;
  if (initials.startsWith(q)) return 3;
  if (/^[a-z]+$/.test(q) && pinyin.startsWith(q)) return 4;
  if (code.startsWith(q)) return 5;
  if (name.includes(q)) return 6;
  if (initials.includes(q)) return 7;
  if (/^[a-z]+$/.test(q) && q.length >= 2 && pinyin.includes(q)) return 8;
  if (q.length >= 3 && code.includes(q)) return 9;
  return null;
}

export function searchMatters(matters: readonly MatterDTO[], query: string, limit = 50): MatterDTO[] {
  const ranked: { matter: MatterDTO; rank: number; index: number }[] = [];
  matters.forEach((matter, index) => {
    const rank = matchRank(matter, query);
    if (rank !== null) ranked.push({ matter, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.matter);
}
