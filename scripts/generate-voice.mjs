#!/usr/bin/env node
// Regenerates the hall display's offline voice clips (docs/voice.md).
//
//   node scripts/generate-voice.mjs                 all locales into renderer/public/voice/<locale>/
//   node scripts/generate-voice.mjs --locale zh-CN  one locale
//   node scripts/generate-voice.mjs --out DIR       write <DIR>/<locale>/ instead
//   node scripts/generate-voice.mjs --check         regenerate into a temp folder, exit 1 if the
//                                                   checked-in clips differ (same espeak-ng/sox needed)
//
// Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox) at generation time only; the
// output is checked in so a display plays clips without either.
//
// Contract with renderer/shared/announcer/plan.ts: every clip id the planner of a locale can emit
// must be listed here for that locale (tests/unit/announcer/voice-files.test.ts checks both ways).
// Output per locale: <id>.wav (16 kHz, mono, 16-bit PCM, silence trimmed, peak-normalised) and
// manifest.json {clipId: {file, durationMs}} with ids sorted, so reruns give identical bytes.
//
// Danger: espeak-ng 1.51's `cmn` voice reads its own internal pinyin aloud in English
// (号 comes out as "hao four"; espeak-ng issue #1236). Mandarin clips therefore use the
// `cmn-latn-pinyin` voice fed explicit tone-numbered pinyin, which also pins the reading of
// polyphonic characters. Listen to the result after changing voices, speed or text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutRoot = path.join(repoRoot, 'renderer', 'public', 'voice');

const SAMPLE_RATE = 16000;
/** Whole-set budget: the clips ship inside every display build. */
const BUDGET_BYTES = 1.5 * 1024 * 1024;
/** Silence kept after each spoken clip, so clips played back to back are separate words. */
const SPEECH_TAIL_S = 0.05;

const MANDARIN = { voice: 'cmn-latn-pinyin', speed: 150, pitch: 50 };
// Chinese halls say ticket prefixes by their English letter names. espeak's cmn voices have
// their own letter table with wrong vowels for several letters (C "sei", V "vei", Z "zi"), so
// letters use the English voice. British names on purpose: "zed" cannot be misheard as "C".
const ENGLISH_LETTERS = { voice: 'en-gb', speed: 150, pitch: 50 };
/** Kiosk phrases are whole sentences: a little faster than the display's single words, to keep them short. */
const KIOSK_MANDARIN = { voice: 'cmn-latn-pinyin', speed: 160, pitch: 50 };

