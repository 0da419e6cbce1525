// The screens people read rather than touch, in headless Chromium at the sizes halls use:
// the hall display at 1920×1080 and 3840×2160 (read at 10 m: no text under 40 px per 1080
// lines, waiting counts ≥ 80 px per 1080 lines — they were 30–36 px), the counter display at
// 1024×600 and 1280×800 (idle, serving, the on-screen rating: text ≥ 24 px, targets ≥ 60 px),
// and the phone ticket page at 390×844 (waiting, then stale while the hall is unreachable:
// it says since when). Nothing scrolls, nothing is cut off, axe-core finds no WCAG 2.2 AA
// violation. Screenshots go to tests/.artifacts/layout-displays/.
// Mutations checked: the old one-line queue footer (1.9vw) → counts at 36 px fail; the ticket
// page without its stale line → `ticket-stale` never appears; `.display-clock .clock-date` back
// at 1.6vw → 31 px text fails.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { FITS, fitReport } from '../helpers/page-checks.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer('display') });
  browser = await launchChromium();
  // Some waiting in every queue, three-digit counts in one: the widest the counts get in a day.
  const matters = ['bdc-01', 'scjg-01', 'rsj-01', 'ybj-01', 'gjj-01', 'gaj-01', 'sw-01', 'zh-01'];
  for (const [i, matterId] of matters.entries()) {
    for (let n = 0; n < (i === 0 ? 120 : i + 1); n++) h.hall.runtime.execute({ type: 'issue_ticket', ticketId: `${matterId}-${n}`, matterId, greenCategory: null, kioskId: null });
  }
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const open = (terminalId: string | null, viewport: { width: number; height: number }, address?: string): Promise<Page> =>
  openAt(browser, address ?? h.hall.pages.find((p) => p.terminalId === terminalId)!.url, viewport, terminalId ?? 'phone');

const fontPx = (page: Page, testId: string) => page.getByTestId(testId).evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));

async function callNext(counterTerminal: string, counterId: string, staffNo: string): Promise<void> {
  const session = await h.api<{ sessionToken: string }>('POST', `/api/v1/counters/${counterId}/session`, { terminal: counterTerminal, body: { staffNo, pin: '1234' } });
  const called = await h.api('POST', `/api/v1/counters/${counterId}/actions/call-next`, { terminal: counterTerminal, session: session.body.sessionToken, body: {} });
  expect(called.status).toBe(200);
}

describe.each([
  { width: 1920, height: 1080, scale: 1, counter: 'c01' },
  { width: 3840, height: 2160, scale: 2, counter: 'c07' },
])('the hall display at $width×$height', ({ width, height, scale, counter }) => {
  it('is readable at 10 m and fits, before and during a call', async () => {
    const page = await open('hall-display', { width, height });
    await page.getByTestId('display-counters').waitFor();
    await expect.poll(() => page.locator('[data-testid="display-queue"][data-queue-id="A"]').getAttribute('data-waiting')).not.toBe('0');
    const mainPath = ['display-counter', 'display-queue', 'display-notices'].map((id) => page.getByTestId(id));
    const reports = [{ state: 'waiting', ...(await fitReport(page, { mainPath, minFontPx: 40 * scale, screenshot: artifactPath('layout-displays', `hall-display-${width}-waiting.png`) })) }];
    const counts = await fontPx(page, 'display-queue-count');
    expect(counts).toHaveLength(8);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(80 * scale);

    const n = Number(counter.slice(1));
    await callNext(`counter-${n}`, counter, `100${n}`);
    await page.getByTestId('display-latest-call').waitFor();
    reports.push({ state: 'calling', ...(await fitReport(page, { mainPath: [page.getByTestId('display-latest-call')], minFontPx: 40 * scale, screenshot: artifactPath('layout-displays', `hall-display-${width}-calling.png`) })) });
    await page.context().close();
    expect(reports).toEqual(['waiting', 'calling'].map((state) => ({ state, ...FITS })));
  });
});

