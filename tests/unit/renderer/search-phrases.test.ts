// A table of what visitors really type at the kiosk → the demo matter they want, against
// the demo hall's own configuration (config/demo-hall.json: names, aliases, departments),
// with pinyin computed by the hall as it serves it (hall/api/matter-search.ts). Each row
// says how far down the list the matter may be (1: first; more where a word is truly
// ambiguous, e.g. 社保 names three matters). The aliases setting itself is checked through
// a configuration file in tests/integration/api/search-aliases.test.ts.
// Mutations tried (rows failing): no aliases in the index (48); no edit-distance pass (4: the
// pinyin typos); a department's name ranked like the matter's own words (税务 → sw-01 first);
// no contained-words pass (租房提取公积金 → gjj-01 first); no department-character pass (医保
// loses ybj-03/04); popularity ignored (the popularity test); the by-id index cache handing
// back the first answer's matter (the popularity test sees rsj-05 without popularity).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { searchFields } from '../../../hall/api/matter-search.js';
import type { MatterDTO } from '../../../hall/api/dto.js';
import { chipLabel, commonMatters, searchMatters } from '../../../renderer/shared/search/matterSearch.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const matters: MatterDTO[] = config.matters.map((m) => ({ id: m.id, code: m.code, name: m.name, departmentId: m.departmentId, queueId: m.queueId, ...searchFields(m, config) }));

/** [what the visitor types, the matter wanted, within the first n results (default 1)]. */
const TABLE: [string, string, number?][] = [
  // 社会保险 / 社保卡
  ['社保卡', 'rsj-03'],
  ['社保卡补办', 'rsj-03'],
  ['社保卡丢了', 'rsj-03'],
  ['我要补办社保卡', 'rsj-03'],
  ['社保卡挂失', 'rsj-03'],
  ['换社保卡', 'rsj-03'],
  ['社会保障卡', 'rsj-03'],
  ['shebaoka', 'rsj-03'],
  ['sbk', 'rsj-03'],
  ['shebaokabuban', 'rsj-03'],
  ['shebaoak', 'rsj-03'],
  ['社保', 'rsj-03', 3],
  ['sb', 'rsj-03', 3],
  ['shebao', 'rsj-03', 3],
  ['养老保险', 'rsj-01'],
  ['交养老', 'rsj-01'],
  ['农村养老保险', 'rsj-01'],
  ['养老金认证', 'rsj-02'],
  ['退休认证', 'rsj-02'],
  ['生存认证', 'rsj-02'],
  ['失业金', 'rsj-04'],
  ['领失业金', 'rsj-04'],
  ['shiyejin', 'rsj-04'],
  ['失业保险', 'rsj-04'],
  ['灵活就业', 'rsj-05'],
  ['自己交社保', 'rsj-05'],
  ['个人交社保', 'rsj-05'],
  ['linghuojiuye', 'rsj-05'],
  // 医保
  ['医保', 'ybj-02', 3],
  ['医保转移', 'ybj-01'],
  ['医保转出', 'ybj-01'],
  ['医保关系转移', 'ybj-01'],
  ['异地就医', 'ybj-02'],
  ['外地看病', 'ybj-02'],
  ['医保备案', 'ybj-02'],
  ['ydjy', 'ybj-02'],
  ['yidijiuyi', 'ybj-02'],
  ['yidijiuy', 'ybj-02'],
  ['慢性病', 'ybj-03'],
  ['慢病', 'ybj-03'],
  ['门特', 'ybj-03'],
  ['生育津贴', 'ybj-04'],
  ['生孩子报销', 'ybj-04'],
  ['产假工资', 'ybj-04'],
  ['shengyujintie', 'ybj-04'],
  // 公积金
  ['公积金提取', 'gjj-01', 2],
  ['提公积金', 'gjj-01', 2],
  ['取公积金', 'gjj-01', 2],
  ['租房提取', 'gjj-02'],
  ['租房提取公积金', 'gjj-02'],
  ['买房提取', 'gjj-01'],
  ['公积金贷款', 'gjj-03'],
  ['gjjdk', 'gjj-03'],
  ['房贷', 'gjj-03'],
  ['公积金开户', 'gjj-04'],
  ['gongjijin', 'gjj-01', 4],
  ['公积金', 'gjj-01', 4],
  // 户籍与出入境
  ['身份证', 'gaj-02'],
  ['办身份证', 'gaj-02'],
  ['身份证丢了', 'gaj-02'],
  ['身份证补办', 'gaj-02'],
  ['临时身份证', 'gaj-02'],
  ['sfz', 'gaj-02'],
  ['shenfenzheng', 'gaj-02'],
  ['shenfenzhen', 'gaj-02'],
  ['迁户口', 'gaj-01'],
  ['落户', 'gaj-01'],
  ['户口迁移', 'gaj-01'],
  ['户口', 'gaj-01'],
  ['居住证', 'gaj-03'],
  ['暂住证', 'gaj-03'],
  ['jzz', 'gaj-03'],
  ['护照', 'gaj-04'],
  ['办护照', 'gaj-04'],
  ['怎么办护照', 'gaj-04'],
  ['huzhao', 'gaj-04'],
  ['出国', 'gaj-04'],
  // 市场准入
  ['营业执照', 'scjg-01', 2],
  ['开公司', 'scjg-01'],
  ['注册公司', 'scjg-01'],
  ['zhucegongsi', 'scjg-01'],
  ['个体户', 'scjg-02'],
  ['办个体户', 'scjg-02'],
  ['个体执照', 'scjg-02'],
  ['gth', 'scjg-02'],
  ['法人变更', 'scjg-03'],
  ['公司变更', 'scjg-03'],
  ['公司注销', 'scjg-04'],
  ['注销公司', 'scjg-04'],
  ['食品许可证', 'scjg-05'],
  ['餐饮许可', 'scjg-05'],
  ['开饭店', 'scjg-05'],
  ['spjyxk', 'scjg-05'],
  // 不动产
  ['过户', 'bdc-01'],
  ['房产过户', 'bdc-01'],
  ['二手房过户', 'bdc-01'],
  ['二手房', 'bdc-01'],
  ['guohu', 'bdc-01'],
  ['抵押登记', 'bdc-02'],
  ['房屋抵押', 'bdc-02'],
  ['房产证', 'bdc-03', 2],
  ['办房产证', 'bdc-03'],
  ['新房办证', 'bdc-03'],
  ['查房产', 'bdc-04'],
  ['无房证明', 'bdc-04'],
  ['查档', 'bdc-04'],
  ['不动产', 'bdc-01', 5],
  ['BDC', 'bdc-01', 5],
  ['不动产查询', 'bdc-04'],
  ['房产证改名', 'bdc-05'],
  // 税务
  ['领发票', 'sw-01'],
  ['发票', 'sw-01'],
  ['契税', 'sw-02'],
  ['买房交税', 'sw-02'],
  ['qishui', 'sw-02'],
  ['个税', 'sw-03'],
  ['个人所得税', 'sw-03'],
  ['退税', 'sw-03'],
  ['个税退税怎么办', 'sw-03'],
  ['税务登记', 'sw-04'],
  ['税务', 'sw-04'],
  // 综合
  ['投诉', 'zh-01'],
  ['办不成事', 'zh-01'],
  ['咨询', 'zh-02'],
  ['问询', 'zh-02'],
  // codes, fragments and typos
  ['150602-RSJ-0003', 'rsj-03'],
  ['RSJ-0003', 'rsj-03'],
  ['GAJ0004', 'gaj-04'],
  ['社保卡申', 'rsj-03'],
  ['异地备案', 'ybj-02'],
  ['公积金租房', 'gjj-02'],
  ['住房公积金租房提取', 'gjj-02'],
  ['社会保障卡补领', 'rsj-03'],
  ['居民身分证', 'gaj-02'],
  ['身份正', 'gaj-02'],
  ['shenfengzheng', 'gaj-02'],
  ['huzao', 'gaj-04'],
  ['yidijiuyibeian', 'ybj-02'],
  ['shengyujingtie', 'ybj-04'],
  ['医疗保障', 'ybj-01', 4],
];

