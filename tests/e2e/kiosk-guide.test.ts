// The kiosk's 办事指南 in a real browser, with the guides coming the real way: PostgreSQL
// 15 → the central server → the hall's downlink worker over HTTP → the hall's SQLite →
// the LAN API → headless Chromium. A visitor opens a guide (department → matter), reads
// the complete materials list page by page (also in 大字 mode), prints the 一次性告知 on
// the emulated ESC/POS printer, takes a number from the guide, and meets a printer fault
// in plain words. Central's guide replaces the hall's own (config/demo-guides.json) as soon
// as it arrives; a matter central did not publish keeps the hall's own guide. A hall with no
// guides at all gets the honest "本大厅尚未收到该事项的办事指南" screen. After hours the
// closed hall-zone kiosk and the 24-hour self-service kiosk still show guides.
// Screenshots and the notice's preview go to tests/.artifacts/e2e/.
// The renderer comes from dist/renderer (npm test builds it); SERVICEHALL_RENDERER_DIR
// points elsewhere (a private build while others edit the tree).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../config/demo-hall.json' with { type: 'json' };
import { demoConfigWith, startHarness, tempDataDir, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startCentralServer, type RunningCentral } from '../../central/server.js';
import { demoCatalog } from '../../central/datasets/demo-catalog.js';
import { publishDataset } from '../../central/datasets/publish.js';
import { ManualTimers } from '../../hall/runtime/timers.js';
import { decodeEscPos, renderPreviewSvg, splitAtCuts, textLines } from '../../drivers/printer/index.js';
import type { MatterGuideDTO } from '../../hall/api/dto.js';
import type { Guide } from '../../protocol/central/downlink/schemas.js';

const rendererDir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../../dist/renderer');
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const HALL_ID = demoHall.hall.id;
/** Central publishes every demo guide but this one: its matter keeps the hall's own guide. */
const UNPUBLISHED = 'sw-03';
const codeOf = (matterId: string) => demoHall.matters.find((m) => m.id === matterId)!.code;

