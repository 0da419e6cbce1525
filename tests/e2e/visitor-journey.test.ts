// The whole hall in real browsers (headless Chromium): a kiosk issues a ticket
// (printed on the emulated ESC/POS printer over TCP) → a counter calls it →
// the hall display shows the call and queues its announcement → the counter
// finishes → the visitor rates on the counter display → the rating is stored.
// Screenshots of every page go to tests/.artifacts/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { decodeEscPos, textLines } from '../../drivers/printer/index.js';
import type { RatingDTO } from '../../hall/api/dto.js';

const rendererDir = path.resolve(import.meta.dirname, '../../dist/renderer');
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  }
  h = await startHarness({ devices: 'configured' });
  browser = await launchChromium();
});
/** The emulated ESC/POS printer behind kiosk-1 (it speaks the wire protocol over TCP). */
const printerEmulator = () => h.agentDevice('printer', 'kiosk-1').emulator!;

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const pageUrl = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

async function open(terminalId: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${terminalId}] page error:`, err));
  await page.goto(pageUrl(terminalId));
  return page;
}

describe('a visitor from kiosk to rating, in the browser', () => {
  it('issues, calls, announces, serves and records the rating', async () => {
    const display = await open('hall-display', { width: 1920, height: 1080 });
    await display.getByTestId('display-counters').waitFor();
    const kiosk = await open('kiosk-1', { width: 1080, height: 1920 });
    const counter = await open('counter-3', { width: 1366, height: 768 });
    const counterDisplay = await open('counter-display-3', { width: 1024, height: 600 });

    // Kiosk: 取号 → 不动产登记 → 不动产转移登记 — two touches after the start screen.
    await kiosk.getByTestId('kiosk-take-number').click();
    await kiosk.locator('[data-testid="department-tile"][data-department-id="bdc"]').click();
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-matters.png') });
    await kiosk.locator('[data-testid="matter-row"][data-matter-id="bdc-01"]').click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toContain('A001');
    // The number shows at once; the print outcome follows from kiosk-1's device agent on the live feed.
    await expect.poll(() => kiosk.getByTestId('ticket-screen').getAttribute('data-print-status')).toBe('printed');
    const qrUrl = await kiosk.getByTestId('ticket-qr').getAttribute('data-url');
    expect(qrUrl).toMatch(/\/ticket\/\?id=.+&key=/);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-ticket.png') });

    // The printed ticket carries the same number.
    const [job] = await printerEmulator().waitForJobs(1);
    expect(textLines(decodeEscPos(job!).elements).join('\n')).toContain('A001');

    // Counter 3 (不动产) signs in and calls with the keyboard.
    await counter.getByTestId('sign-in-staff-no').fill('1003');
    await counter.getByTestId('sign-in-pin').fill('1234');
    await counter.getByTestId('sign-in-submit').click();
    await counter.getByTestId('counter-workspace').waitFor();
    await expect.poll(() => counter.locator('[data-testid="counter-action-call-next"]').getAttribute('data-enabled')).toBe('true');
    await counter.keyboard.press('Space');
    await expect.poll(() => counter.getByTestId('counter-current-number').getAttribute('data-number')).toBe('A001');
    await counter.screenshot({ path: artifactPath('e2e', 'counter-called.png') });

    // The hall display shows the call and queues (or plays) its announcement.
    await expect.poll(() => display.getByTestId('display-latest-call').getAttribute('data-number'), { timeout: 5000 }).toBe('A001');
    expect(await display.getByTestId('display-latest-call').getAttribute('data-counter')).toBe('3');
    const announced = async () => {
      const el = display.getByTestId('announcer');
      const pending = Number(await el.getAttribute('data-pending'));
      const done = JSON.parse((await el.getAttribute('data-done')) ?? '[]') as string[];
      const failed = JSON.parse((await el.getAttribute('data-failed')) ?? '[]') as unknown[];
      return pending + done.length + failed.length;
    };
    await expect.poll(announced, { timeout: 5000 }).toBeGreaterThan(0);
    await display.screenshot({ path: artifactPath('e2e', 'hall-display.png') });
    await counterDisplay.screenshot({ path: artifactPath('e2e', 'counter-display-serving.png') });
    await expect.poll(() => counterDisplay.getByTestId('cd-serving-number').textContent()).toContain('A001');

    // Finish (F4) → the counter's rating pad asks (the counter display says to use it) → the visitor presses 非常满意.
    await counter.keyboard.press('F4');
    await counterDisplay.getByTestId('rating-use-pad').waitFor({ timeout: 5000 });
    await counterDisplay.screenshot({ path: artifactPath('e2e', 'counter-display-rating-pad.png') });
    const padEmulator = h.agentDevice('rating_pad', 'counter-3').emulator!;
    await padEmulator.waitFor('start');
    await padEmulator.press('very_satisfied');

    // Stored with ticket, matter, counter and staff; the counter sees it too.
    const admin = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const ratingsNow = () => h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin.body.sessionToken });
    await expect.poll(async () => (await ratingsNow()).body[0]?.outcome, { timeout: 5000 }).toBe('very_satisfied');
    const ratings = await ratingsNow();
    expect(ratings.body).toEqual([
      expect.objectContaining({ ticketNumber: 'A001', matterName: '不动产转移登记（二手房买卖）', counterNumber: 3, staffName: '刘芳', outcome: 'very_satisfied', source: 'pad' }),
    ]);
    await expect.poll(() => counter.getByTestId('counter-last-rating').getAttribute('data-outcome'), { timeout: 5000 }).toBe('very_satisfied');
    await counter.screenshot({ path: artifactPath('e2e', 'counter-rated.png') });

    // The manager's page shows the day.
    const adminPage = await open('admin', { width: 1440, height: 900 });
    await adminPage.getByTestId('sign-in-staff-no').fill('9001');
    await adminPage.getByTestId('sign-in-pin').fill('1234');
    await adminPage.getByTestId('sign-in-submit').click();
    await adminPage.getByTestId('admin-dashboard').waitFor();
    await expect.poll(() => adminPage.getByTestId('admin-rating-row').count()).toBe(1);
    await adminPage.getByTestId('admin-devices').waitFor();
    await adminPage.screenshot({ path: artifactPath('e2e', 'admin.png') });

    // With the pad unplugged, the counter display offers the five levels on screen instead.
    await h.api('POST', '/api/v1/admin/devices/counter-3-rating-pad/emulator', { terminal: 'admin', session: admin.body.sessionToken, body: { action: 'unplug' } });
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-04' } });
    await expect.poll(() => counter.locator('[data-testid="counter-action-call-next"]').getAttribute('data-enabled')).toBe('true');
    await counter.keyboard.press('Space');
    await expect.poll(() => counter.getByTestId('counter-current-number').getAttribute('data-number')).toBe('A002');
    await counter.keyboard.press('F4');
    await counterDisplay.getByTestId('rating-prompt').waitFor({ timeout: 5000 });
    await expect.poll(() => counterDisplay.getByTestId('rating-satisfied').isVisible(), { timeout: 10_000 }).toBe(true);
    await counterDisplay.screenshot({ path: artifactPath('e2e', 'counter-display-rating-screen.png') });
    await counterDisplay.getByTestId('rating-satisfied').click();
    await counterDisplay.getByTestId('rating-thanks').waitFor();
    await expect.poll(async () => (await ratingsNow()).body.find((r) => r.ticketNumber === 'A002')?.source, { timeout: 5000 }).toBe('screen');

    // The ticket's QR page on a phone.
    const progress = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await progress.goto(qrUrl!);
    await progress.getByTestId('ticket-progress').waitFor();
    expect(await progress.getByTestId('ticket-progress').getAttribute('data-status')).toBe('finished');
    await progress.screenshot({ path: artifactPath('e2e', 'ticket-progress.png') });
  });

  it('keeps pages working through a hall service restart', async () => {
    const display = await open('hall-display', { width: 1920, height: 1080 });
    await display.getByTestId('display-counters').waitFor();
    await h.restart();
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-02' } });
    await expect
      .poll(async () => display.locator('[data-testid="display-queue"][data-queue-id="A"]').getAttribute('data-waiting'), { timeout: 20_000 })
      .toBe('1');
    await expect.poll(() => display.getByTestId('connection-banner').isVisible(), { timeout: 20_000 }).toBe(false);
    await display.screenshot({ path: artifactPath('e2e', 'hall-display-after-restart.png') });
  });
});
