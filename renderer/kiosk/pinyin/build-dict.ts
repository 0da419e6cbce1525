// Builds the on-screen pinyin keyboard's character dictionary at build time (Vite plugin
// vite-plugin.ts; never shipped as code): the 3,755 characters of GB2312 level 1 — the
// common characters of everyday Chinese — grouped under each toneless pinyin syllable
// by pinyin-pro, "ü" typed as "v" (nv, lv) as every Chinese IME does. Within a syllable,
// characters whose main reading it is come first (in GB2312 order), then those for which
// it is a second reading (行 under hang after xing). Node only: TextDecoder('gb18030')
// needs Node's ICU. Contract: the output is plain data (PinyinDictionary, dictionary.ts).
import { pinyin } from 'pinyin-pro';
import type { PinyinDictionary } from './dictionary';

/** GB2312 level 1: rows 0xB0–0xD7, cells 0xA1–0xFE (the last row ends at 0xF9). */
export function gb2312Level1(): string[] {
  const decoder = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (/\p{Script=Han}/u.test(ch)) out.push(ch);
    }
  }
  return out;
}

export function buildPinyinDictionary(chars: readonly string[] = gb2312Level1()): PinyinDictionary {
  const main = new Map<string, string[]>();
  const second = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, syllable: string, ch: string) => {
    const list = m.get(syllable) ?? [];
    if (!list.includes(ch)) list.push(ch);
    m.set(syllable, list);
  };
  for (const ch of chars) {
    const readings = [...new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none', v: true }).map((r) => r.toLowerCase()).filter((r) => /^[a-z]+$/.test(r)))];
    readings.forEach((r, i) => push(i === 0 ? main : second, r, ch));
  }
  const syllables: Record<string, string> = {};
  for (const s of [...new Set([...main.keys(), ...second.keys()])].sort()) {
    const firsts = main.get(s) ?? [];
    syllables[s] = [...firsts, ...(second.get(s) ?? []).filter((c) => !firsts.includes(c))].join('');
  }
  return { version: 1, syllables };
}
