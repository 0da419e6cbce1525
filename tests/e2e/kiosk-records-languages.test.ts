// The kiosk's records screen (投诉 / 上门服务, KioskRecordsScreen) for a visitor who reads no
// Chinese, in headless Chromium against a real hall: in English and in Mongolian (traditional
// script), portrait and landscape, each tab (complaint, home visit) says everything in the
// visitor's language — no Chinese left in its words, labels or choices, except the names a hall
// has not translated (the demo gives matters English names, not Mongolian ones) — nothing is cut
// off, nothing lies beyond the screen's width, the page does not scroll (the screen scrolls
// inside itself if it must), text ≥ 20 px, targets ≥ 60 px, axe-core clean; and a complaint filed
// in that language is answered in it. Screenshots go to tests/.artifacts/kiosk-records-languages/.
// Mutations checked: the screen handing HomeVisitForm the Chinese matter names (as it did) →
// the English matter choices are Chinese ("untranslated"); without records-screen.css (as it was:
// the screen inherited the header's white text) → axe color-contrast on every label, the tabs
// 40 px tall.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { FITS, fitReport } from '../helpers/page-checks.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer() });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/**
 * What the open records screen shows that is wrong for a visitor in another language: visible
 * text (and the choices of its selects) holding Chinese characters, outside the elements marked
 * by `hallNames` (names the hall configured and did not translate); and any box wider than the
 * screen or reaching past its right edge.
 */
async function problems(page: Page, hallNames: string | null): Promise<{ untranslated: string[]; beyondScreen: string[] }> {
  return page.evaluate((skip) => {
    const dialog = document.querySelector('[data-testid="kiosk-records"]')!;
    const han = /[\u3400-\u9fff]/;
    const untranslated: string[] = [];
    const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      const text = (node.textContent ?? '').trim();
      if (!text || !han.test(text) || parent.closest('.visually-hidden')) continue;
      if (skip && parent.closest(skip)) continue;
      if (parent.tagName !== 'OPTION' && parent.getClientRects().length === 0) continue;
      untranslated.push(`${parent.tagName.toLowerCase()}${parent.getAttribute('data-testid') ? `[${parent.getAttribute('data-testid')}]` : ''}: ${text.slice(0, 30)}`);
    }
    for (const el of Array.from(dialog.querySelectorAll('input, textarea'))) {
      const hint = el.getAttribute('placeholder') ?? '';
      if (han.test(hint)) untranslated.push(`${el.tagName.toLowerCase()} placeholder: ${hint}`);
    }
    const beyondScreen = Array.from(dialog.querySelectorAll('*'))
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.right > window.innerWidth + 1 || box.left < -1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} x ${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)}`);
    return { untranslated, beyondScreen };
  }, hallNames);
}

const cases = [
  // The demo's matters have English names: every choice is English.
  { locale: 'en', hallNames: null, size: { name: 'portrait', width: 1080, height: 1920 } },
  { locale: 'en', hallNames: null, size: { name: 'landscape', width: 1920, height: 1080 } },
  // Nor Mongolian matter names: those choices stay in Chinese (localName's fallback), the rest may not.
  { locale: 'mn-Mong', hallNames: '[data-testid="visit-matter"]', size: { name: 'portrait', width: 1080, height: 1920 } },
  { locale: 'mn-Mong', hallNames: '[data-testid="visit-matter"]', size: { name: 'landscape', width: 1920, height: 1080 } },
] as const;

describe.each(cases)('the kiosk records screen in $locale, $size.name', ({ locale, hallNames, size }) => {
  it('is in the visitor language with nothing cut off, and answers a complaint in it', async () => {
    const page = await openAt(browser, h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url, size, `kiosk-${locale}`);
    await page.getByTestId('kiosk-start').waitFor();
    await page.locator(`[data-testid="language-switch"] button[lang="${locale}"]`).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
    await page.getByTestId('kiosk-records-open').click();
    await page.getByTestId('kiosk-complaint-form').waitFor();
    const report: Record<string, unknown> = {};
    // Only the screen is measured: the kiosk under it is hidden while it is (the start screen's own
    // checks are layout-kiosk.test.ts's), so every finding below is the records screen's.
    const look = async (tab: string, mainPath: string[]) => {
      await page.evaluate(() => document.fonts.ready);
      await page.evaluate(() => {
        document.body.style.visibility = 'hidden';
        document.querySelector<HTMLElement>('[data-testid="kiosk-records"]')!.style.visibility = 'visible';
      });
      const fit = await fitReport(page, {
        mainPath: mainPath.map((id) => page.getByTestId(id)),
        minFontPx: 20,
        minTargetPx: 60,
        screenshot: artifactPath('kiosk-records-languages', `${locale}-${size.name}-${tab}.png`),
      });
      report[tab] = { ...(await problems(page, hallNames)), ...fit };
      await page.evaluate(() => document.body.style.removeProperty('visibility'));
    };
    const tabs = ['kiosk-records-complaint', 'kiosk-records-visit', 'kiosk-records-close'];
    await look('complaint', [...tabs, 'complaint-category', 'complaint-content', 'complaint-submit']);
    await page.getByTestId('kiosk-records-visit').click();
    await page.getByTestId('kiosk-visit-form').waitFor();
    await look('visit', [...tabs, 'visit-matter', 'visit-reason', 'visit-address', 'visit-submit']);

    // A complaint filed in this language: the hall's answer (code, reply date) is in it too.
    await page.getByTestId('kiosk-records-complaint').click();
    await page.getByTestId('complaint-content').fill('Waited long at counter 3');
    await page.getByTestId('complaint-submit').click();
    const result = page.getByTestId('kiosk-records-result');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    await look('answer', [...tabs, 'kiosk-records-result']);
    await page.context().close();
    const fine = { untranslated: [], beyondScreen: [], ...FITS };
    expect(report).toEqual({ complaint: fine, visit: fine, answer: fine });
  }, 90_000);
});