const DIGIT_PINYIN = ['ling2', 'yi1', 'er4', 'san1', 'si4', 'wu3', 'liu4', 'qi1', 'ba1', 'jiu3'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * Clip specs per locale. kinds: speech {voice, text} | chime | silence {seconds}.
 * To add a language: add an entry here and a planner in renderer/shared/announcer/plan.ts.
 */
const LOCALES = {
  'zh-CN': [
    { id: 'chime', kind: 'chime' },
    { id: 'pause', kind: 'silence', seconds: 0.6 },
    ...DIGIT_PINYIN.map((text, digit) => ({ id: `digit-${digit}`, kind: 'speech', ...MANDARIN, text })),
    { id: 'ten', kind: 'speech', ...MANDARIN, text: 'shi2' }, // 十
    { id: 'hundred', kind: 'speech', ...MANDARIN, text: 'bai3' }, // 百
    ...LETTERS.map((letter) => ({ id: `letter-${letter.toLowerCase()}`, kind: 'speech', ...ENGLISH_LETTERS, text: letter })),
    { id: 'please', kind: 'speech', ...MANDARIN, text: 'qing3' }, // 请
    { id: 'ticket-suffix', kind: 'speech', ...MANDARIN, text: 'hao4' }, // 号
    { id: 'go-to', kind: 'speech', ...MANDARIN, text: 'dao4' }, // 到
    { id: 'counter-suffix', kind: 'speech', ...MANDARIN, text: 'hao4 chuang1 kou3 ban4 li3' }, // 号窗口办理
  ],
  // The kiosk's spoken steps (docs/voice.md "Kiosk voice guidance"): one phrase per screen, read
  // aloud in 长辈/大字 mode and by the speaker button. Not a locale: the ticket number inside the
  // ticket phrase comes from zh-CN's digit and letter clips. renderer/shared/announcer/kiosk-steps.ts
  // names which phrase each step plays. Tone sandhi is written out (一下 yi2 xia4, 可以 ke2 yi3).
  'zh-CN-kiosk': [
    // 您好，请选择要办理的服务：取号、预约签到，或者办事指南。
    { id: 'step-start', kind: 'speech', ...KIOSK_MANDARIN, text: 'nin2 hao3. qing3 xuan3 ze2 yao4 ban4 li3 de5 fu2 wu4: qu3 hao4, yu4 yue1 qian1 dao4, huo4 zhe3 ban4 shi4 zhi3 nan2.' },
    // 请选择办事部门，也可以搜索事项。
    { id: 'step-departments', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 xuan3 ze2 ban4 shi4 bu4 men2, ye3 ke2 yi3 sou1 suo3 shi4 xiang4.' },
    // 请选择要办理的事项，点一下就出号。
    { id: 'step-matters', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 xuan3 ze2 yao4 ban4 li3 de5 shi4 xiang4, dian3 yi2 xia4 jiu4 chu1 hao4.' },
    // 您的号码是 … (the number follows from zh-CN's clips)
    { id: 'step-ticket-intro', kind: 'speech', ...KIOSK_MANDARIN, text: 'nin2 de5 hao4 ma3 shi4' },
    // 请取走您的号票，留意大厅叫号。
    { id: 'step-ticket-take', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 qu3 zou3 nin2 de5 hao4 piao4, liu2 yi4 da4 ting1 jiao4 hao4.' },
    // 没有办成，请看屏幕上的说明，或者找工作人员。
    { id: 'step-error', kind: 'speech', ...KIOSK_MANDARIN, text: 'mei2 you3 ban4 cheng2, qing3 kan4 ping2 mu4 shang4 de5 shuo1 ming2, huo4 zhe3 zhao3 gong1 zuo4 ren2 yuan2.' },
    // 请选择事项，查看要带哪些材料。
    { id: 'step-guide', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 xuan3 ze2 shi4 xiang4, cha2 kan4 yao4 dai4 na3 xie1 cai2 liao4.' },
    // 请工作人员输入工号和密码。
    { id: 'step-green-staff', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 gong1 zuo4 ren2 yuan2 shu1 ru4 gong1 hao4 he2 mi4 ma3.' },
    // 请选择优先办理的类别。
    { id: 'step-green-category', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 xuan3 ze2 you1 xian1 ban4 li3 de5 lei4 bie2.' },
    // 请输入十八位身份证号。
    { id: 'step-manual-id', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 shu1 ru4 shi2 ba1 wei4 shen1 fen4 zheng4 hao4.' },
    // 请输入预约码，或者刷身份证。
    { id: 'step-check-in', kind: 'speech', ...KIOSK_MANDARIN, text: 'qing3 shu1 ru4 yu4 yue1 ma3, huo4 zhe3 shua1 shen1 fen4 zheng4.' },
  ],
};

function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${cmd} could not start (${result.error.message}); install espeak-ng and sox`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const outputFormat = ['-D', '-b', '16', '-c', '1', '-r', String(SAMPLE_RATE)]; // -D: no dither, reproducible bytes

function renderSpeech(spec, target, tmp) {
  const raw = path.join(tmp, `${spec.id}.raw.wav`);
  run('espeak-ng', ['-v', spec.voice, '-s', String(spec.speed), '-p', String(spec.pitch), '-w', raw, spec.text]);
  // Trim leading and trailing silence (espeak pads both ends), de-click the cut edges,
  // bring every clip to the same peak, then keep a short uniform tail.
  run('sox', [
    raw, ...outputFormat, target,
    'silence', '1', '0.005', '0.1%', 'reverse', 'silence', '1', '0.005', '0.1%', 'fade', 'q', '0.01', 'reverse',
    'fade', 'q', '0.005', 'norm', '-3', 'pad', '0', String(SPEECH_TAIL_S),
  ]);
}

function renderChime(target, tmp) {
  // Two soft tones, E5 then C5 ("ding-dong"), bell-like decay, well below speech level,
  // then a short rest so the first word does not start on top of the ring.
  const tone = (name, hz) => {
    const file = path.join(tmp, name);
    run('sox', ['-n', ...outputFormat, file, 'synth', '0.6', 'sine', String(hz), 'fade', 'h', '0.02', '0.6', '0.56', 'vol', '0.3']);
    return file;
  };
  run('sox', [tone('ding.wav', 659.25), tone('dong.wav', 523.25), ...outputFormat, target, 'pad', '0', '0.25']);
}

function renderSilence(spec, target) {
  run('sox', ['-n', ...outputFormat, target, 'trim', '0', String(spec.seconds)]);
}

function durationMs(file) {
  const samples = Number(run('soxi', ['-s', file]).trim());
  return Math.round((samples / SAMPLE_RATE) * 1000);
}

function generateLocale(locale, specs, outDir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `voice-${locale}-`));
  try {
    const staged = path.join(tmp, 'out');
    fs.mkdirSync(staged);
    const manifest = {};
    for (const spec of [...specs].sort((a, b) => a.id.localeCompare(b.id))) {
      const file = `${spec.id}.wav`;
      const target = path.join(staged, file);
      if (spec.kind === 'speech') renderSpeech(spec, target, tmp);
      else if (spec.kind === 'chime') renderChime(target, tmp);
      else if (spec.kind === 'silence') renderSilence(spec, target);
      else throw new Error(`unknown clip kind ${spec.kind}`);
      manifest[spec.id] = { file, durationMs: durationMs(target) };
    }
    fs.writeFileSync(path.join(staged, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Replace the locale folder only after every clip rendered: a failed run leaves the old set.
    fs.mkdirSync(outDir, { recursive: true });
    for (const old of fs.readdirSync(outDir)) {
      if (old.endsWith('.wav') || old === 'manifest.json') fs.rmSync(path.join(outDir, old));
    }
    for (const name of fs.readdirSync(staged)) fs.copyFileSync(path.join(staged, name), path.join(outDir, name));
    return manifest;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function folderBytes(dir) {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

function sameFolder(a, b) {
  const names = fs.readdirSync(a).sort();
  if (names.join('\n') !== fs.readdirSync(b).sort().join('\n')) return false;
  return names.every((name) => fs.readFileSync(path.join(a, name)).equals(fs.readFileSync(path.join(b, name))));
}

function parseArgs(argv) {
  const args = { locales: Object.keys(LOCALES), outRoot: defaultOutRoot, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--locale') args.locales = [argv[++i]];
    else if (arg === '--out') args.outRoot = path.resolve(argv[++i]);
    else if (arg === '--check') args.check = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  for (const locale of args.locales) if (!LOCALES[locale]) throw new Error(`no clip specs for locale ${locale}`);
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const checkRoot = args.check ? fs.mkdtempSync(path.join(os.tmpdir(), 'voice-check-')) : null;
  let failed = false;
  try {
    for (const locale of args.locales) {
      const committed = path.join(args.outRoot, locale);
      const outDir = checkRoot ? path.join(checkRoot, locale) : committed;
      const manifest = generateLocale(locale, LOCALES[locale], outDir);
      const bytes = folderBytes(outDir);
      console.log(`${locale}: ${Object.keys(manifest).length} clips, ${(bytes / 1024).toFixed(0)} KiB in ${outDir}`);
      if (bytes > BUDGET_BYTES) {
        console.error(`${locale}: over the ${BUDGET_BYTES} byte budget`);
        failed = true;
      }
      if (checkRoot && !(fs.existsSync(committed) && sameFolder(outDir, committed))) {
        console.error(`${locale}: checked-in clips differ from a fresh generation; rerun without --check`);
        failed = true;
      }
    }
  } finally {
    if (checkRoot) fs.rmSync(checkRoot, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main();
