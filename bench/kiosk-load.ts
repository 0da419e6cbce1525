// Kiosk cold load to the first touchable button (issue 14): a fresh browser context (no HTTP
// cache, no storage) opens the kiosk page of a hall on loopback; the figure is the page's own
// clock (performance.now(), from navigation start) at the first animation frame in which 取号
// is visible and enabled. Also what the page downloaded before that: scripts, styles, fonts —
// the Mongolian font, the other languages and the pinyin keyboard must not be among them
// (loaded when a visitor asks). Prints figures, asserts nothing.
// Run: npx tsx bench/kiosk-load.ts [runs]   (dist/renderer must be built; SERVICEHALL_RENDERER_DIR elsewhere)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHallService } from '../hall/service.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { percentile } from './stats.js';

const runs = Number(process.argv[2] ?? 15);
const rendererDir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../dist/renderer');
if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) throw new Error(`${rendererDir} is missing: run \`npm run build:renderer\` first`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-kiosk-'));
const hall = await startHallService({ port: 0, dataDir, rendererDir });
const browser = await launchChromium();
const url = hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url;

const times: number[] = [];
let loaded: { kind: string; url: string; bytes: number }[] = [];
for (let i = 0; i < runs + 1; i++) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const responses: { kind: string; url: string; bytes: number }[] = [];
  page.on('response', (res) => {
    const kind = res.request().resourceType();
    if (kind === 'script' || kind === 'stylesheet' || kind === 'font' || kind === 'fetch' || kind === 'document')
      void res.body().then((b) => responses.push({ kind, url: new URL(res.url()).pathname, bytes: b.length }), () => undefined);
  });
  await page.goto(url, { waitUntil: 'commit' });
  const at = await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="kiosk-take-number"]');
      if (!button || button.disabled) return false;
      const box = button.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = (await at.jsonValue()) as number;
  if (i > 0) times.push(ms); // the first run warms the hall's file cache and the browser process
  loaded = [...responses];
  await context.close();
}
await browser.close();
await hall.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const sorted = [...times].sort((a, b) => a - b);
console.log(`kiosk cold load → 取号 touchable (1080×1920, fresh context, ${runs} runs): p50 ${percentile(sorted, 50).toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
const byKind = new Map<string, number>();
for (const r of loaded) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.bytes);
console.log(`downloaded on the way (last run): ${[...byKind].map(([k, b]) => `${k} ${(b / 1024).toFixed(0)} KiB`).join(', ')}`);
const lazy = loaded.filter((r) => /mongolian|pinyin|dict|\.woff2?$/i.test(r.url)).map((r) => `${r.url} (${(r.bytes / 1024).toFixed(0)} KiB)`);
console.log(`fonts, pinyin dictionary or Mongolian loaded before the first touch: ${lazy.length ? lazy.join(', ') : 'none'}`);
