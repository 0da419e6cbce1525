// The kiosk's main path in English on the screens halls have, in headless Chromium: portrait
// 1080×1920 and landscape 1920×1080. On the
// start, departments and matters screens nothing needs scrolling, every choice lies inside the
// viewport, no text is cut off, text ≥ 20 px, targets ≥ 60 px and axe-core finds no WCAG 2.2 AA
// violation — the same checks as layout-kiosk.test.ts for Chinese. Screenshots go to
// tests/.artifacts/layout-kiosk-languages/.
// Mutation checked: the English 朗读 label as it was ('Read this screen aloud (in Mandarin)',
// not containing the visible 'Read aloud') fails axe's label-content-name-mismatch.
// Not yet Mongolian: its vertical columns make every screen 1.4–3.5× the screen's height
// (start 2,812 px portrait, matters 3,756 px; landscape start 2,599 px) — listing it here fails.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { FITS, fitReport } from '../helpers/page-checks.js';
import { builtRenderer, kioskToMatters, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ devices: 'configured', rendererDir: builtRenderer() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openKiosk(viewport: { width: number; height: number }, locale: string): Promise<Page> {
  const page = await openAt(browser, h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url, viewport, `kiosk-${locale}`);
  await page.getByTestId('kiosk-start').waitFor();
  await page.locator(`[data-testid="language-switch"] button[lang="${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
  if (locale === 'mn-Mong') await page.evaluate(() => document.fonts.ready);
  return page;
}

describe.each([
  { locale: 'en', name: 'portrait', width: 1080, height: 1920 },
  { locale: 'en', name: 'landscape', width: 1920, height: 1080 },
])('the kiosk in $locale, $name', ({ locale, name, width, height }) => {
  it('fits every main-path screen', async () => {
    const page = await openKiosk({ width, height }, locale);
    const reports: unknown[] = [];
    const check = async (state: string, mainPath: string[]) => {
      reports.push({ state, ...(await fitReport(page, { mainPath: mainPath.map((id) => page.getByTestId(id)), minFontPx: 20, minTargetPx: 60, screenshot: artifactPath('layout-kiosk-languages', `${locale}-${name}-${state}.png`) })) });
    };
    await check('start', ['kiosk-take-number', 'kiosk-appointment', 'kiosk-guide', 'kiosk-green', 'language-switch', 'large-type-toggle']);
    await kioskToMatters(page, () => check('departments', ['department-tile', 'kiosk-back', 'kiosk-home']));
    await check('matters', ['matter-row', 'kiosk-back', 'kiosk-home']);
    await page.context().close();
    expect(reports).toEqual(['start', 'departments', 'matters'].map((state) => ({ state, ...FITS })));
  });
});