const timers = new ManualTimers(at('2026-11-23 09:10')); // a Monday, the hall open
let pg: TestPostgres;
let central: RunningCentral;
let h: Harness;
let bare: Harness;
let browser: Browser;
let catalog: Guide[];
let originBeforeSync: string | undefined;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) {
    throw new Error(`${rendererDir} is missing: run \`npm run build:renderer\` first (npm test does)`);
  }
  pg = await startPostgres();
  central = await startCentralServer({ databaseUrl: await pg.createDatabase(), operatorToken: 'operator-secret', rateLimit: false });
  const { token } = await central.addHall(HALL_ID, demoHall.hall.name, demoHall.hall.areaCode);
  catalog = demoCatalog(demoHall as unknown as Parameters<typeof demoCatalog>[0]).filter((g) => g.code !== codeOf(UNPUBLISHED));
  await publishDataset(central.pool, HALL_ID, 'catalog', { mode: 'replace', items: catalog }, Date.now());

  const dataDir = tempDataDir();
  fs.writeFileSync(path.join(dataDir, 'sync-token'), token);
  const configPath = demoConfigWith((c) => {
    c.sync = { centralUrl: central.url };
    c.downlink = { pollSeconds: 5, datasets: ['catalog'] };
    c.calendar = { selfServiceZone: { enabled: true, ticketsDuringHours: true } };
  });
  h = await startHarness({ configPath, dataDir, timers, devices: 'configured', rendererDir });
  // Before the first sync the hall serves its own guide (config/demo-guides.json).
  const before = await h.api<MatterGuideDTO>('GET', '/api/v1/matters/rsj-03/guide', { terminal: 'kiosk-1' });
  originBeforeSync = before.body.origin;

  // The worker's rounds run on the hall's (manual) clock: move it until central's catalog is served.
  for (let i = 0; i < 400; i++) {
    timers.advance(5000);
    if ((await h.api<MatterGuideDTO>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' })).body.origin === 'central') break;
    await new Promise((r) => setTimeout(r, 50));
  }

  // A hall with no guides at all (offline-only, no guide file), with the shortest idle timeout allowed.
  bare = await startHarness({
    configPath: demoConfigWith((c) => {
      delete c.guides;
      (c.timeouts as { kioskIdleSeconds: number }).kioskIdleSeconds = 10;
    }),
    rendererDir,
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  await bare?.close();
  await central?.close();
  await pg?.stop();
});

async function open(harness: Harness, terminalId: string, viewport = { width: 1080, height: 1920 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${terminalId}] page error:`, err));
  await page.goto(harness.hall.pages.find((p) => p.terminalId === terminalId)!.url);
  await page.getByTestId('kiosk').waitFor();
  return page;
}

async function openGuide(page: Page, departmentId: string, matterId: string): Promise<void> {
  await page.getByTestId('kiosk-guide').click();
  await page.locator(`[data-testid="guide-department-tile"][data-department-id="${departmentId}"]`).click();
  await page.locator(`[data-testid="guide-matter-row"][data-matter-id="${matterId}"]`).click();
  await page.getByTestId('kiosk-guide-screen').or(page.getByTestId('guide-unavailable')).waitFor();
}

/** Every material shown in the materials section, reading page after page. */
async function materialsShown(page: Page): Promise<string[]> {
  await page.locator('[data-testid="guide-tab"][data-section="materials"]').click();
  const names: string[] = [];
  for (let i = 0; i < 30; i++) {
    const section = await page.getByTestId('guide-page').getAttribute('data-section');
    if (section !== 'materials') break;
    names.push(...(await page.getByTestId('guide-material-name').allTextContents()));
    const next = page.getByTestId('pager-next');
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    await next.click();
  }
  return names;
}

describe('办事指南 at the kiosk, with guides from the central platform', () => {
  it('serves the published catalog through the hall API', async () => {
    const res = await h.api<MatterGuideDTO>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' });
    expect(res.status).toBe(200);
    expect(res.body.catalogVersion).toBeGreaterThan(0);
    expect(res.body.guide.name).toBe(catalog.find((g) => g.code === codeOf('bdc-01'))!.name);
  });

  it('shows the complete materials list, prints the one-time notice, and takes a number from the guide', async () => {
    const guide = catalog.find((g) => g.code === codeOf('bdc-01'))!;
    const kiosk = await open(h, 'kiosk-1');
    await openGuide(kiosk, 'bdc', 'bdc-01');
    expect(await kiosk.getByTestId('kiosk-guide-screen').getAttribute('data-state')).toBe('ok');
    expect(await kiosk.getByTestId('guide-title').textContent()).toBe(guide.name);
    expect(await kiosk.getByTestId('guide-applicants').textContent()).toContain('个人');
    expect(await kiosk.getByTestId('guide-condition').allTextContents()).toEqual(guide.conditions);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-who.png') });

    const shown = await materialsShown(kiosk);
    expect([...shown].sort()).toEqual(guide.materials.map((m) => m.name).sort());
    // Mandatory materials first.
    const firstOptional = shown.findIndex((n) => !guide.materials.find((m) => m.name === n)!.required);
    expect(shown.slice(firstOptional).every((n) => !guide.materials.find((m) => m.name === n)!.required)).toBe(true);
    await kiosk.locator('[data-testid="guide-tab"][data-section="materials"]').click();
    expect(await kiosk.getByTestId('guide-materials-summary').getAttribute('data-total')).toBe(String(guide.materials.length));
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-materials.png') });

    await kiosk.locator('[data-testid="guide-tab"][data-section="where"]').click();
    expect(await kiosk.getByTestId('guide-enquiry').textContent()).toContain(guide.enquiry.phone);
    expect(await kiosk.getByTestId('guide-complaint').textContent()).toContain(guide.complaint.phone);
    await kiosk.locator('[data-testid="guide-tab"][data-section="time"]').click();
    expect(await kiosk.getByTestId('guide-time-limits').textContent()).toContain('30 个工作日');

    // 打印一次性告知 on the kiosk's printer.
    const emulator = h.agentDevice('printer', 'kiosk-1').emulator!;
    const before = emulator.jobs().length;
    await kiosk.getByTestId('guide-print').click();
    await expect.poll(() => kiosk.getByTestId('guide-print-status').getAttribute('data-state')).toBe('printed');
    const job = (await emulator.waitForJobs(before + 1))[before]!;
    const doc = splitAtCuts(decodeEscPos(job))[0]!;
    const printed = textLines(doc).join('');
    expect(printed).toContain('一次性告知单');
    for (const m of guide.materials) expect(printed).toContain(m.name);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-printed.png') });
    const svg = renderPreviewSvg(decodeEscPos(job), { paperWidthDots: h.agentDevice('printer', 'kiosk-1').profile.paperWidthDots });
    fs.writeFileSync(artifactPath('e2e', 'guide-notice-preview.svg'), svg);
    const preview = await browser.newPage({ viewport: { width: 700, height: 1400 } });
    await preview.setContent(`<body style="margin:0;background:#ddd">${svg}</body>`);
    await preview.locator('svg').screenshot({ path: artifactPath('e2e', 'guide-notice-preview.png') });
    await preview.close();

    // 取号办理: one touch, a ticket for this matter.
    expect(await kiosk.getByTestId('guide-take-number').getAttribute('data-available')).toBe('true');
    await kiosk.getByTestId('guide-take-number').click();
    await kiosk.getByTestId('ticket-screen').waitFor();
    expect((await kiosk.getByTestId('ticket-number').textContent())!.trim()).toMatch(/^A\d{3}$/);
    await kiosk.context().close();
  });

  it('pages the guide in 大字 mode with fewer lines per page', async () => {
    const kiosk = await open(h, 'kiosk-1');
    await openGuide(kiosk, 'scjg', 'scjg-01');
    const pagesNormal = Number((await kiosk.getByTestId('pager-label').textContent())!.match(/\/\s*(\d+)/)![1]);
    await kiosk.getByTestId('large-type-toggle').click();
    await expect.poll(async () => Number((await kiosk.getByTestId('pager-label').textContent())!.match(/\/\s*(\d+)/)![1])).toBeGreaterThan(pagesNormal);
    const guide = catalog.find((g) => g.code === codeOf('scjg-01'))!;
    expect([...(await materialsShown(kiosk))].sort()).toEqual(guide.materials.map((m) => m.name).sort());
    await kiosk.locator('[data-testid="guide-tab"][data-section="materials"]').click();
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-large-type.png') });
    await kiosk.context().close();
  });

  it('says plainly that the notice cannot be printed while the printer is out of paper', async () => {
    const kiosk = await open(h, 'kiosk-1');
    await openGuide(kiosk, 'gjj', 'gjj-01');
    const emulator = h.agentDevice('printer', 'kiosk-1').emulator!;
    emulator.setState({ paperOut: true });
    await expect.poll(() => kiosk.getByTestId('guide-print').getAttribute('data-can-print'), { timeout: 15_000 }).toBe('false');
    expect(await kiosk.getByTestId('guide-print').isDisabled()).toBe(true);
    expect(await kiosk.getByTestId('guide-print-status').getAttribute('data-key')).toBe('kiosk.guide.print.unavailable');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-printer-fault.png') });
    emulator.setState({ paperOut: false });
    await expect.poll(() => kiosk.getByTestId('guide-print').getAttribute('data-can-print'), { timeout: 15_000 }).toBe('true');
    await kiosk.context().close();
  });

  it("replaces the hall's own guide by central's as it arrives, and keeps the hall's own where central has none", async () => {
    // Fails if the hall preferred its own file (origin stays 'hall') or ignored it (404 for sw-03).
    expect(originBeforeSync).toBe('hall');
    const synced = await h.api<MatterGuideDTO>('GET', '/api/v1/matters/rsj-03/guide', { terminal: 'kiosk-1' });
    expect(synced.body.origin).toBe('central');
    expect(synced.body.guide.name).toBe(catalog.find((g) => g.code === codeOf('rsj-03'))!.name);
    const kiosk = await open(h, 'kiosk-1');
    await kiosk.getByTestId('kiosk-guide').click();
    await kiosk.getByTestId('guide-search-input').fill(codeOf(UNPUBLISHED));
    await kiosk.locator(`[data-testid="guide-matter-row"][data-matter-id="${UNPUBLISHED}"]`).click();
    await kiosk.getByTestId('kiosk-guide-screen').waitFor();
    expect(await kiosk.getByTestId('kiosk-guide-screen').getAttribute('data-origin')).toBe('hall');
    expect(await kiosk.getByTestId('guide-title').textContent()).toBe(demoHall.matters.find((m) => m.id === UNPUBLISHED)!.name);
    await kiosk.context().close();
  });

  it('keeps guides readable after hours on the closed hall kiosk and the 24-hour self-service kiosk', async () => {
    timers.advance(at('2026-11-23 19:00') - timers.now());
    for (const terminal of ['kiosk-1', 'kiosk-24h']) {
      const kiosk = await open(h, terminal);
      await expect.poll(() => kiosk.getByTestId('kiosk-mode').getAttribute('data-screen-mode')).toBe(terminal === 'kiosk-1' ? 'closed' : 'self_service');
      await openGuide(kiosk, 'bdc', 'bdc-04');
      expect(await kiosk.getByTestId('kiosk-guide-screen').getAttribute('data-state')).toBe('ok');
      expect(await kiosk.getByTestId('guide-take-number').getAttribute('data-available')).toBe('false');
      expect(await kiosk.getByTestId('guide-take-number').isDisabled()).toBe(true);
      expect(await kiosk.getByTestId('guide-print').getAttribute('data-can-print')).toBe('true');
      await kiosk.getByTestId('guide-print').click();
      await expect.poll(() => kiosk.getByTestId('guide-print-status').getAttribute('data-state')).toBe('printed');
      await kiosk.screenshot({ path: artifactPath('e2e', `kiosk-guide-after-hours-${terminal}.png`) });
      await kiosk.context().close();
    }
  });
});

describe('办事指南 in a hall that has no catalog', () => {
  it('shows the honest empty state instead of a guide, then goes home when left idle', async () => {
    const kiosk = await open(bare, 'kiosk-1');
    await openGuide(kiosk, 'bdc', 'bdc-01');
    expect(await kiosk.getByTestId('guide-unavailable').getAttribute('data-reason')).toBe('guide_not_available');
    expect(await kiosk.getByTestId('guide-unavailable-text').textContent()).toBe('本大厅尚未收到该事项的办事指南，请到综合咨询窗口咨询');
    expect(await kiosk.getByTestId('guide-enquiry-counter').textContent()).toMatch(/1号窗口.*2号窗口/);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-no-catalog.png') });
    // The hall's idle timeout (10 s here) brings the kiosk back to the start screen.
    await expect.poll(() => kiosk.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 30_000, interval: 500 }).toBe('start');
    await kiosk.context().close();
  });
});
