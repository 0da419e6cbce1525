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

const SEPARATORS = /[\s·•\-_/，,。.、？?！!：:；;（）()“”"']+/g;
/** Anything but printable ASCII, tabs, newlines and CJK ideographs: full-width letters and the like, which NFKC folds. */
const NEEDS_NFKC = /[^ -~\t\n\u3400-\u4dbf\u4e00-\u9fff]/;

export function normalizeQuery(query: string): string {
  return (NEEDS_NFKC.test(query) ? query.normalize('NFKC') : query).toLowerCase().replace(SEPARATORS, '');
}

/** A CJK ideograph (the unified block and extension A): a range test, far cheaper than a Unicode-property regex per character. */
const isHanChar = (c: string) => {
  const u = c.charCodeAt(0);
  return (u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3400 && u <= 0x4dbf);
};


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
/**
 * A matter's indexed words by id, kept while its words are unchanged: the kiosk gets a new
 * matters array with every refresh (popularity changes), and re-indexing 5,000 unchanged
 * matters on the next keystroke would stall it.
 */
const byId = new Map<string, Indexed>();

/** Whether two answers for a matter carry the same words (popularity aside). */
function sameWords(a: MatterDTO, b: MatterDTO): boolean {
  if (a.code !== b.code || a.name !== b.name || a.pinyin !== b.pinyin || a.pinyinInitials !== b.pinyinInitials) return false;
  const x = a.searchTerms ?? [];
  const y = b.searchTerms ?? [];
  return x.length === y.length && x.every((t, i) => t.text === y[i]!.text && t.pinyin === y[i]!.pinyin && t.initials === y[i]!.initials && t.kind === y[i]!.kind);
}

function indexOne(m: MatterDTO): Indexed {
  const words: Words[] = [{ text: normalizeQuery(m.name), pinyin: m.pinyin, initials: m.pinyinInitials, weight: 0 }];
  for (const t of m.searchTerms ?? []) words.push({ text: normalizeQuery(t.text), pinyin: t.pinyin, initials: t.initials, weight: t.kind === 'alias' ? 1 : 2 });
  const charsOf = (own: boolean) => new Set(words.filter((w) => (w.weight < 2) === own).flatMap((w) => [...w.text].filter(isHanChar)));
  return { matter: m, code: normalizeQuery(m.code), words, chars: charsOf(true), departmentChars: charsOf(false) };
}

function index(matters: readonly MatterDTO[]): Indexed[] {
  let out = cache.get(matters);
  if (out) return out;
  out = matters.map((m) => {
    const known = byId.get(m.id);
    if (known && known.matter === m) return known;
    if (known && sameWords(known.matter, m)) {
      // The same words, this answer's matter (its popularity); older arrays keep their own.
      const ix: Indexed = { matter: m, code: known.code, words: known.words, chars: known.chars, departmentChars: known.departmentChars };
      byId.set(m.id, ix);
      return ix;
    }
    const ix = indexOne(m);
    byId.set(m.id, ix);
    return ix;
  });
  cache.set(matters, out);
  return out;
}

/** Two reused rows for boundedDistance (one keystroke computes thousands of distances). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Edit distance, giving up (Infinity) past `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 2);
    rowB = new Int32Array(b.length * 2 + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return Infinity;
    [prev, cur] = [cur, prev];
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
  let covered: boolean[] | null = null;
  for (const w of words) {
    if (w.weight === 2 || w.text.length < 2) continue;
    for (let at = q.indexOf(w.text); at >= 0; at = q.indexOf(w.text, at + 1)) {
      covered ??= new Array<boolean>(q.length).fill(false);
      covered.fill(true, at, at + w.text.length);
    }
  }
  return covered ? 60 + Math.floor((covered.filter(Boolean).length / q.length) * 19) : 0;
}

/** Most of the query's characters among a set (fragments, a wrong character): 0–1, 0 below 60 %. */
function charShare(han: readonly string[], chars: ReadonlySet<string>): number {
  const hits = han.filter((c) => chars.has(c)).length;
  return han.length >= 2 && hits >= 2 && hits / han.length >= 0.6 ? hits / han.length : 0;
}

/** A normalised query and what every matter's scoring reuses. */
interface Query {
  q: string;
  han: boolean;
  /** Its Han characters (a matter sharing none of them cannot match a Chinese query). */
  hanChars: string[];
}

function queryOf(raw: string): Query | null {
  const q = normalizeQuery(raw);
  if (!q) return null;
  const hanChars = [...new Set([...q].filter(isHanChar))];
  return { q, han: hanChars.length > 0, hanChars };
}

/** Score of one word for a Latin (pinyin) query; 0: no match. */
function latinScore(q: string, w: Words): number {
  if (w.initials === q || w.pinyin === q) return 100;
  if (w.pinyin.startsWith(q)) return 90;
  if (w.initials.startsWith(q)) return 88;
  if (q.length >= 2 && w.pinyin.includes(q)) return 75;
  if (q.length >= 2 && w.initials.includes(q)) return 72;
  // A typo in typed pinyin (shebaoak, huzao): against the same-length start, or the whole word.
  // Visitors rarely miss the first letter: only words starting with it pay for the distance.
  if (q.length >= 4 && w.pinyin[0] === q[0]) {
    const max = q.length >= 7 ? 2 : 1;
    if (boundedDistance(q, w.pinyin.slice(0, q.length), max) <= max) return 55;
    if (boundedDistance(q, w.pinyin, max) <= max) return 55;
  }
  return 0;
}

/** Tier of a matter for one normalised query: higher is better, 0 no match. */
function score(ix: Indexed, query: Query): number {
  const { q, han } = query;
  if (ix.code === q) return 1000;
  if (han && !query.hanChars.some((c) => ix.chars.has(c) || ix.departmentChars.has(c))) return 0;
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
  if (best === 0 && han) best = Math.round(charShare(query.hanChars, ix.chars) * 200) || Math.round(charShare(query.hanChars, ix.departmentChars) * 100);
  if (best === 0 && !han && q.length >= 3 && ix.code.includes(q)) best = q.length >= 4 ? 150 : 100;
  return best;
}

/** Tier of a matter for a raw query (0: no match); exported for the table tests. */
export function matchScore(matter: MatterDTO, rawQuery: string): number {
  const q = queryOf(rawQuery);
  return q ? score(index([matter])[0]!, q) : 0;
}

/** Builds the index ahead of the first keystroke (the search screen calls it when it opens). */
export function prepareSearch(matters: readonly MatterDTO[]): void {
  index(matters);
}

export function searchMatters(matters: readonly MatterDTO[], query: string, limit = 50): MatterDTO[] {
  const q = queryOf(query);
  if (!q) return [];
  // One number per match — tier, then popularity; the stable sort keeps the hall's order among equals.
  const ranked: { matter: MatterDTO; key: number }[] = [];
  for (const ix of index(matters)) {
    const s = score(ix, q);
    if (s > 0) ranked.push({ matter: ix.matter, key: s * 0x100000 + Math.min(ix.matter.popularity ?? 0, 0xfffff) });
  }
  ranked.sort((a, b) => b.key - a.key);
  return ranked.slice(0, limit).map((r) => r.matter);
}

/**
 * The matters taken most often: the kiosk's one-touch chips. Among equally taken matters each
 * department's first comes before any department's second (a hall where nothing has been taken
 * yet shows one matter of each department, not six of the first), then the hall's order.
 */
export function commonMatters(matters: readonly MatterDTO[], count: number): MatterDTO[] {
  const byPopularity = matters.map((m, i) => ({ m, i, rank: 0 })).sort((a, b) => (b.m.popularity ?? 0) - (a.m.popularity ?? 0) || a.i - b.i);
  const seen = new Map<string, number>();
  for (const x of byPopularity) {
    x.rank = seen.get(x.m.departmentId) ?? 0;
    seen.set(x.m.departmentId, x.rank + 1);
  }
  return byPopularity
    .sort((a, b) => (b.m.popularity ?? 0) - (a.m.popularity ?? 0) || a.rank - b.rank || a.i - b.i)
    .slice(0, count)
    .map((x) => x.m);
}

/**
 * What a chip says: the matter's shortest alias that names no other matter (社保卡 for
 * 社会保障卡申领, 过户 for 不动产转移登记（二手房买卖）) — the words visitors use — else its name.
 */
export function chipLabel(matter: MatterDTO, matters: readonly MatterDTO[]): string {
  const aliasesOf = (m: MatterDTO) => (m.searchTerms ?? []).filter((t) => t.kind === 'alias').map((t) => t.text);
  const elsewhere = new Set(matters.filter((m) => m.id !== matter.id).flatMap(aliasesOf));
  const own = aliasesOf(matter)
    .filter((a) => [...a].length >= 2 && [...a].length < [...matter.name].length && !elsewhere.has(a))
    .sort((a, b) => [...a].length - [...b].length);
  return own[0] ?? matter.name;
}
