// A page opened with the address `npm start` prints (#enrol=<one-time code>) registers itself
// in headless Chromium: the code leaves the address bar, the token is stored, the page works;
// opening the same address again shows the plain Chinese "used up" message.
// Mutation checked: adoptTerminalToken() without the #enrol= branch leaves the kiosk on its
// "not registered" screen and fails the first case.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { startHarness, type Harness } from '../helpers/hall-harness.js';

const rendererDir = path.resolve(import.meta.dirname, '../../dist/renderer');
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  }
  h = await startHarness();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('enrolment in the browser', () => {
  it('a page opened with #enrol= registers itself and works; the same address again says the code is used up', async () => {
    const { url } = h.hall.enrolmentCode('kiosk-1');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('kiosk-take-number').waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('enrol=');
    const stored = await page.evaluate(() => window.localStorage.getItem('servicehall.token.kiosk.kiosk-1'));
    expect(stored).toBe(h.token('kiosk-1'));

    // The same printed address in a fresh browser: the code is used up.
    const other = await (await browser.newContext()).newPage();
    await other.goto(url);
    const banner = other.locator('[data-testid="enrolment-banner"][role="alert"]');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain('这个登记码已经用过了');
    await context.close();
  }, 60_000);
});
