// The on-screen pinyin keyboard's candidates. The visitor types letters (the trailing
// Latin letters of the search box are the composition); the candidate bar offers words of
// the hall's own vocabulary first — matter names, aliases, department names — matched by
// full pinyin, initials or a mix (shebaok, sbk, shebaoka → 社保卡), then the characters of
// the first syllable from the build-time dictionary (build-dict.ts), characters of the
// hall's vocabulary before the rest. Pure: no I/O; the dictionary is loaded lazily by load.ts.
// Contract: picking a candidate replaces `consumes` trailing letters of the composition —
// all of them for a word, the first syllable's for a character.

export interface PinyinDictionary {
  version: 1;
  /** Toneless syllable ("ü" as "v") → its characters, most likely first, concatenated. */
  syllables: Record<string, string>;
}

export interface VocabularyWord {
  text: string;
  /** Higher first among equally good words (the matter's popularity). */
  weight: number;
}

export interface Candidate {
  text: string;
  /** How many letters at the start of the composition it replaces. */
  consumes: number;
  kind: 'word' | 'char';
}

const MAX_SYLLABLE = 6;
const isHan = (c: string) => /\p{Script=Han}/u.test(c);

/** The composition: the letters at the end of the query (what the candidates replace). */
export function compositionOf(query: string): string {
  return /[A-Za-z]+$/.exec(query)?.[0].toLowerCase() ?? '';
}

const readingsCache = new WeakMap<PinyinDictionary, Map<string, string[]>>();

/** Character → its readings (syllables), from the dictionary. */
export function readingsOf(dict: PinyinDictionary): Map<string, string[]> {
  let map = readingsCache.get(dict);
  if (map) return map;
  map = new Map();
  for (const [syllable, chars] of Object.entries(dict.syllables)) {
    for (const ch of chars) map.set(ch, [...(map.get(ch) ?? []), syllable]);
  }
  readingsCache.set(dict, map);
  return map;
}

/** The longest syllable the letters start with, or null. */
export function firstSyllable(letters: string, dict: PinyinDictionary): string | null {
  for (let n = Math.min(MAX_SYLLABLE, letters.length); n > 0; n--) {
    if (dict.syllables[letters.slice(0, n)] !== undefined) return letters.slice(0, n);
  }
  return null;
}

const initialOf = (reading: string) => (/^[zcs]h/.test(reading) ? reading.slice(0, 2) : reading[0]!);

/**
 * How many characters of `chars` from `i` on spell all of `rest` — each by its whole reading,
 * its initial (zh/ch/sh or the first letter), or, for the last one, a reading's beginning —
 * or null. Characters that are not Han (brackets) are passed over.
 */
function cover(chars: readonly string[], i: number, rest: string, readings: Map<string, string[]>): number | null {
  if (rest === '') return i;
  if (i >= chars.length) return null;
  const ch = chars[i]!;
  if (!isHan(ch)) return cover(chars, i + 1, rest, readings);
  const rs = readings.get(ch) ?? [];
  for (const r of rs) {
    if (rest.startsWith(r)) {
      const n = cover(chars, i + 1, rest.slice(r.length), readings);
      if (n !== null) return n;
    }
  }
  for (const r of rs) {
    if (r.startsWith(rest)) return i + 1;
    const parts = [...new Set([initialOf(r), r[0]!])];
    for (const p of parts) {
      if (rest.startsWith(p)) {
        const n = cover(chars, i + 1, rest.slice(p.length), readings);
        if (n !== null) return n;
      }
    }
  }
  return null;
}

interface VocabularyIndex {
  /** Words (each text once, its highest weight) by the first letters their first character can be typed with. */
  byLetter: Map<string, { chars: string[]; weight: number }[]>;
  /** How much each character is used in the vocabulary: the hall's own characters come first. */
  own: Map<string, number>;
}

const vocabularyCache = new WeakMap<readonly VocabularyWord[], WeakMap<PinyinDictionary, VocabularyIndex>>();

/** Built once per vocabulary and dictionary: a keystroke then tries only words its first letter can start. */
function vocabularyIndex(vocabulary: readonly VocabularyWord[], dict: PinyinDictionary): VocabularyIndex {
  let perDict = vocabularyCache.get(vocabulary);
  const known = perDict?.get(dict);
  if (known) return known;
  const readings = readingsOf(dict);
  const weights = new Map<string, number>();
  for (const w of vocabulary) weights.set(w.text, Math.max(w.weight, weights.get(w.text) ?? 0));
  const byLetter = new Map<string, { chars: string[]; weight: number }[]>();
  const own = new Map<string, number>();
  for (const [text, weight] of weights) {
    const chars = [...text];
    for (const c of chars) if (isHan(c)) own.set(c, (own.get(c) ?? 0) + 1 + weight);
    const first = chars.find(isHan);
    if (!first) continue;
    for (const letter of new Set((readings.get(first) ?? []).map((r) => r[0]!))) {
      const list = byLetter.get(letter) ?? [];
      list.push({ chars, weight });
      byLetter.set(letter, list);
    }
  }
  const ix = { byLetter, own };
  if (!perDict) vocabularyCache.set(vocabulary, (perDict = new WeakMap()));
  perDict.set(dict, ix);
  return ix;
}

/** Candidates for the letters, words of the vocabulary first; at most `limit`. */
export function pinyinCandidates(letters: string, vocabulary: readonly VocabularyWord[], dict: PinyinDictionary, limit = 60): Candidate[] {
  if (!letters) return [];
  const readings = readingsOf(dict);
  const { byLetter, own } = vocabularyIndex(vocabulary, dict);
  const words = new Map<string, { whole: boolean; weight: number }>();
  for (const w of byLetter.get(letters[0]!) ?? []) {
    const n = cover(w.chars, 0, letters, readings);
    if (n === null || n < 2) continue;
    const text = w.chars.slice(0, n).join('');
    const whole = n === w.chars.length;
    const seen = words.get(text);
    words.set(text, { whole: whole || (seen?.whole ?? false), weight: Math.max(w.weight, seen?.weight ?? 0) });
  }
  const out: Candidate[] = [...words.entries()]
    .sort(([a, x], [b, y]) => Number(y.whole) - Number(x.whole) || y.weight - x.weight || [...a].length - [...b].length)
    .slice(0, limit)
    .map(([text]) => ({ text, consumes: letters.length, kind: 'word' as const }));

  // Characters of the first syllable (or of every syllable the letters begin, while typing one).
  const syllable = firstSyllable(letters, dict);
  const pool = syllable ? [dict.syllables[syllable]!] : Object.keys(dict.syllables).filter((s) => s.startsWith(letters)).map((s) => dict.syllables[s]!);
  const chars = [...new Set(pool.flatMap((s) => [...s]))];
  const ranked = chars.map((c, i) => ({ c, i, own: own.get(c) ?? 0 })).sort((a, b) => b.own - a.own || a.i - b.i);
  const consumes = syllable ? syllable.length : letters.length;
  for (const { c } of ranked) out.push({ text: c, consumes, kind: 'char' });
  return out.slice(0, limit);
}

/** The words the keyboard offers: each matter's name and aliases (weighted by popularity) and department names. */
export function vocabularyOf(matters: readonly { name: string; popularity?: number; searchTerms?: readonly { text: string }[] }[]): VocabularyWord[] {
  const out: VocabularyWord[] = [];
  for (const m of matters) {
    const weight = m.popularity ?? 0;
    out.push({ text: m.name, weight });
    for (const t of m.searchTerms ?? []) out.push({ text: t.text, weight });
  }
  return out;
}
