// Matter search on the kiosk. Visitors type what they know: the name (不动产), a common
// name or alias the hall configured (社保, 医保, 身份证), the department (税务), whole
// phrases (我要补办社保卡), full pinyin (shebaoka), pinyin initials (sbk), or the matter
// code — with typos and fragments. Pure: scores every matter, best first; an empty query
// matches nothing. Ties (and near ties in the same tier) go to the matter taken most often
// (MatterDTO.popularity, tickets over the last 30 days), then to the hall's own order.
// Contract: a matter's own words (name, aliases) always outrank its department's name, so
// typing 医保 lists the 医保 matters before the rest of the 医疗保障 department.
// Dangers: this runs on every keystroke over every matter (bench/search.ts: 5,000 matters);
// keep per-matter work to string tests and one bounded edit distance.
import type { MatterDTO } from '../../../hall/api/dto';

export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•\-_/，,。.、？?！!：:；;（）()“”"']+/g, '');
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

interface Words {
  text: string;
  pinyin: string;
  initials: string;
  /** 0: the matter's name, 1: an alias, 2: its department. */
  weight: 0 | 1 | 2;
}
interface Indexed {
  matter: MatterDTO;
  code: string;
  words: Words[];
  /** Every Han character of the name and aliases, and of the department's name. */
  chars: Set<string>;
  departmentChars: Set<string>;
}

const cache = new WeakMap<readonly MatterDTO[], Indexed[]>();

function index(matters: readonly MatterDTO[]): Indexed[] {
  let out = cache.get(matters);
  if (out) return out;
  out = matters.map((m) => {
    const words: Words[] = [{ text: normalizeQuery(m.name), pinyin: m.pinyin, initials: m.pinyinInitials, weight: 0 }];
    for (const t of m.searchTerms ?? []) words.push({ text: normalizeQuery(t.text), pinyin: t.pinyin, initials: t.initials, weight: t.kind === 'alias' ? 1 : 2 });
    const charsOf = (own: boolean) => new Set(words.filter((w) => (w.weight < 2) === own).flatMap((w) => [...w.text].filter(hasHan)));
    return { matter: m, code: normalizeQuery(m.code), words, chars: charsOf(true), departmentChars: charsOf(false) };
  });
  cache.set(matters, out);
  return out;
}

/** Edit distance, giving up (Infinity) past `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return Infinity;
    prev = cur;
  }
  return prev[b.length]! <= max ? prev[b.length]! : Infinity;
}

/** Score of one word for a Chinese query; 0: no match. */
function hanScore(q: string, w: Words): number {
  if (w.text === q) return 100;
  if (w.text.startsWith(q)) return 90;
  if (w.text.includes(q)) return 80;
  return 0;
}

/** A phrase holding the matter's own words (租房提取公积金 ⊃ 租房提取, 取公积金): 60–79 by the share of it they cover. */
function containedScore(q: string, words: readonly Words[]): number {
  const covered = new Array<boolean>(q.length).fill(false);
  let any = false;
  for (const w of words) {
    if (w.weight === 2 || w.text.length < 2) continue;
    for (let at = q.indexOf(w.text); at >= 0; at = q.indexOf(w.text, at + 1)) {
      any = true;
      covered.fill(true, at, at + w.text.length);
    }
  }
  return any ? 60 + Math.floor((covered.filter(Boolean).length / q.length) * 19) : 0;
}

/** Most of the query's characters among a set (fragments, a wrong character): 0–1, 0 below 60 %. */
function charShare(q: string, chars: ReadonlySet<string>): number {
  const han = [...q].filter(hasHan);
  const hits = han.filter((c) => chars.has(c)).length;
  return han.length >= 2 && hits >= 2 && hits / han.length >= 0.6 ? hits / han.length : 0;
}

/** Score of one word for a Latin (pinyin) query; 0: no match. */
function latinScore(q: string, w: Words): number {
  if (w.initials === q || w.pinyin === q) return 100;
  if (w.pinyin.startsWith(q)) return 90;
  if (w.initials.startsWith(q)) return 88;
  if (q.length >= 2 && w.pinyin.includes(q)) return 75;
  if (q.length >= 2 && w.initials.includes(q)) return 72;
  // A typo in typed pinyin (shebaoak, huzao): against the same-length start, or the whole word.
  if (q.length >= 4) {
    const max = q.length >= 7 ? 2 : 1;
    if (boundedDistance(q, w.pinyin.slice(0, q.length), max) <= max) return 55;
    if (boundedDistance(q, w.pinyin, max) <= max) return 55;
  }
  return 0;
}

/** Tier of a matter for one normalised query: higher is better, 0 no match. */
function score(ix: Indexed, q: string): number {
  if (ix.code === q) return 1000;
  const han = hasHan(q);
  let best = 0;
  for (const w of ix.words) {
    const s = han ? hanScore(q, w) : latinScore(q, w);
    // The matter's own words first: a department's name ranks below any own-word match.
    const weighted = s === 0 ? 0 : w.weight === 2 ? s * 3 : s * 10 - w.weight * 5;
    if (weighted > best) best = weighted;
  }
  if (han && best < 600) best = Math.max(best, containedScore(q, ix.words) * 10);
  // Fragments and typos in Chinese: most of the query's characters among the matter's own
  // (200 at most), else among its department's (医保 → 医疗保障, 100 at most).
  if (best === 0 && han) best = Math.round(charShare(q, ix.chars) * 200) || Math.round(charShare(q, ix.departmentChars) * 100);
  if (best === 0 && !han && q.length >= 3 && ix.code.includes(q)) best = q.length >= 4 ? 150 : 100;
  return best;
}

/** Tier of a matter for a raw query (0: no match); exported for the table tests. */
export function matchScore(matter: MatterDTO, rawQuery: string): number {
  const q = normalizeQuery(rawQuery);
  return q ? score(index([matter])[0]!, q) : 0;
}

export function searchMatters(matters: readonly MatterDTO[], query: string, limit = 50): MatterDTO[] {
  const q = normalizeQuery(query);
  if (!q) return [];
  const ranked: { matter: MatterDTO; score: number; index: number }[] = [];
  index(matters).forEach((ix, i) => {
    const s = score(ix, q);
    if (s > 0) ranked.push({ matter: ix.matter, score: s, index: i });
  });
  ranked.sort((a, b) => b.score - a.score || (b.matter.popularity ?? 0) - (a.matter.popularity ?? 0) || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.matter);
}

/** The matters taken most often (the hall's order among equals): the kiosk's one-touch chips. */
export function commonMatters(matters: readonly MatterDTO[], count: number): MatterDTO[] {
  return matters
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (b.m.popularity ?? 0) - (a.m.popularity ?? 0) || a.i - b.i)
    .slice(0, count)
    .map((x) => x.m);
}
