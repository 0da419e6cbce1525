// axe-core (WCAG 2.2 AA rules) on the pages not covered by the layout tests: the page list at
// `/` and the admin page (signed out, and its dashboard with devices, queues and ratings), in
// headless Chromium at a desk screen (1440×900). The admin page is long and scrolls by design;
// here no text may be cut off, and axe must find nothing.
// Screenshots go to tests/.artifacts/accessibility-admin/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { axeViolations, clippedText } from '../helpers/page-checks.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer('admin') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the admin page and the page list', () => {
  it('have no WCAG 2.2 AA violation and no cut-off text', async () => {
    const page = await openAt(browser, `${h.url}/`, { width: 1440, height: 900 }, 'admin');
    const reports: unknown[] = [];
    const check = async (state: string) => {
      await page.screenshot({ path: artifactPath('accessibility-admin', `${state}.png`), fullPage: true });
      reports.push({ state, axe: await axeViolations(page), clipped: await clippedText(page) });
    };
    await page.waitForLoadState('networkidle');
    await check('page-list');

    await page.goto(h.hall.pages.find((p) => p.terminalId === 'admin')!.url);
    await page.getByTestId('sign-in-staff-no').waitFor();
    await check('admin-sign-in');
    await page.getByTestId('sign-in-staff-no').fill('9001');
    await page.getByTestId('sign-in-pin').fill('1234');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('admin-dashboard').waitFor();
    await page.getByTestId('admin-devices').waitFor();
    await check('admin-dashboard');
    await page.context().close();
    expect(reports).toEqual(['page-list', 'admin-sign-in', 'admin-dashboard'].map((state) => ({ state, axe: [], clipped: [] })));
  });
});
