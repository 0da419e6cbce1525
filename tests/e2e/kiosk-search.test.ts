// Search for people and guides offline, in headless Chromium against the demo hall with no
// central platform (its own guides from config/demo-guides.json) and its device agents'
// emulated ESC/POS printers. A visitor:
// - finds 社会保障卡申领 (the demo's matter for 社保卡补办) by typing pinyin on the
//   on-screen keyboard and picking candidates — a word (社保卡) and single characters
//   (补, 办) — and takes a ticket for it; the keyboard's dictionary chunk is fetched only
//   when the keyboard opens;
// - finds it by its alias typed in the box, and by a one-touch chip;
// - opens its guide offline, prints the 一次性告知 (bytes decoded from the printer's wire),
//   and opens the guide's QR address as a phone would.
// Mutations tried: DepartmentGrid without the candidate bar (no pinyin-candidate appears);
// pick() replacing the whole composition for a character (the query becomes 社 and the 补/办
// steps find nothing); the hall without guides.file (the guide screen is the honest empty one
// and nothing prints); the phone route left unmounted (the phone page never reaches data-state ok).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { decodeEscPos, splitAtCuts, textLines } from '../../drivers/printer/index.js';
import demoGuides from '../../config/demo-guides.json' with { type: 'json' };

const rendererDir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../../dist/renderer');
const SOCIAL_CARD = 'rsj-03';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) {
    throw new Error(`${rendererDir} is missing: run \`npm run build:renderer\` first (npm test does)`);
  }
  // The demo hall as shipped: offline-only (no sync section), its own guide file.
  h = await startHarness({ configPath: demoConfigWith(() => {}), devices: 'configured', rendererDir });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openKiosk(requests?: string[], viewport = { width: 1080, height: 1920 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[kiosk] page error:', err));
  if (requests) page.on('request', (r) => requests.push(r.url()));
  await page.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
  await page.getByTestId('kiosk').waitFor();
  return page;
}

/** 大字 on, as a visitor sets it on the start screen. */
async function largeType(page: Page): Promise<void> {
  await page.getByTestId('large-type-toggle').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
}

async function press(page: Page, letters: string): Promise<void> {
  for (const ch of letters) await page.locator(`[data-testid="kiosk-key"][data-key="${ch.toUpperCase()}"]`).click();
}

const candidate = (page: Page, text: string) => page.locator(`[data-testid="pinyin-candidate"][data-text="${text}"]`);

describe('a visitor finds 社保卡补办', () => {
  it('by typing pinyin on the on-screen keyboard and picking candidates, then takes a ticket', async () => {
    const requests: string[] = [];
    const kiosk = await openKiosk(requests);
    await kiosk.getByTestId('kiosk-take-number').click();
    await kiosk.getByTestId('kiosk-departments').waitFor();
    expect(requests.some((u) => u.includes('pinyin-dict'))).toBe(false); // not loaded on a cold kiosk

    await kiosk.getByTestId('kiosk-keyboard-toggle').click();
    await press(kiosk, 'shebaoka');
    await expect.poll(() => requests.some((u) => u.includes('pinyin-dict'))).toBe(true);
    await candidate(kiosk, '社保卡').first().click();
    expect(await kiosk.getByTestId('kiosk-search-input').inputValue()).toBe('社保卡');

    // 补 and 办 one character at a time: each candidate replaces only its own syllable.
    await press(kiosk, 'buban');
    await candidate(kiosk, '补').first().click();
    expect(await kiosk.getByTestId('kiosk-search-input').inputValue()).toBe('社保卡补ban');
    await candidate(kiosk, '办').first().click();
    expect(await kiosk.getByTestId('kiosk-search-input').inputValue()).toBe('社保卡补办');
    const first = kiosk.getByTestId('search-results').getByTestId('matter-row').first();
    expect(await first.getAttribute('data-matter-id')).toBe(SOCIAL_CARD);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-search-pinyin.png') });

    await first.click();
    await kiosk.getByTestId('ticket-screen').waitFor();
    expect(await kiosk.getByTestId('ticket-matter').textContent()).toBe('社会保障卡申领');
    await kiosk.context().close();
  });

  it('by an alias typed in the box, and by a one-touch chip', async () => {
    const kiosk = await openKiosk();
    await kiosk.getByTestId('kiosk-take-number').click();
    // The departments screen comes from its own chunk (renderer/kiosk/lazyScreens.tsx): wait for it.
    await kiosk.getByTestId('kiosk-departments').waitFor();
    const chips = kiosk.getByTestId('matter-chip');
    expect(await chips.count()).toBeGreaterThan(0);
    // The ticket just taken makes 社会保障卡申领 the most taken matter: its chip comes first.
    await expect.poll(() => chips.first().getAttribute('data-matter-id')).toBe(SOCIAL_CARD);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-search-chips.png') });

    for (const alias of ['社保卡补办', '社保卡丢了', 'sbk']) {
      await kiosk.getByTestId('kiosk-search-input').fill(alias);
      expect(await kiosk.getByTestId('search-results').getByTestId('matter-row').first().getAttribute('data-matter-id'), alias).toBe(SOCIAL_CARD);
    }
    await kiosk.getByTestId('kiosk-search-input').fill('');
    await kiosk.getByTestId('kiosk-key-hide').click(); // focusing the box opened the keyboard, which hides the chips
    await chips.first().click();
    await kiosk.getByTestId('ticket-screen').waitFor();
    expect(await kiosk.getByTestId('ticket-matter').textContent()).toBe('社会保障卡申领');
    await kiosk.context().close();
  });
});

describe('a guide offline', () => {
  it('prints as a 一次性告知 from the hall’s own catalog and opens on a phone from its QR code', async () => {
    const guide = demoGuides.guides.find((g) => g.code === '150602-RSJ-0003')!;
    const kiosk = await openKiosk();
    await kiosk.getByTestId('kiosk-guide').click();
    await kiosk.getByTestId('guide-search-input').fill('社保卡');
    await kiosk.locator(`[data-testid="guide-matter-row"][data-matter-id="${SOCIAL_CARD}"]`).first().click();
    const screen = kiosk.getByTestId('kiosk-guide-screen');
    await expect.poll(() => screen.getAttribute('data-state')).toBe('ok');
    expect(await screen.getAttribute('data-origin')).toBe('hall');
    expect(await kiosk.getByTestId('guide-title').textContent()).toBe(guide.name);

    const emulator = h.agentDevice('printer', 'kiosk-1').emulator!;
    const before = emulator.jobs().length;
    await kiosk.getByTestId('guide-print').click();
    await expect.poll(() => kiosk.getByTestId('guide-print-status').getAttribute('data-state')).toBe('printed');
    const job = (await emulator.waitForJobs(before + 1))[before]!;
    const printed = textLines(splitAtCuts(decodeEscPos(job))[0]!).join('');
    expect(printed).toContain('一次性告知单');
    expect(printed).toContain(guide.name);
    for (const m of guide.materials) expect(printed).toContain(m.name);
    expect(printed).toContain('20元'); // the fee, with its basis
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-guide-offline.png') });

    const qr = kiosk.getByTestId('guide-qr');
    const phoneUrl = (await qr.getAttribute('data-url'))!;
    expect(phoneUrl).toBe(new URL(`/guide/?matter=${SOCIAL_CARD}`, h.hall.url).toString());
    expect(await qr.locator('img').count()).toBe(1);
    await kiosk.context().close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const page = await phone.newPage();
    await page.goto(phoneUrl); // no token: a visitor's phone
    await expect.poll(() => page.getByTestId('guide-phone').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('guide-title').textContent()).toBe(guide.name);
    expect([...(await page.getByTestId('guide-material-name').allTextContents())].sort()).toEqual(guide.materials.map((m) => m.name).sort());
    await page.screenshot({ path: artifactPath('e2e', 'phone-guide.png'), fullPage: true });
    await page.goto(new URL('/guide/?matter=no-such', h.hall.url).toString());
    await expect.poll(() => page.getByTestId('guide-phone').getAttribute('data-state')).toBe('failed');
    await phone.close();
  });
});

/** The kiosk shapes the fit checks below cover: both orientations, and 大字 in portrait. */
const FIT_SHAPES = [
  ['portrait', { width: 1080, height: 1920 }, false],
  ['landscape', { width: 1920, height: 1080 }, false],
  ['portrait 大字', { width: 1080, height: 1920 }, true],
] as const;

async function openFitting(viewport: { width: number; height: number }, large: boolean): Promise<Page> {
  const kiosk = await openKiosk(undefined, viewport);
  if (large) await largeType(kiosk);
  return kiosk;
}

describe('the guide screen with its QR code', () => {
  // Every page of three long guides, portrait and landscape, normal type: nothing below the fold.
  // Fails with the QR code as a row of its own (portrait, +190 px) or without the landscape
  // layout (guide-layout.css: 取号办理 and 打印 below the page, ~1,900 px).
  // 大字 portrait: fails with pageCapacity(true, true) at 9 (as it was: ~300 px over) and with the
  // section buttons in two rows (guide-layout.css rule removed: 37 px over). Not yet 大字 landscape
  // (every page 30–300 px over 1080: its page, actions and QR code need a layout of their own).
  it.each(FIT_SHAPES)('fits a %s kiosk on every page', async (_, viewport, large) => {
    const kiosk = await openFitting(viewport, large);
    const heights: string[] = [];
    for (const [department, matter] of [['rsj', 'rsj-03'], ['bdc', 'bdc-01'], ['scjg', 'scjg-01']]) {
      await kiosk.getByTestId('kiosk-guide').click();
      await kiosk.locator(`[data-testid="guide-department-tile"][data-department-id="${department}"]`).click();
      await kiosk.locator(`[data-testid="guide-matter-row"][data-matter-id="${matter}"]`).click();
      await expect.poll(() => kiosk.getByTestId('kiosk-guide-screen').getAttribute('data-state')).toBe('ok');
      expect(await kiosk.getByTestId('guide-qr').isVisible()).toBe(true);
      for (let page = 1; page <= 20; page++) {
        const height = await kiosk.evaluate(() => document.documentElement.scrollHeight);
        if (height > viewport.height) heights.push(`${matter} page ${page}: ${height} px`);
        const next = kiosk.getByTestId('pager-next');
        if ((await next.count()) === 0 || (await next.isDisabled())) break;
        await next.click();
      }
      await kiosk.screenshot({ path: artifactPath('e2e', `kiosk-guide-fit-${viewport.width}${large ? '-large' : ''}-${matter}.png`) });
      await kiosk.getByTestId('kiosk-home').click();
    }
    expect(heights).toEqual([]);
    await kiosk.context().close();
  });
});

describe('the on-screen keyboard with its candidate bar', () => {
  // Normal type, both shapes: the search screens with the keyboard open, before and while typing.
  // Fails without the landscape placement in search.css (the keyboard below the results, ~1,560 px)
  // or with eight tiles per page while the keyboard is open (portrait, past 1,920 px).
  // 大字 portrait: fails with the keys at 88 px (search.css's large-type rule removed: 65 px over
  // once the candidates show). Not yet 大字 landscape (the keyboard's half is taller than 1080).
  it.each(FIT_SHAPES)('fits a %s kiosk', async (_, viewport, large) => {
    const kiosk = await openFitting(viewport, large);
    const over: string[] = [];
    for (const [start, toggle] of [['kiosk-take-number', 'kiosk-keyboard-toggle'], ['kiosk-guide', 'guide-keyboard-toggle']] as const) {
      await kiosk.getByTestId(start).click();
      await kiosk.getByTestId(toggle).click();
      const measure = async (what: string) => {
        const height = await kiosk.evaluate(() => document.documentElement.scrollHeight);
        if (height > viewport.height) over.push(`${start} ${what}: ${height} px`);
      };
      await measure('keyboard open');
      await press(kiosk, 'shebao');
      await candidate(kiosk, '社保').first().waitFor();
      await measure('candidates shown');
      await kiosk.screenshot({ path: artifactPath('e2e', `kiosk-keyboard-${viewport.width}${large ? '-large' : ''}-${start}.png`) });
      await kiosk.getByTestId('kiosk-home').click();
    }
    expect(over).toEqual([]);
    await kiosk.context().close();
  });
});
