// The counter's rules in real browsers (headless Chromium) against the real hall service,
// keyboard first: call (with "why this ticket"), recall held back by the cooldown (the
// button counts down, then enables itself), 过号 after the required recall, 过号重排 by
// number (F12), 特呼 with a reason (F7), 挂起 (F9) and resuming it at another counter
// (F10) — announced on the hall display like any call — and 转窗 to one counter (F6, Tab).
// The hall runs on real time with a 3-second recall cooldown. Screenshots go to
// tests/.artifacts/e2e/counter-rules-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(repoRoot, 'dist/renderer');
let h: Harness;
let browser: Browser;
let configDir: string;

/** The demo hall with a short recall cooldown, so the test sees it run out. */
function rulesConfig(): string {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'config/demo-hall.json'), 'utf8')) as Record<string, unknown>;
  config.visitRules = { maxRecalls: 3, recallCooldownSeconds: 3, recallsBeforeNoShow: 1, autoNoShowMinutes: 60, rejoinPlacesAhead: 2, maxRejoins: 1, rejoinWithinMinutes: 60, suspendDefaultMinutes: 60, suspendMaxMinutes: 240 };
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-e2e-rules-'));
  const file = path.join(configDir, 'hall.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'counter/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  }
  h = await startHarness({ configPath: rulesConfig() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

const pageUrl = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

async function open(terminalId: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${terminalId}] page error:`, err));
  await page.goto(pageUrl(terminalId));
  return page;
}

async function signIn(page: Page, staffNo: string): Promise<void> {
  await page.getByTestId('sign-in-staff-no').fill(staffNo);
  await page.getByTestId('sign-in-pin').fill('1234');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('counter-workspace').waitFor();
}

const currentNumber = (page: Page) => page.getByTestId('counter-current-number').getAttribute('data-number');
const enabled = (page: Page, action: string) => page.getByTestId(`counter-action-${action}`).getAttribute('data-enabled');
const feedback = (page: Page) => page.getByTestId('counter-feedback').textContent();

describe('counter rules in the browser', () => {
  it('calls, recalls after the cooldown, marks a no-show, rejoins it, special-calls, suspends, resumes elsewhere and transfers to a counter', async () => {
    for (const matterId of ['bdc-01', 'bdc-02', 'bdc-03', 'bdc-04']) {
      expect((await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } })).status).toBe(201);
    }
    const display = await open('hall-display', { width: 1920, height: 1080 });
    await display.getByTestId('display-counters').waitFor();
    const c3 = await open('counter-3', { width: 1366, height: 768 });
    const c5 = await open('counter-5', { width: 1366, height: 768 });
    await signIn(c3, '1003');
    await signIn(c5, '1005');

    // Call: the why-this-ticket line is there at once, in words.
    await expect.poll(() => enabled(c3, 'call-next')).toBe('true');
    await c3.keyboard.press('Space');
    await expect.poll(() => currentNumber(c3)).toBe('A001');
    const why = c3.getByTestId('counter-call-reason');
    expect(await why.getAttribute('data-reason')).toBe('in_order');
    expect(await why.textContent()).toContain('按取号先后顺序');

    // Recall is held back by the cooldown and says so; 过号 needs a recall first.
    expect(await enabled(c3, 'recall')).toBe('false');
    expect(await c3.getByTestId('counter-action-recall').textContent()).toMatch(/\d+ 秒后可重呼/);
    expect(await c3.getByTestId('counter-action-no-show').textContent()).toContain('需先重呼 1 次');
    await c3.screenshot({ path: artifactPath('e2e', 'counter-rules-cooldown.png') });
    // The key is refused on the page with the same words (nothing sent to the hall).
    await c3.keyboard.press('F2');
    await expect.poll(() => feedback(c3)).toMatch(/秒后可重呼/);
    await expect.poll(() => enabled(c3, 'recall'), { timeout: 10_000 }).toBe('true');
    await c3.keyboard.press('F2');
    await expect.poll(() => feedback(c3)).toContain('已重呼 A001');
    await expect.poll(() => c3.getByTestId('counter-recall').getAttribute('data-count')).toBe('1');
    await expect.poll(() => enabled(c3, 'no-show')).toBe('true');
    await c3.keyboard.press('F3');
    await expect.poll(() => feedback(c3)).toContain('A001 已记为过号');
    await expect.poll(() => c3.locator('[data-testid="counter-rejoinable-ticket"][data-number="A001"]').count()).toBe(1);

    // 过号重排 (F12): the visitor is back; typed as "a1".
    await c3.keyboard.press('F12');
    await c3.getByTestId('rejoin-dialog').waitFor();
    await c3.getByTestId('rejoin-dialog-number').fill('a1');
    await c3.screenshot({ path: artifactPath('e2e', 'counter-rules-rejoin.png') });
    await c3.keyboard.press('Enter');
    await expect.poll(() => feedback(c3)).toContain('A001 已重新排队，前面 2 人');
    expect(await c3.getByTestId('rejoin-dialog').count()).toBe(0);

    // 特呼 (F7): type the number, Enter to the reason, Enter to call.
    await c3.keyboard.press('F7');
    await c3.getByTestId('special-call-dialog').waitFor();
    await c3.getByTestId('special-call-number').fill('A4');
    await expect.poll(() => c3.getByTestId('special-call-ticket').count()).toBe(1);
    await c3.keyboard.press('Enter');
    await c3.keyboard.press('Enter');
    await expect.poll(() => c3.getByTestId('special-call-dialog').textContent()).toContain('请写明原因');
    await c3.getByTestId('special-call-reason').fill('群众带着婴儿，先办');
    await c3.screenshot({ path: artifactPath('e2e', 'counter-rules-special-call.png') });
    await c3.keyboard.press('Enter');
    await expect.poll(() => currentNumber(c3)).toBe('A004');
    await expect.poll(() => why.getAttribute('data-reason')).toBe('special_call');
    expect(await why.textContent()).toContain('特呼原因：群众带着婴儿，先办');

    // 挂起 (F9): a preset reason, 30 minutes.
    await c3.keyboard.press('F9');
    await c3.getByTestId('suspend-dialog').waitFor();
    await c3.getByTestId('suspend-reason-preset').first().click();
    await c3.locator('[data-testid="suspend-minutes"][data-minutes="30"]').click();
    await c3.screenshot({ path: artifactPath('e2e', 'counter-rules-suspend.png') });
    await c3.getByTestId('suspend-submit').click();
    await expect.poll(() => feedback(c3)).toContain('A004 已挂起，30 分钟内可在任一窗口恢复');
    expect(await currentNumber(c3)).toBe('');

    // Resumed at counter 5 (F10, digit 1): called there, and the hall display announces it.
    await expect.poll(() => c5.locator('[data-testid="counter-suspended-ticket"][data-number="A004"]').count()).toBe(1);
    await expect.poll(() => enabled(c5, 'resume-suspended')).toBe('true');
    await c5.keyboard.press('F10');
    await c5.getByTestId('resume-dialog').waitFor();
    await c5.keyboard.press('1');
    await expect.poll(() => currentNumber(c5)).toBe('A004');
    await expect.poll(() => c5.getByTestId('counter-call-reason').getAttribute('data-reason')).toBe('resumed');
    const newestCall = display.getByTestId('display-call').first();
    const callAt = async () => `${await newestCall.getAttribute('data-number')} → ${await newestCall.getAttribute('data-counter')}`;
    await expect.poll(callAt, { timeout: 5000 }).toBe('A004 → 5');
    // Handed to the announcer like every call: A001 called and recalled, A004 special-called, A004 resumed.
    const handedOver = async () => {
      const el = display.getByTestId('announcer');
      const pending = Number(await el.getAttribute('data-pending'));
      const done = JSON.parse((await el.getAttribute('data-done')) ?? '[]') as string[];
      const failed = JSON.parse((await el.getAttribute('data-failed')) ?? '[]') as unknown[];
      return pending + done.length + failed.length;
    };
    await expect.poll(handedOver, { timeout: 5000 }).toBe(4);
    await display.screenshot({ path: artifactPath('e2e', 'counter-rules-display-resumed.png') });

    // 转窗 to counter 3 (F6, Tab to the counters, pick by clicking its row).
    await c5.keyboard.press('F6');
    await c5.getByTestId('transfer-picker').waitFor();
    await c5.keyboard.press('Tab');
    await c5.locator('[data-testid="transfer-counter"][data-counter-id="c03"]').waitFor();
    await c5.screenshot({ path: artifactPath('e2e', 'counter-rules-transfer.png') });
    await c5.locator('[data-testid="transfer-counter"][data-counter-id="c03"]').click();
    await expect.poll(() => feedback(c5)).toContain('A004 已转到 3号窗口');
    await expect.poll(() => c3.locator('[data-testid="counter-next-ticket"]').first().getAttribute('data-number')).toBe('A004');
    expect(await c3.locator('[data-testid="counter-next-ticket"]').first().getAttribute('data-reason')).toBe('transferred_here');
    await c3.keyboard.press('Space');
    await expect.poll(() => currentNumber(c3)).toBe('A004');
    await expect.poll(() => why.getAttribute('data-reason')).toBe('transferred_here');
    await c3.screenshot({ path: artifactPath('e2e', 'counter-rules-transferred-here.png') });
  });
});
