// The phone page's first load over a slow 3G link (issue 16): central (real PostgreSQL) serves
// /m/ with a hall's board; headless Chromium opens a ticket's address in a fresh context (no
// cache) with the network throttled through CDP Network.emulateNetworkConditions — 400 kbit/s
// down and up, 400 ms round trip. The figure is the page's own clock (performance.now() from
// navigation start) at the first animation frame in which the ticket's number is on screen, and
// what the page had downloaded by then (bytes on the wire, compressed, from Resource Timing).
// Prints figures, asserts nothing. Run: npx tsx bench/phone-3g.ts [runs=5]  (dist/renderer built)
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startPostgres } from '../tests/helpers/postgres.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { startCentralServer } from '../central/server.js';
import type { BoardPush } from '../protocol/central/phone.js';
import { percentile } from './stats.js';

const runs = Number(process.argv[2] ?? 5);
const KBIT = 400;
const RTT_MS = 400;
const pagesDir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../dist/renderer');
if (!fs.existsSync(path.join(pagesDir, 'phone/index.html'))) throw new Error(`${pagesDir}/phone is missing: run \`npm run build:renderer\` first`);

const pg = await startPostgres();
const central = await startCentralServer({ databaseUrl: await pg.createDatabase(), rateLimit: false, phone: { publicRateLimit: false }, phonePagesDir: pagesDir });
const browser = await launchChromium();
try {
  const { token } = await central.addHall('bench-hall', '基准测试政务服务中心', '150602');
  const key = 'bench-key';
  const board: BoardPush = {
    mode: 'full',
    version: 1,
    generatedAt: Date.now(),
    serviceDay: '2026-12-07',
    hall: { name: '基准测试政务服务中心', mode: 'open', missedRejoinMinutes: 30 },
    queues: [{ queueId: 'q1', name: '综合受理', waiting: 12, estimate: { minMinutes: 10, maxMinutes: 25, basis: 'measured' } }],
    tickets: [
      {
        ticketId: 't1',
        keyHash: createHash('sha256').update(key).digest('hex'),
        number: 'A012',
        status: 'waiting',
        matterName: '社会保障卡申领',
        queueId: 'q1',
        peopleAhead: 11,
        estimate: { minMinutes: 10, maxMinutes: 25, basis: 'measured' },
        counterNumber: null,
        calledAt: null,
        rating: null,
      },
    ],
  };
  const pushed = await fetch(`${central.url}/v1/halls/bench-hall/board`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(board) });
  if (!pushed.ok) throw new Error(`board push: HTTP ${pushed.status} ${await pushed.text()}`);

  const url = `${central.url}/m/?hall=bench-hall&id=t1&key=${key}`;
  const samples: { ms: number; bytes: number; files: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT_MS, downloadThroughput: (KBIT * 1000) / 8, uploadThroughput: (KBIT * 1000) / 8 });
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="phone-number"]');
        return el && el.textContent === 'A012' && el.getBoundingClientRect().height > 0 ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    const ms = (await at.jsonValue()) as number;
    const loaded = await page.evaluate((until) => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      return entries.filter((e) => e.responseEnd > 0 && e.responseEnd <= until).map((e) => e.transferSize);
    }, ms);
    samples.push({ ms, bytes: loaded.reduce((a, b) => a + b, 0), files: loaded.length });
    await context.close();
  }
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const f = (n: number) => (n / 1000).toFixed(2);
  console.log(`phone page first load over ${KBIT} kbit/s, ${RTT_MS} ms RTT (${runs} cold loads, 390×844)`);
  console.log(`  number on screen: p50 ${f(percentile(ms, 50))} s, min ${f(ms[0]!)} s, max ${f(ms.at(-1)!)} s`);
  console.log(`  downloaded by then: ${(samples[0]!.bytes / 1024).toFixed(1)} KiB on the wire in ${samples[0]!.files} files (page, scripts, style, the ticket's JSON)`);
} finally {
  await browser.close();
  await central.close();
  await pg.stop();
}
