// The counter page on the staff PCs halls really have, in headless Chromium: 1366×768 (the
// most common) and 1920×1080. Signed out, idle, with a called real-name green-channel ticket
// and right after a recall (the "why disabled" notes carry live numbers), the main path needs
// no scrolling — both rows of actions, the current ticket and every side panel lie inside the
// viewport (secondary panels such as 办件 may continue below the fold) — no text is
// cut off, no text is under 16 px (the notes were 11 px), and axe-core finds no WCAG 2.2 AA
// violation. Screenshots go to tests/.artifacts/layout-counter/.
// Mutations checked: `.counter-action .big-button-reason { font-size: 0.6em }` restored →
// 11 px notes fail; the current-ticket card's old fixed 13em height with the 6em number →
// the second row of actions falls below 768 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { FITS, fitReport } from '../helpers/page-checks.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer('counter') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const sizes = [
  { name: '1366x768', width: 1366, height: 768, counter: 'counter-3', staffNo: '1003' },
  { name: '1920x1080', width: 1920, height: 1080, counter: 'counter-4', staffNo: '1004' },
] as const;

describe.each(sizes)('the counter page at $name', (size) => {
  it('fits signed out, idle, serving and after a recall', async () => {
    const page = await openAt(browser, h.hall.pages.find((p) => p.terminalId === size.counter)!.url, size, 'counter');
    const reports: unknown[] = [];
    const check = async (state: string, mainPath: string[]) => {
      const locators = mainPath.map((sel) => (sel.startsWith('[') || sel.startsWith('.') ? page.locator(sel) : page.getByTestId(sel)));
      reports.push({ state, ...(await fitReport(page, { mainPath: locators, minFontPx: 16, pageMayScroll: true, screenshot: artifactPath('layout-counter', `${size.name}-${state}.png`) })) });
    };

    await page.getByTestId('sign-in-staff-no').waitFor();
    await check('sign-in', ['sign-in-staff-no', 'sign-in-pin', 'sign-in-submit']);

    await page.getByTestId('sign-in-staff-no').fill(size.staffNo);
    await page.getByTestId('sign-in-pin').fill('1234');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('counter-workspace').waitFor();
    const everyAction = '[data-testid^="counter-action-"]';
    await check('idle', [everyAction, 'counter-sign-out', '.counter-side section']);

    // A real-name ticket of an elderly visitor (born 1949: green channel) for this counter's queue, and two walk-ins; the first is called.
    const matterId = size.counter === 'counter-3' ? 'bdc-01' : 'scjg-01';
    const elderly = await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId, identity: { source: 'manual', idNumber: '11010519491231002X' } } });
    expect(elderly.status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } })).status).toBe(201);
    await expect.poll(() => page.locator('[data-testid="counter-action-call-next"]').getAttribute('data-enabled')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('counter-current-number').getAttribute('data-number')).toMatch(/\d{3}$/);
    await expect.poll(() => page.getByTestId('ticket-class').getAttribute('data-class')).toBe('green');
    await check('called', [everyAction, 'counter-current-number', 'counter-current-identity', 'counter-call-reason', 'counter-feedback', '.counter-side section']);

    // Recall: 重呼 is disabled for a while, its note says for how long.
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('[data-testid="counter-action-recall"]').getAttribute('data-enabled')).toBe('false');
    await check('recalled', [everyAction, 'counter-current-number', 'counter-feedback']);
    await page.context().close();
    expect(reports).toEqual(['sign-in', 'idle', 'called', 'recalled'].map((state) => ({ state, ...FITS })));
  });
});
