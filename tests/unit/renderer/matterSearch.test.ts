import { describe, expect, test } from 'vitest';
import type { MatterDTO } from '../../../hall/api/dto';
import { matchScore, normalizeQuery, searchMatters } from '../../../renderer/shared/search/matterSearch';

const matter = (id: string, name: string, code: string, pinyinInitials: string, pinyin: string): MatterDTO => ({
  id,
  name,
  code,
  departmentId: 'd',
  queueId: 'q',
  pinyinInitials,
  pinyin,
});

const catalog = [
  matter('m1', '不动产登记查询', '11150600MB1234567X0001', 'bdcdjcx', 'budongchandengjichaxun'),
  matter('m2', '不动产抵押登记', '11150600MB1234567X0002', 'bdcdydj', 'budongchandiyadengji'),
  matter('m3', '个体工商户设立登记', '11150600MB7654321Y0001', 'gtgshsldj', 'getigongshanghushelidengji'),
  matter('m4', '居民身份证换领', '3301', 'jmsfzhl', 'jumingshenfenzhenghuanling'),
  matter('m5', '社会保障卡申领', 'SB-0101', 'shbzksl', 'shehuibaozhangkashenling'),
];
const ids = (q: string) => searchMatters(catalog, q).map((m) => m.id);

describe('matter search on the kiosk', () => {
  test('pinyin initials in capitals find the matters (BDC → 不动产…)', () => {
    expect(ids('BDC')).toEqual(['m1', 'm2']);
    expect(ids('bdcdy')).toEqual(['m2']);
  });

  test('Chinese text matches anywhere in the name', () => {
    expect(ids('不动产')).toEqual(['m1', 'm2']);
    expect(ids('登记')).toEqual(['m1', 'm2', 'm3']);
    expect(ids('身份证')).toEqual(['m4']);
  });

  test('full pinyin matches from the start of the name', () => {
    expect(ids('budongchan')).toEqual(['m1', 'm2']);
    expect(ids('shehui')).toEqual(['m5']);
  });

  test('a matter code matches exactly first, then by prefix, case and dashes ignored', () => {
    expect(ids('3301')).toEqual(['m4']);
    expect(ids('sb0101')).toEqual(['m5']);
    expect(ids('11150600MB1234567X0002')[0]).toBe('m2');
    expect(ids('11150600')).toEqual(['m1', 'm2', 'm3']);
  });

  test('spaces, full-width letters and punctuation are ignored', () => {
    expect(normalizeQuery(' Ｂ Ｄ Ｃ ')).toBe('bdc');
    expect(ids('b d c')).toEqual(['m1', 'm2']);
  });

  test('an empty query or nonsense matches nothing', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(ids('zzzz')).toEqual([]);
  });

  test('an exact name ranks before a partial one', () => {
    expect(matchScore(catalog[0]!, '不动产登记查询')).toBeGreaterThan(matchScore(catalog[1]!, '登记'));
  });
});
