// The on-screen pinyin keyboard's dictionary (built at build time from pinyin-pro over
// GB2312 level 1) and its candidates for the demo hall's vocabulary (names, aliases,
// departments from config/demo-hall.json with the pinyin the hall serves).
// Mutations tried: the build keeping only each character's first reading (行 missing under
// hang); candidates without initials (sbk offers no 社保卡); characters not put in the
// hall's vocabulary order (she → 社 is no longer first); pick() replacing every letter for
// a character (shebao → 社 instead of 社bao).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPinyinDictionary, gb2312Level1 } from '../../../renderer/kiosk/pinyin/build-dict.js';
import { compositionOf, firstSyllable, pinyinCandidates, vocabularyOf } from '../../../renderer/kiosk/pinyin/dictionary.js';
import { pick } from '../../../renderer/kiosk/screens/DepartmentGrid.js';
import { loadHallConfig } from '../../../hall/config/load.js';
import { searchFields } from '../../../hall/api/matter-search.js';

const dict = buildPinyinDictionary();
const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const vocabulary = vocabularyOf(config.matters.map((m) => ({ name: m.name, ...searchFields(m, config) })));
const texts = (letters: string) => pinyinCandidates(letters, vocabulary, dict).map((c) => c.text);

describe('the dictionary built at build time', () => {
  it('holds every common character (GB2312 level 1) under its syllables, second readings too', () => {
    const chars = gb2312Level1();
    expect(chars).toHaveLength(3755);
    const all = new Set(Object.values(dict.syllables).flatMap((s) => [...s]));
    expect(chars.every((c) => all.has(c))).toBe(true);
    expect(dict.syllables.she).toContain('社');
    expect(dict.syllables.nv).toContain('女');
    expect(dict.syllables.xing!.indexOf('行')).toBeGreaterThanOrEqual(0);
    expect(dict.syllables.hang).toContain('行');
    expect(Object.keys(dict.syllables).length).toBeGreaterThan(380);
    // Small enough to load when the keyboard opens.
    expect(JSON.stringify(dict).length).toBeLessThan(40_000);
  });
});

describe('candidates for what the visitor types', () => {
  it('offers the hall’s words by full pinyin, initials or a mix', () => {
    expect(texts('shebaoka')[0]).toBe('社保卡');
    expect(texts('sbk').slice(0, 3)).toContain('社保卡');
    expect(texts('shebaok').slice(0, 3)).toContain('社保卡');
    expect(texts('yidijiuyi')[0]).toBe('异地就医');
    expect(texts('shenfenzheng')[0]).toBe('身份证');
    expect(texts('gongjijin')[0]).toBe('公积金'); // the part of 住房公积金… / 公积金提取 the letters spell
  });

  it('then the characters of the first syllable, the hall’s own first', () => {
    const she = pinyinCandidates('she', vocabulary, dict);
    const firstChar = she.find((c) => c.kind === 'char')!;
    expect(firstChar).toEqual({ text: '社', consumes: 3, kind: 'char' });
    const shebao = pinyinCandidates('shebao', vocabulary, dict);
    expect(shebao.find((c) => c.kind === 'char')).toEqual({ text: '社', consumes: 3, kind: 'char' });
    expect(shebao.filter((c) => c.kind === 'word').map((c) => c.text)).toContain('社保');
    // While a syllable is being typed, characters of every syllable it begins.
    expect(pinyinCandidates('zh', vocabulary, dict).some((c) => c.text === '证')).toBe(true);
    expect(pinyinCandidates('', vocabulary, dict)).toEqual([]);
  });

  it('replaces only the letters a candidate spells', () => {
    expect(compositionOf('社保ka')).toBe('ka');
    expect(compositionOf('150602-RSJ')).toBe('rsj');
    expect(firstSyllable('shebao', dict)).toBe('she');
    expect(pick('shebao', '社', 3)).toBe('社bao');
    expect(pick('社bao', '保', 3)).toBe('社保');
    expect(pick('我要sbk', '社保卡', 3)).toBe('我要社保卡');
  });
});
