// Kiosk search benchmark: keystroke → ranked results over 5,000 matters (target < 50 ms),
// and keystroke → pinyin keyboard candidates over the same vocabulary. The matters are the
// demo hall's (names, aliases, departments) varied 5,000 ways, with the pinyin the hall
// computes (hall/api/matter-search.ts) and made-up popularity. Each phrase is typed one
// character at a time; every prefix is one keystroke. The first keystroke after the hall's
// matters arrive (or change) also builds the search index: printed on its own line.
// Run: node --import tsx bench/search.ts  (or npm run bench -- search). Prints figures only.
import os from 'node:os';
import path from 'node:path';
import { loadHallConfig } from '../hall/config/load.js';
import { searchFields } from '../hall/api/matter-search.js';
import type { MatterDTO } from '../hall/api/dto.js';
import { searchMatters } from '../renderer/shared/search/matterSearch.js';
import { buildPinyinDictionary } from '../renderer/kiosk/pinyin/build-dict.js';
import { pinyinCandidates, vocabularyOf } from '../renderer/kiosk/pinyin/dictionary.js';
import { summarize, timeIt } from './stats.js';

const N = 5_000;
const config = loadHallConfig(path.resolve(import.meta.dirname, '../config/demo-hall.json'));
const places = ['东胜区', '康巴什区', '达拉特旗', '准格尔旗', '伊金霍洛旗', '鄂托克旗', '杭锦旗', '乌审旗'];
const kinds = ['', '（个人）', '（企业）', '（补办）', '（变更）', '（注销）', '（延续）', '（跨省通办）'];

function catalog(): MatterDTO[] {
  const out: MatterDTO[] = [];
  for (let i = 0; i < N; i++) {
    const base = config.matters[i % config.matters.length]!;
    const name = `${places[Math.floor(i / config.matters.length) % places.length]}${base.name}${kinds[i % kinds.length]}${i >= 264 ? `第${i}项` : ''}`;
    const m = { ...base, name, aliases: (base.aliases ?? []).map((a, j) => (j === 0 ? a : `${a}${i % 50}`)) };
    out.push({ id: `m${i}`, code: `150602-SYN-${String(i).padStart(6, '0')}`, name, departmentId: m.departmentId, queueId: m.queueId, ...searchFields(m, config), popularity: (i * 7919) % 400 });
  }
  return out;
}

/** Wall and CPU time of fn, pushed to the two lists. */
function both(wall: number[], cpu: number[], fn: () => void): void {
  const c0 = process.cpuUsage();
  wall.push(timeIt(fn));
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}

const phrases = ['社保卡补办', 'shebaokabuban', 'sbk', '医保', '异地就医备案', 'yidijiuyi', '我要补办身份证', 'gongjijintiqu', '公积金提取租房', 'shenfengzheng', '150602-SYN-004321', '营业执照'];

const t0 = process.hrtime.bigint();
const matters = catalog();
console.log(`catalog of ${N} matters with pinyin: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms (the hall, once at start)`);

console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores: wall times include waiting for a core; cpu times do not`);
const cold = { wall: [] as number[], cpu: [] as number[] };
both(cold.wall, cold.cpu, () => searchMatters(matters, 's'));
console.log(summarize(`first keystroke ever (index of ${N}), wall`, cold.wall));
console.log(summarize(`first keystroke ever (index of ${N}), cpu`, cold.cpu));
const firsts = { wall: [] as number[], cpu: [] as number[] };
for (let r = 0; r < 20; r++) {
  const fresh = matters.map((m) => ({ ...m, popularity: (m.popularity ?? 0) + r })); // a refreshed hall answer: same words
  both(firsts.wall, firsts.cpu, () => searchMatters(fresh, 's'));
}
console.log(summarize('first keystroke after a refresh, wall', firsts.wall));
console.log(summarize('first keystroke after a refresh, cpu', firsts.cpu));

const keys = { wall: [] as number[], cpu: [] as number[] };
let found = 0;
for (let round = 0; round < 5; round++) {
  for (const phrase of phrases) {
    const chars = [...phrase];
    for (let k = 1; k <= chars.length; k++) {
      const q = chars.slice(0, k).join('');
      both(keys.wall, keys.cpu, () => (found += searchMatters(matters, q).length));
    }
  }
}
console.log(summarize(`keystroke → results, ${N} matters, wall`, keys.wall));
console.log(summarize(`keystroke → results, ${N} matters, cpu`, keys.cpu));

const dict = buildPinyinDictionary();
const vocabulary = vocabularyOf(matters);
const cand = { wall: [] as number[], cpu: [] as number[] };
for (let round = 0; round < 3; round++) {
  for (const letters of ['shebaokabuban', 'yidijiuyi', 'gongjijintiqu', 'sbk', 'zh']) {
    for (let k = 1; k <= letters.length; k++) both(cand.wall, cand.cpu, () => (found += pinyinCandidates(letters.slice(0, k), vocabulary, dict).length));
  }
}
console.log(summarize(`keystroke → pinyin candidates, ${vocabulary.length} words, wall`, cand.wall));
console.log(summarize(`keystroke → pinyin candidates, ${vocabulary.length} words, cpu`, cand.cpu));
console.log(`dictionary: ${Object.keys(dict.syllables).length} syllables, ${JSON.stringify(dict).length} bytes of JSON (${found > 0 ? 'results found' : 'nothing found'})`);