describe.each([
  { width: 1024, height: 600, counter: 'c02', staffNo: '1002' },
  { width: 1280, height: 800, counter: 'c05', staffNo: '1005' },
])('the counter display at $width×$height', ({ width, height, counter, staffNo }) => {
  it('fits idle, serving and asking for the rating on screen', async () => {
    const n = Number(counter.slice(1));
    // No rating pad: the visitor rates on the screen (the demo's pads are not started here).
    const page = await open(`counter-display-${n}`, { width, height });
    await page.getByTestId('counter-display').waitFor();
    const check = async (state: string, ids: string[]) => ({
      state,
      ...(await fitReport(page, { mainPath: ids.map((id) => page.getByTestId(id)), minFontPx: 24, minTargetPx: 60, screenshot: artifactPath('layout-displays', `counter-display-${width}-${state}.png`) })),
    });
    const reports = [await check('idle', ['cd-counter-number'])];
    const terminal = `counter-${n}`;
    await callNext(terminal, counter, staffNo);
    await expect.poll(() => page.getByTestId('cd-serving-number').count()).toBe(1);
    reports.push(await check('serving', ['cd-counter-number', 'cd-staff-name', 'cd-serving-number']));

    const session = await h.api<{ sessionToken: string }>('POST', `/api/v1/counters/${counter}/session`, { terminal, body: { staffNo, pin: '1234' } });
    expect((await h.api('POST', `/api/v1/counters/${counter}/actions/finish`, { terminal, session: session.body.sessionToken, body: {} })).status).toBe(200);
    await page.getByTestId('rating-prompt').waitFor();
    await expect.poll(() => page.getByTestId('rating-satisfied').isVisible()).toBe(true);
    reports.push(await check('rating', ['rating-very_satisfied', 'rating-satisfied', 'rating-basic', 'rating-dissatisfied', 'rating-very_dissatisfied']));
    await page.context().close();
    expect(reports).toEqual(['idle', 'serving', 'rating'].map((state) => ({ state, ...FITS })));
  });
});

describe('the phone ticket page at 390×844', () => {
  it('fits, and says it is stale — since when — while the hall is unreachable', async () => {
    const issued = await h.api<{ ticket: { progressUrl: string } }>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01' } });
    const address = new URL(issued.body.ticket.progressUrl, h.url).toString();
    const page = await open(null, { width: 390, height: 844 }, address);
    await page.getByTestId('ticket-progress').waitFor();
    const check = async (state: string) => ({
      state,
      ...(await fitReport(page, { mainPath: [page.getByTestId('tp-number'), page.getByTestId('tp-refresh')], minFontPx: 16, minTargetPx: 44, screenshot: artifactPath('layout-displays', `ticket-phone-${state}.png`) })),
    });
    const reports = [await check('waiting')];
    expect(await page.getByTestId('ticket-progress').getAttribute('data-stale')).toBe('false');

    // The hall goes away; the visitor taps 立即刷新: the page keeps the last facts and says they are old.
    await h.hall.close();
    await page.getByRole('button', { name: '立即刷新' }).click();
    await page.getByTestId('ticket-stale').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ticket-progress').getAttribute('data-stale')).toBe('true');
    expect(await page.getByTestId('ticket-stale').textContent()).toMatch(/\d{2}:\d{2} 的情况/);
    reports.push(await check('stale'));

    // Back: the next refresh clears the sign.
    await h.restart();
    await page.getByRole('button', { name: '立即刷新' }).click();
    await expect.poll(() => page.getByTestId('ticket-progress').getAttribute('data-stale'), { timeout: 30_000 }).toBe('false');
    expect(await page.getByTestId('ticket-stale').count()).toBe(0);
    await page.context().close();
    expect(reports).toEqual(['waiting', 'stale'].map((state) => ({ state, ...FITS })));
  });
});