describe('what visitors type finds the matter they want', () => {
  it('has at least 100 phrasings', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(TABLE)('%s → %s', (phrase, matterId, within = 1) => {
    const found = searchMatters(matters, phrase).map((m) => m.id);
    expect(found.slice(0, within), `results: ${found.slice(0, 6).join(', ')}`).toContain(matterId);
  });

  it('ranks an ambiguous word by how often each matter is taken', () => {
    const busy = matters.map((m) => ({ ...m, popularity: m.id === 'rsj-05' ? 40 : m.id === 'rsj-03' ? 12 : 0 }));
    expect(searchMatters(busy, '社保')[0]!.id).toBe('rsj-05');
    expect(searchMatters(busy, '社保卡')[0]!.id).toBe('rsj-03'); // an exact alias of one matter is not outranked
    expect(commonMatters(busy, 2).map((m) => m.id)).toEqual(['rsj-05', 'rsj-03']);
    // Nothing taken yet: one matter of each department first, in the hall's order.
    expect(commonMatters(matters, 4).map((m) => m.id)).toEqual(['bdc-01', 'scjg-01', 'rsj-01', 'ybj-01']);
    expect(commonMatters(busy, 4).map((m) => m.id)).toEqual(['rsj-05', 'rsj-03', 'bdc-01', 'scjg-01']);
    // The index reused for the same words never carries one answer's popularity into another's.
    expect(searchMatters(matters, '社保')[0]!.id).toBe('rsj-03');
    expect(searchMatters(busy, '社保')[0]!.popularity).toBe(40);
  });

  it('names each chip by the matter’s shortest alias that names no other matter', () => {
    const label = (id: string) => chipLabel(matters.find((m) => m.id === id)!, matters);
    expect(label('rsj-03')).toBe('社保卡'); // 社保 also names rsj-05
    expect(label('bdc-01')).toBe('过户');
    expect(label('gjj-02')).toBe('租房提取'); // 公积金提取, 提公积金, 取公积金 name both withdrawals
    expect(label('scjg-01')).toBe('开公司');
    const bare = matters.map((m) => ({ ...m, searchTerms: [] }));
    expect(chipLabel(bare[0]!, bare)).toBe(bare[0]!.name);
  });

  it('lists a matter’s own words before the rest of its department', () => {
    const found = searchMatters(matters, '医保').map((m) => m.id);
    expect(found.slice(0, 2).sort()).toEqual(['ybj-01', 'ybj-02']);
    expect(found).toEqual(expect.arrayContaining(['ybj-03', 'ybj-04']));
  });
});
