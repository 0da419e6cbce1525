// Mongolian in the traditional script (mn-Mong, written in vertical columns) on the screens
// halls really have, in headless Chromium (issue 14: "Mongolian fits no screen"). The same
// checks as layout-kiosk.test.ts and layout-displays.test.ts (page-checks.ts: no scrolling,
// the main path inside the viewport, no text cut off, smallest text, touch targets, axe-core),
// on: the kiosk in Mongolian at portrait 1080×1920 and landscape 1920×1080, normal and 大字,
// from the start screen to the printed ticket; the hall display with Mongolian beside the
// Chinese (languages.displaySecond) at 1920×1080 and 3840×2160; the phone ticket page in
// Mongolian (the kiosk's QR code carries the visitor's language) at 390×844.
// Screenshots go to tests/.artifacts/layout-mongolian/. The opt-in `spill` check (page-checks.ts)
// also fails a word longer than its column or columns running out of their card, which nothing
// clips and the other checks therefore miss.
// On the tree before this test (27efa0f) every case failed: the Mongolian kiosk's pages were
// 2,984 / 3,302 / 3,928 / 3,315 px tall (start, departments, matters, ticket) in portrait,
// 4,085 / 3,286 / 6,142 / 4,584 in 大字, 2,676 / 2,001 / 3,592 / 2,339 in landscape and
// 3,371 / 1,822 / 4,010 / 2,963 in landscape 大字; the display showed no Mongolian counter names;
// the ticket's QR code carried no language and the phone page had no Mongolian.
// Mutations checked: mongolian.css without its import of mongolian-display.css → every counter
// tile clips its text (scrollHeight 231 > clientHeight 136 at 1920×1080); the greeting's column
// bounded at 3.4em instead of the start grid's full height → spilled (228 > 122 px); the
// ticket page's lang= ignored (ticket/main.tsx, no setLocale) → the page stays in zh-CN.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn, demoConfigWith, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { FITS as FITS_ANY, fitReport } from '../helpers/page-checks.js';
import { builtRenderer, kioskToMatters, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  // The demo hall with Mongolian beside the Chinese on the hall display.
  const configPath = demoConfigWith((c) => {
    c.languages = { default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'], displaySecond: 'mn-Mong', announce: ['zh-CN'] };
  });
  h = await startHarness({ configPath, devices: 'configured', rendererDir: builtRenderer() });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Every check of page-checks.ts, and no word spilling out of its column (a column's height comes from the layout). */
const FITS = { ...FITS_ANY, spilled: [] };

const pageOf = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

/** The page is in Mongolian and its font has arrived (measuring before it would measure a fallback font). */
async function mongolianReady(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('mn-Mong');
  await expect.poll(() => page.evaluate(async () => (await document.fonts.load('32px "Noto Sans Mongolian"', 'ᠮᠣᠩᠭᠣᠯ')).length > 0)).toBe(true);
  await page.evaluate(() => document.fonts.ready);
}

const kioskSizes = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

describe.each(kioskSizes)('the kiosk in Mongolian at $name $width×$height', (size) => {
  it.each([false, true])('fits every main-path screen, start to ticket (大字 %s)', async (largeType) => {
    const page = await openAt(browser, pageOf('kiosk-1'), size, 'kiosk');
    await page.getByTestId('kiosk-start').waitFor();
    await page.locator('[data-testid="language-switch"] button[lang="mn-Mong"]').click();
    await mongolianReady(page);
    if (largeType) {
      await page.getByTestId('large-type-toggle').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    }
    const minFontPx = largeType ? 24 : 20;
    const shot = (state: string) => artifactPath('layout-mongolian', `kiosk-${size.name}${largeType ? '-large' : ''}-${state}.png`);
    // Every state is measured before anything is asserted, so one run lists all that is wrong.
    const reports: unknown[] = [];
    const check = async (state: string, mainPath: string[]) => {
      reports.push({ state, ...(await fitReport(page, { mainPath: mainPath.map((id) => page.getByTestId(id)), minFontPx, minTargetPx: 60, spill: true, screenshot: shot(state) })) });
    };

    await check('start', ['kiosk-take-number', 'kiosk-appointment', 'kiosk-guide', 'kiosk-id-hint', 'manual-id-entry', 'kiosk-green', 'language-switch', 'large-type-toggle']);
    await kioskToMatters(page, () => check('departments', ['department-tile', 'kiosk-back', 'kiosk-home']));
    await check('matters', ['matter-row', 'kiosk-back', 'kiosk-home']);
    await page.locator('[data-testid="matter-row"]').first().click();
    await page.getByTestId('ticket-screen').waitFor();
    await expect.poll(() => page.getByTestId('ticket-screen').getAttribute('data-print-status'), { timeout: 20_000 }).toBe('printed');
    await check('ticket', ['ticket-number', 'ticket-matter', 'ticket-people-ahead', 'ticket-wait', 'ticket-qr', 'ticket-take', 'ticket-countdown']);
    await page.context().close();
    expect(reports).toEqual(['start', 'departments', 'matters', 'ticket'].map((state) => ({ state, ...FITS })));
  }, 90_000);
});

/** The demo's staff member of `counterId` (c03 → 1003) signs in there and calls the next ticket. */
describe('the Mongolian kiosk with its printer out of paper', () => {
  // The fault notice is a band of vertical columns above the start screen, which still fits.
  // Mutation checked: without mongolian-kiosk.css's notice rule the notice's Mongolian lies on
  // its side (writing-mode horizontal-tb).
  it('says so in vertical Mongolian, and the start screen still fits', async () => {
    const admin = await adminSignIn(h);
    const paper = (paperOut: boolean) => h.api('POST', '/api/v1/admin/devices/kiosk-1-printer/emulator', { terminal: 'admin', session: admin, body: { action: 'printer_state', state: { paperOut } } });
    expect((await paper(true)).status).toBe(200);
    try {
      const reports: unknown[] = [];
      for (const size of kioskSizes) {
        const page = await openAt(browser, pageOf('kiosk-1'), size, 'kiosk');
        await page.getByTestId('kiosk-start').waitFor();
        await page.locator('[data-testid="language-switch"] button[lang="mn-Mong"]').click();
        await mongolianReady(page);
        const notice = page.locator('[data-testid="kiosk-fault-notice"][data-printer="true"]');
        await notice.waitFor({ timeout: 20_000 });
        const mode = await notice.evaluate((el) => getComputedStyle(el).writingMode);
        const report = await fitReport(page, { mainPath: ['kiosk-take-number', 'kiosk-green', 'kiosk-fault-notice'].map((id) => page.getByTestId(id)), minFontPx: 20, minTargetPx: 60, spill: true, screenshot: artifactPath('layout-mongolian', `kiosk-${size.name}-paper-out.png`) });
        await page.context().close();
        reports.push({ size: size.name, mode, ...report });
      }
      expect(reports).toEqual(kioskSizes.map((size) => ({ size: size.name, mode: 'vertical-lr', ...FITS })));
    } finally {
      await paper(false);
    }
  }, 90_000);
});

async function callNext(counterId: string): Promise<void> {
  const n = Number(counterId.slice(1));
  const { sessionToken } = await h.signIn(counterId, `100${n}`);
  expect((await h.api('POST', `/api/v1/counters/${counterId}/actions/call-next`, { terminal: `counter-${n}`, session: sessionToken, body: {} })).status).toBe(200);
}

describe.each([
  { width: 1920, height: 1080, scale: 1, counter: 'c03' },
  { width: 3840, height: 2160, scale: 2, counter: 'c04' },
])('the hall display in Chinese and Mongolian at $width×$height', ({ width, height, scale, counter }) => {
  it('fits with both languages, before and during a call', async () => {
    const matters = ['bdc-01', 'scjg-01', 'rsj-01', 'ybj-01', 'gjj-01', 'gaj-01', 'sw-01', 'zh-01'];
    for (const matterId of matters) h.hall.runtime.execute({ type: 'issue_ticket', ticketId: `mn-${width}-${matterId}`, matterId, greenCategory: null, kioskId: null });
    const page = await openAt(browser, pageOf('hall-display'), { width, height }, 'hall-display');
    await page.getByTestId('display-counters').waitFor();
    // The second language is on screen (vertical Mongolian beside the Chinese) before anything is measured.
    await expect.poll(() => page.locator('.display-second').count(), { timeout: 20_000 }).toBeGreaterThan(8);
    await expect.poll(() => page.evaluate(async () => (await document.fonts.load('32px "Noto Sans Mongolian"', 'ᠮᠣᠩᠭᠣᠯ')).length > 0)).toBe(true);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator('.display-second').first().evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    const mainPath = () => ['display-counter', 'display-queue', 'display-notices'].map((id) => page.getByTestId(id));
    const reports = [{ state: 'waiting', ...(await fitReport(page, { mainPath: mainPath(), minFontPx: 40 * scale, spill: true, screenshot: artifactPath('layout-mongolian', `hall-display-${width}-waiting.png`) })) }];
    await callNext(counter);
    await page.getByTestId('display-latest-call').waitFor();
    reports.push({ state: 'calling', ...(await fitReport(page, { mainPath: [page.getByTestId('display-latest-call'), ...mainPath()], minFontPx: 40 * scale, spill: true, screenshot: artifactPath('layout-mongolian', `hall-display-${width}-calling.png`) })) });
    await page.context().close();
    expect(reports).toEqual(['waiting', 'calling'].map((state) => ({ state, ...FITS })));
  }, 60_000);
});

describe('the phone ticket page in Mongolian at 390×844', () => {
  it('opens in the language the ticket was taken in, and fits', async () => {
    // A visitor takes a ticket on the kiosk in Mongolian: the QR code's address carries the language.
    const kiosk = await openAt(browser, pageOf('kiosk-1'), { width: 1080, height: 1920 }, 'kiosk');
    await kiosk.getByTestId('kiosk-start').waitFor();
    await kiosk.locator('[data-testid="language-switch"] button[lang="mn-Mong"]').click();
    await mongolianReady(kiosk);
    await kioskToMatters(kiosk);
    await kiosk.locator('[data-testid="matter-row"]').first().click();
    const qr = kiosk.getByTestId('ticket-qr');
    await qr.waitFor();
    const address = await qr.getAttribute('data-url');
    await kiosk.context().close();
    expect(address).toMatch(/[?&]lang=mn-Mong(&|$)/);

    const page = await openAt(browser, new URL(address!, h.url).toString(), { width: 390, height: 844 }, 'phone');
    await page.getByTestId('ticket-progress').waitFor();
    await mongolianReady(page);
    expect(await page.getByTestId('tp-status').textContent()).toMatch(/[\u1820-\u1878]/);
    const report = await fitReport(page, { mainPath: [page.getByTestId('tp-number'), page.getByTestId('tp-status'), page.getByTestId('tp-people-ahead'), page.getByTestId('tp-refresh')], minFontPx: 16, minTargetPx: 44, spill: true, screenshot: artifactPath('layout-mongolian', 'ticket-phone-waiting.png') });
    await page.context().close();
    expect(report).toEqual(FITS);
  }, 60_000);
});
