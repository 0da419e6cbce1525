// Issue 14 in headless Chromium, on a hall whose configuration file sets its languages
// (docs/i18n.md): the kiosk starts in the hall's default (English) and offers only the listed
// languages; 呼叫工作人员 on the kiosk alerts the admin page with the kiosk's name, staff
// acknowledge there and the kiosk tells its visitor; the hall display shows Mongolian beside
// the Chinese, vertically, and says plainly that Mongolian calls have no recordings.
// Mutations checked: ignoring languages.default in KioskApp (configureLocales without apply)
// fails the first assertion; dropping the admin panel's live reload leaves the alert unseen
// until its 30 s poll and fails "alert" (10 s wait); removing <Second> fails the display test.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  const configPath = demoConfigWith((c) => {
    c.languages = { default: 'en', kiosk: ['zh-CN', 'en'], displaySecond: 'mn-Mong', announce: ['zh-CN', 'mn-Mong'] };
  });
  h = await startHarness({ configPath });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const pageOf = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

describe('a hall with its own languages', () => {
  it('starts the kiosk in its default language, and 呼叫工作人员 reaches the admin page and back', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(pageOf('kiosk-1'));
    await kiosk.getByTestId('kiosk-take-number').waitFor();
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await kiosk.locator('[data-testid="language-switch"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('lang')))).toEqual(['zh-CN', 'en']);

    const admin = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await admin.goto(pageOf('admin'));
    await admin.getByTestId('sign-in-staff-no').fill('9001');
    await admin.getByTestId('sign-in-pin').fill('1234');
    await admin.getByTestId('sign-in-submit').click();
    const panel = admin.getByTestId('help-requests');
    await panel.waitFor();
    expect(await panel.getAttribute('data-open')).toBe('0');

    await kiosk.getByTestId('kiosk-help-button').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-help').getAttribute('data-status')).toBe('sent');
    expect(await kiosk.getByTestId('kiosk-help-status').textContent()).toContain('Staff have been called');

    const row = admin.locator('[data-testid="help-request"][data-terminal="kiosk-1"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('一号取号机');
    expect(await panel.getAttribute('data-open')).toBe('1');
    await admin.screenshot({ path: artifactPath('e2e', 'admin-help-request.png') });
    await row.getByTestId('help-acknowledge').click();

    await expect.poll(() => kiosk.getByTestId('kiosk-help').getAttribute('data-status')).toBe('acknowledged');
    expect(await kiosk.getByTestId('kiosk-help-status').textContent()).toContain('on the way');
    await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
    expect(await row.textContent()).toContain('周明');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-help-acknowledged.png') });
    await kiosk.close();
    await admin.close();
  });

  it('shows Mongolian beside the Chinese on the hall display and says Mongolian calls are not recorded', async () => {
    const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await display.goto(pageOf('hall-display'));
    await display.getByTestId('display-counters').waitFor();
    const seconds = display.getByTestId('display-second');
    await expect.poll(() => seconds.count()).toBeGreaterThan(0); // the call list's heading (and the called counter during a call)
    const first = seconds.first();
    expect(await first.textContent()).toMatch(/[\u1820-\u1878]/);
    expect(await first.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    expect(await display.getByTestId('display-voice-missing').textContent()).toContain('普通话');
    await display.evaluate(() => document.fonts.ready);
    await display.screenshot({ path: artifactPath('e2e', 'display-bilingual.png') });
    await display.close();
  });
});
