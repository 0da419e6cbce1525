// The manager's report exported from the admin page, and the hall wall dashboard updating live,
// in headless Chromium against the real hall service.
// The second test reads what the first did (one ticket issued and served).
// Mutation checked: the wall's hall view without the live feed (live: null) → the waiting count
// stays at 0 after the ticket (the poll times out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { launchChromium } from '../helpers/browser.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer('wall') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('reports and the wall dashboard in Chromium', () => {
  it('the wall dashboard shows a new ticket, a call and a finished service as they happen', async () => {
    // The wall's own terminal (role wall, docs/wall.md), opened at the address npm start prints:
    // the page exchanges the one-time code for the wall's token by itself.
    const wall = await openAt(browser, h.hall.enrolmentCode('wall').url, { width: 1920, height: 1080 }, 'wall');
    await expect.poll(() => wall.getByTestId('wall-waiting').textContent()).toContain('0 人');
    expect(await wall.getByTestId('wall-queue').count()).toBe(8);
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    await expect.poll(() => wall.getByTestId('wall-waiting').textContent()).toContain('1 人');
    const staff = await h.signIn('c03', '1003');
    const s = { terminal: 'counter-3', session: staff.sessionToken };
    await expect.poll(() => wall.getByTestId('wall-counters').textContent()).toContain('1 / 8');
    await h.api('POST', '/api/v1/counters/c03/actions/call-next', s);
    await h.api('POST', '/api/v1/counters/c03/actions/start', s);
    await h.api('POST', '/api/v1/counters/c03/actions/finish', s);
    await expect.poll(() => wall.getByTestId('wall-served').textContent()).toContain('1 人');
    await expect.poll(() => wall.getByTestId('wall-waiting').textContent()).toContain('0 人');
    // Large type for 5 m: the figures at least 90 px, the queue rows at least 40 px.
    const sizes = await wall.evaluate(() => [getComputedStyle(document.querySelector('.wall-value')!).fontSize, getComputedStyle(document.querySelector('.wall-queues td')!).fontSize].map(parseFloat));
    expect(sizes[0]).toBeGreaterThanOrEqual(90);
    expect(sizes[1]).toBeGreaterThanOrEqual(40);
  });

  it('the manager opens 统计报表 from the navigation and exports the month as Excel', async () => {
    const page = await openAt(browser, h.hall.pages.find((p) => p.terminalId === 'admin')!.url, { width: 1440, height: 900 }, 'admin');
    await page.getByTestId('sign-in-staff-no').fill('9001');
    await page.getByTestId('sign-in-pin').fill('1234');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('admin-nav').waitFor();
    expect(await page.getByTestId('admin-nav').locator('a').allTextContents()).toEqual(['今日概况', '队列与窗口', '评价与差评', '统计报表', '预约', '设备', '数据同步', '设置与模拟']);
    await page.getByTestId('admin-nav-reports').click();
    const reports = page.getByTestId('admin-reports');
    await reports.getByTestId('report-run').click();
    await expect.poll(() => reports.locator('[data-testid="report-row"][data-key="total"] td').nth(1).textContent()).toBe('1');
    await expect.poll(() => reports.getByTestId('chart-waits').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const [download] = await Promise.all([page.waitForEvent('download'), reports.getByTestId('report-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}-queue\.xlsx$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-download-')), download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('服务报表')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('队列');
    const total = sheet.getRow(sheet.rowCount);
    expect([total.getCell(1).value, total.getCell(2).value, total.getCell(3).value]).toEqual(['合计', 1, 1]);
  });
});
