// Kiosk cold load to the first touchable button (issue 14): a fresh browser context (no HTTP
// cache, no storage) opens the kiosk page of a hall on loopback; the figure is the page's own
// clock (performance.now(), from navigation start) at the first animation frame in which 取号
// is visible and enabled. Also what the page had downloaded by then (from the page's own
// Resource Timing, so measuring does not slow the load): scripts, styles, fonts, API reads,
// bytes and files — the Mongolian font, the other languages, the pinyin keyboard, the guide
// and the records screen must not be among them (loaded when a visitor asks).
// `--compare DIR` runs a second build (e.g. the one before a change) interleaved with this one
// on the same hall and browser, so both see the same machine load. Prints figures, asserts nothing.
// Run: npx tsx bench/kiosk-load.ts [runs] [--compare DIR]
//      (dist/renderer must be built; SERVICEHALL_RENDERER_DIR elsewhere)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startHallService } from '../hall/service.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { percentile } from './stats.js';

const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const compareDir = compareAt >= 0 ? path.resolve(args.splice(compareAt, 2)[1] ?? '') : null;
const runs = Number(args[0] ?? 15);
const rendererDir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../dist/renderer');
for (const dir of [rendererDir, compareDir]) {
  if (dir && !fs.existsSync(path.join(dir, 'kiosk/index.html'))) throw new Error(`${dir} is missing: run \`npm run build:renderer\` first`);
}

interface Loaded {
  kind: string;
  url: string;
  bytes: number;
}
interface Sample {
  ms: number;
  loaded: Loaded[];
}

/** One cold load: a fresh context, the page's clock when 取号 is touchable, what had loaded by then. */
async function coldLoad(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  const page = await context.newPage();
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
  const loaded = await page.evaluate((until) => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return entries
      .filter((e) => e.responseEnd > 0 && e.responseEnd <= until)
      .map((e) => {
        const url = new URL(e.name).pathname;
        const kind =
          e.entryType === 'navigation' ? 'document'
          : /\.js$/.test(url) ? 'script'
          : /\.css$/.test(url) ? 'stylesheet'
          : /\.(woff2?|ttf|otf)$/.test(url) ? 'font'
          : url.startsWith('/api/') ? 'api'
          : 'other';
        return { kind, url, bytes: e.encodedBodySize };
      });
  }, ms);
  await context.close();
  return { ms, loaded };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-kiosk-'));
const hall = await startHallService({ port: 0, dataDir, rendererDir });
const other = compareDir ? await startHallService({ port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-kiosk-')), rendererDir: compareDir }) : null;
const browser = await launchChromium();
const kioskUrl = (h: typeof hall) => h.pages.find((p) => p.terminalId === 'kiosk-1')!.url;
const builds = [
  { label: path.relative(process.cwd(), rendererDir) || rendererDir, url: kioskUrl(hall), samples: [] as Sample[] },
  ...(other && compareDir ? [{ label: path.relative(process.cwd(), compareDir) || compareDir, url: kioskUrl(other), samples: [] as Sample[] }] : []),
];

// The first round warms each hall's file cache and the browser process; it is not counted.
for (let i = 0; i < runs + 1; i++) {
  for (const build of builds) {
    const sample = await coldLoad(browser, build.url);
    if (i > 0) build.samples.push(sample);
  }
}
await browser.close();
await hall.close();
await other?.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`kiosk cold load → 取号 touchable (1080×1920, fresh context, ${runs} runs${builds.length > 1 ? ' each, interleaved' : ''}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`);
for (const { label, samples } of builds) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const last = samples[samples.length - 1]!.loaded;
  const byKind = new Map<string, { bytes: number; files: number }>();
  for (const r of last) {
    const k = byKind.get(r.kind) ?? { bytes: 0, files: 0 };
    byKind.set(r.kind, { bytes: k.bytes + r.bytes, files: k.files + 1 });
  }
  const lazy = last.filter((r) => /mongolian|mn-Mong|en-|pinyin|dict|Guide|records|qrcode|\.woff2?$/i.test(r.url)).map((r) => `${r.url} (${(r.bytes / 1024).toFixed(0)} KiB)`);
  console.log(`${label}: p50 ${percentile(sorted, 50).toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
  console.log(`  downloaded before 取号 (last run, encoded bytes): ${[...byKind].map(([k, v]) => `${k} ${(v.bytes / 1024).toFixed(0)} KiB in ${v.files}`).join(', ')}`);
  console.log(`  loaded before the first touch that a visitor must ask for: ${lazy.length ? lazy.join(', ') : 'none'}`);
}
