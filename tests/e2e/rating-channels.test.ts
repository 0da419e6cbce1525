// Every channel rated and the results published, as people see them (headless Chromium):
//   - a visitor rates the service from the ticket's QR page on a phone; the counter display
//     can no longer rate it (one rating per service);
//   - the hall display shows the 评价公示 in turns, in its footer, never over the calls;
//   - the public 评价公示 page shows the counter and the matter with their satisfaction;
//   - after hours, the 24-hour zone's terminal does a self-service matter and ends on its rating.
// Mutations tried, each failing the test named:
//   - TicketProgressApp without the RatingChoice section: "rates from the QR page …" fails;
//   - the 评价公示 strip positioned over the call list (`position: fixed; top: 20vh` in display.css):
//     "shows the 评价公示 in turns …" fails on the overlap check;
//   - ModeScreen's self-service button hidden (`mode.zone === '24h'` → `false`): "… self-service …" fails;
//   - the admin list's counter cell without its self-service case: "… self-service …" fails (0号窗口).
// Screenshots go to tests/.artifacts/ratings/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { ManualTimers } from '../../hall/runtime/timers.js';
import type { ApiErrorBody, CounterDisplayDTO, IssueTicketResponse, RatingDTO } from '../../hall/api/dto.js';

const rendererDir = path.resolve(import.meta.dirname, '../../dist/renderer');
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'ratings/index.html'))) {
    throw new Error('dist/renderer is missing the ratings page: run `npm run build:renderer` first (npm test does)');
  }
  // The default calendar (Mon–Fri 09:00–17:00) with the 24-hour zone: kiosk-24h runs self-service after hours.
  h = await startHarness({ timers, configPath: demoConfigWith((c) => (c.calendar = { selfServiceZone: { enabled: true, ticketsDuringHours: true } })) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${url}] page error:`, err));
  await page.goto(url);
  return page;
}
const terminalPage = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

let ticketKeyUrl = '';
let ratingId = '';

describe('rating channels and the 评价公示 in the browser', () => {
  it('rates from the QR page on a phone, once: the counter display is refused afterwards', async () => {
    const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    ticketKeyUrl = new URL(issued.body.ticket.progressUrl, h.url).toString();
    const s = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
    await h.api('POST', '/api/v1/counters/c03/actions/call-next', s);
    await h.api('POST', '/api/v1/counters/c03/actions/finish', s);
    ratingId = (await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' })).body.pendingRating!.id;

    const phone = await open(ticketKeyUrl, { width: 390, height: 844 });
    await expect.poll(() => phone.getByTestId('rating-choice').getAttribute('data-state')).toBe('open');
    await phone.screenshot({ path: artifactPath('ratings', 'qr-page-rating.png') });
    await phone.getByTestId('rate-satisfied').click();
    await expect.poll(() => phone.getByTestId('rating-choice-note').textContent()).toContain('感谢您的评价');
    expect(await phone.getByTestId('rating-choice-recorded').textContent()).toContain('满意');

    const screen = await h.api<ApiErrorBody>('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level: 'very_dissatisfied' } });
    expect([screen.status, screen.body.error.code]).toEqual([409, 'rating_closed']);
    // Opened again later, the page says what was recorded and offers nothing more.
    await phone.reload();
    await expect.poll(() => phone.getByTestId('rating-choice').getAttribute('data-state')).toBe('closed');
    expect(await phone.locator('[data-testid^="rate-"]').count()).toBe(0);
  });

  it('shows the 评价公示 in turns on the hall display, in the footer, never over the calls', async () => {
    const display = await open(terminalPage('hall-display'), { width: 1920, height: 1080 });
    const strip = display.getByTestId('display-publication');
    await strip.waitFor();
    const first = await strip.getAttribute('data-row');
    expect(first).toBe('hall:hall');
    expect(await strip.textContent()).toContain('满意率 100.0%');
    // The next turn shows another row (the counter), on its own.
    await expect.poll(() => strip.getAttribute('data-row'), { timeout: 20_000 }).not.toBe(first);
    const calls = await display.locator('.display-calls').boundingBox();
    const counters = await display.getByTestId('display-counters').boundingBox();
    const box = await strip.boundingBox();
    for (const other of [calls!, counters!]) {
      const overlap = box!.x < other.x + other.width && other.x < box!.x + box!.width && box!.y < other.y + other.height && other.y < box!.y + box!.height;
      expect(overlap).toBe(false);
    }
    await display.screenshot({ path: artifactPath('ratings', 'display-publication.png') });
  });

  it('publishes per counter and per matter on the public page', async () => {
    const page = await open(`${h.url}/ratings/?from=2026-11-23&to=2026-11-23`, { width: 1280, height: 900 });
    await page.getByTestId('publication-counters').waitFor();
    expect(await page.getByTestId('publication-period').textContent()).toContain('2026-11-23 至 2026-11-23');
    const counter = page.locator('[data-testid="publication-counters"] [data-testid="publication-row"][data-id="c03"]');
    expect(await counter.textContent()).toMatch(/3号窗口 不动产登记窗口.*满意率 100\.0%.*评价 1 次/);
    const matter = page.locator('[data-testid="publication-matters"] [data-testid="publication-row"][data-id="bdc-01"]');
    expect(await matter.textContent()).toContain('不动产转移登记（二手房买卖）');
    await page.screenshot({ path: artifactPath('ratings', 'public-page.png'), fullPage: true });
  });

  it('after hours, a self-service matter on the 24-hour zone’s terminal ends on its rating screen', async () => {
    timers.advance(Date.UTC(2026, 10, 23, 13, 0) - timers.now()); // 21:00 in the hall: closed, 24-hour zone self-service
    const kiosk = await open(terminalPage('kiosk-24h'), { width: 1080, height: 1920 });
    await expect.poll(() => kiosk.getByTestId('kiosk-mode').getAttribute('data-screen-mode')).toBe('self_service');
    await kiosk.locator('[data-testid="self-service-matter"][data-matter-id="bdc-04"] [data-testid="self-service-start"]').click();
    await kiosk.getByTestId('self-service-done').click();
    await expect.poll(() => kiosk.getByTestId('self-service').getAttribute('data-step')).toBe('rating');
    await kiosk.screenshot({ path: artifactPath('ratings', 'self-service-rating.png') });
    await kiosk.getByTestId('rate-very_satisfied').click();
    await expect.poll(() => kiosk.getByTestId('rating-choice-note').textContent()).toContain('感谢您的评价');

    const admin = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
    const ratings = (await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin })).body;
    expect(ratings.find((r) => r.counterId === 'kiosk-24h')).toMatchObject({ matterName: '不动产登记资料查询', outcome: 'very_satisfied', source: 'kiosk' });

    // The manager's list names the place as the self-service zone, never "0号窗口".
    const adminPage = await open(terminalPage('admin'), { width: 1440, height: 900 });
    await adminPage.getByTestId('sign-in-staff-no').fill('9001');
    await adminPage.getByTestId('sign-in-pin').fill('1234');
    await adminPage.getByTestId('sign-in-submit').click();
    const row = adminPage.locator('[data-testid="admin-rating-row"]', { hasText: '不动产登记资料查询' }).filter({ hasText: '自助终端' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('24小时自助服务区');
    expect(await row.textContent()).not.toContain('0号窗口');
  });
});
