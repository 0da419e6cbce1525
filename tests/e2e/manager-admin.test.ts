// Issue 15 — the admin page in a manager's words, its forms, and 申诉复核 from the counter page, in
// headless Chromium against the real hall service with the configured device agents (emulators).
// The admin page is opened in an English-locale browser (a hall PC set up in English): the dates
// must still read in Chinese and times in 24 hours, which a native <input type="date|time">
// would not do.
// Mutations tried (each against a private build): DevicesSection showing `d.health.message`
// outside the fold (English and /tmp paths → the first test fails); the kiosk fault row's
// English message back outside its fold (the fault check fails); DateField showing the raw
// "YYYY-MM-DD" (the Chinese date check fails); BadRatingAppeals offering no button on a 待回访
// case (the appeal click times out).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/hall-harness.js';
import { startHallWithPages } from '../helpers/hall-pages.js';
import { artifactPath, openTerminalPage } from '../helpers/browser.js';
import { axeViolations } from '../helpers/page-checks.js';
import { issue } from '../helpers/service-records.js';
import type { CounterDisplayDTO } from '../../hall/api/dto.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  ({ h, browser } = await startHallWithPages());
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
/** "2026年12月7日 星期一" for "2026-12-07", computed here independently of the page. */
const chinese = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
};
const hallToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function adminInEnglishBrowser(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[admin] page error:', err));
  await page.goto(h.hall.pages.find((p) => p.terminalId === 'admin')!.url);
  await page.getByTestId('sign-in-staff-no').fill('9001');
  await page.getByTestId('sign-in-pin').fill('1234');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('admin-dashboard').waitFor();
  return page;
}

/** The text of an element without its <details> folds (what the manager reads). */
const outsideFolds = (locator: Locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('details').forEach((d) => d.remove());
    return copy.textContent ?? '';
  });

/** Every visible input, select and textarea without a visible label (its own <label>, or aria-labelledby text on screen). */
async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const textOf = (el: Element, control: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('select, textarea, option').forEach((x) => x.remove());
      return shown(el) && el !== control ? (copy.textContent ?? '').trim() : '';
    };
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))) {
      const control = el as HTMLInputElement;
      // Radios hidden behind their segmented label still need the label on screen.
      if (control.type !== 'radio' && !shown(control)) continue;
      const labels = Array.from(control.labels ?? []).map((l) => textOf(l, control));
      const by = (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
      const labelledBy = by.map((x) => (x ? textOf(x, control) : ''));
      if (![...labels, ...labelledBy].some(Boolean)) found.push(control.getAttribute('data-testid') ?? `${control.tagName}.${control.className}`);
    }
    return found;
  });
}

describe('the admin page for a manager', () => {
  it('says device problems in Chinese under the terminal names, with the technical detail folded', async () => {
    const admin = await adminInEnglishBrowser();
    const devices = admin.getByTestId('admin-devices');
    const paperOut = devices.locator('[data-terminal-id=kiosk-1] [data-testid=device-row][data-kind=printer]').first();
    await paperOut.waitFor();
    const printerId = (await paperOut.getAttribute('data-device-id'))!;
    await paperOut.locator('[data-testid=device-printer-toggle][data-flag=paperOut]').click();
    const problem = devices.locator(`[data-testid=device-problem][data-device-id="${printerId}"]`);
    await expect.poll(() => problem.count(), { timeout: 10_000 }).toBe(1);
    expect(await problem.textContent()).toBe('一号取号机 打印机缺纸 — 请换纸');
    expect(await devices.getByTestId('device-summary').textContent()).toMatch(/\d+ 台设备需要处理/);
    const names = await devices.getByTestId('device-terminal-name').allTextContents();
    expect(names.some((n) => n.startsWith('一号取号机'))).toBe(true);
    expect(names.some((n) => n.startsWith('3号窗口电脑'))).toBe(true);

    // Outside the folds: no Latin letters (ids, codes, English sentences) and no file path.
    const outside = await outsideFolds(devices);
    expect(outside.match(/[A-Za-z]+/g) ?? []).toEqual([]);
    expect(outside).not.toContain('/tmp');
    // Inside the fold the technician finds the driver's own words and the device id.
    const detail = paperOut.getByTestId('device-detail');
    await detail.locator('summary').click();
    const folded = (await detail.textContent())!;
    expect(folded).toContain(printerId);
    expect(folded).toContain('paper_out');
    expect(folded).toContain('The printer is out of paper.');
    // The agent runs in this test's process (tests/helpers/hall-harness.ts): its pid and the package version.
    const { version } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(folded).toContain(`进程号 ${process.pid}，版本 ${version}`);
    // The kiosk fault log (队列与窗口) says the same, with the driver's words folded.
    const fault = admin.locator('[data-testid=kiosk-fault-row][data-device-id="kiosk-1-printer"]').first();
    await fault.waitFor({ timeout: 10_000 });
    expect(await fault.getByTestId('kiosk-fault-words').textContent()).toBe('缺纸 — 请换纸');
    const faultOutside = await outsideFolds(fault);
    expect(faultOutside).not.toMatch(/[A-Za-z]/);
    await admin.screenshot({ path: artifactPath('manager-admin', 'devices.png'), fullPage: false });
    await paperOut.locator('[data-testid=device-printer-toggle][data-flag=paperOut]').click();
    await admin.context().close();
  });

  it('has styled forms: a visible label on every field, Chinese dates, 24-hour times, errors next to the field, axe clean', async () => {
    const admin = await adminInEnglishBrowser();
    const form = admin.getByTestId('appointment-create');
    await form.scrollIntoViewIfNeeded();
    const today = hallToday();
    expect(await form.getByTestId('appointment-date-text').textContent()).toBe(chinese(today));
    expect(await admin.getByTestId('appointments-day-text').textContent()).toBe(chinese(today));
    const hours = await form.getByTestId('appointment-start-hour').locator('option').allTextContents();
    expect(hours).toEqual(Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')));
    expect(await form.getByTestId('appointment-start').textContent()).toContain('时');

    // 48 px controls in the forms.
    const heights = await admin.locator('[data-testid=appointment-create], [data-testid=appointment-import]').evaluateAll((forms) =>
      forms.flatMap((f) => Array.from(f.querySelectorAll('input:not([type=radio]), select, textarea, button')).map((el) => ({ id: el.getAttribute('data-testid'), h: el.getBoundingClientRect().height }))),
    );
    expect(heights.filter((x) => x.h < 47.5)).toEqual([]);

    // An end before the start is said under the end time, and nothing is sent.
    await form.getByTestId('appointment-start-hour').selectOption('10');
    await form.getByTestId('appointment-end-hour').selectOption('09');
    await form.getByTestId('appointment-create-submit').click();
    expect(await form.getByTestId('appointment-end').getByTestId('field-error').textContent()).toBe('结束时间须晚于开始时间');
    expect(await form.getByTestId('appointments-outcome').count()).toBe(0);

    // Tomorrow from the calendar (weeks from Monday), 10:00–10:30: saved, and the list follows it.
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await form.getByTestId('appointment-date-open').click();
    const calendar = form.getByTestId('appointment-date-calendar');
    expect(await calendar.locator('th').allTextContents()).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    if ((await calendar.locator(`[data-date="${tomorrow}"]`).count()) === 0) await form.getByTestId('appointment-date-next').click();
    await admin.screenshot({ path: artifactPath('manager-admin', 'appointment-calendar.png'), fullPage: false });
    // The calendar open passes axe too.
    expect(await axeViolations(admin)).toEqual([]);
    await calendar.locator(`[data-date="${tomorrow}"]`).click();
    expect(await form.getByTestId('appointment-date-text').textContent()).toBe(chinese(tomorrow));
    await form.getByTestId('appointment-end-hour').selectOption('10');
    await form.getByTestId('appointment-end-minute').selectOption('30');
    await form.getByTestId('appointment-id-number').fill('12345');
    await form.getByTestId('appointment-create-submit').click();
    expect(await form.getByTestId('appointment-id-number').locator('..').getByTestId('field-error').textContent()).toContain('18 位');
    await form.getByTestId('appointment-id-number').fill('');
    await form.getByTestId('appointment-create-submit').click();
    await expect.poll(() => form.getByTestId('appointments-outcome').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => admin.getByTestId('appointments-day-text').textContent()).toBe(chinese(tomorrow));
    await expect.poll(() => admin.locator('[data-testid=appointment-row]').count()).toBe(1);

    // An import with a bad line names it under the list.
    const importForm = admin.getByTestId('appointment-import');
    await importForm.getByTestId('import-text').fill(`matterId,date,start,end\nbdc-01,${tomorrow},25:00,26:00`);
    await importForm.getByTestId('import-submit').click();
    await expect.poll(() => importForm.getByTestId('import-problem').count()).toBeGreaterThan(0);

    // The service-record, report and other forms: every field has a visible label; axe finds nothing.
    await admin.getByTestId('report-period-custom').check({ force: true });
    await admin.getByTestId('report-from').waitFor();
    await admin.screenshot({ path: artifactPath('manager-admin', 'forms.png'), fullPage: true });
    expect(await unlabelled(admin)).toEqual([]);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.context().close();
  });
});

describe('申诉复核 from the counter page', () => {
  it('a bad rating → the counter appeals with a reason → the case shows 申诉复核中 on the admin page', async () => {
    const { number } = await issue(h, 'bdc-01');
    const clerk = (await h.signIn('c03', '1003')).sessionToken;
    for (const action of ['call-next', 'start', 'finish']) await h.api('POST', `/api/v1/counters/c03/actions/${action}`, { terminal: 'counter-3', session: clerk, body: {} });
    const display = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
    const rated = await h.api('POST', `/api/v1/ratings/${display.body.pendingRating!.id}`, { terminal: 'counter-display-3', body: { level: 'dissatisfied' } });
    expect(rated.status).toBe(200);

    const counter = await openTerminalPage(browser, h, 'counter-3');
    await counter.getByTestId('sign-in-staff-no').fill('1003');
    await counter.getByTestId('sign-in-pin').fill('1234');
    await counter.getByTestId('sign-in-submit').click();
    const row = counter.getByTestId('counter-bad-case').first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain(`取号 ${number}`);
    expect(await row.getAttribute('data-status')).toBe('opened');
    await row.getByTestId('counter-appeal').click();
    const dialog = counter.getByTestId('appeal-dialog');
    await dialog.getByTestId('appeal-reason').fill('太短');
    await dialog.getByTestId('appeal-submit').click();
    expect(await dialog.getByTestId('appeal-reason-error').textContent()).toBe('申诉理由至少 5 个字');
    await dialog.getByTestId('appeal-reason').fill('群众对材料要求不满，但要求依据办事指南，窗口已一次性告知');
    await counter.screenshot({ path: artifactPath('manager-admin', 'counter-appeal.png'), fullPage: false });
    await dialog.getByTestId('appeal-submit').click();
    await expect.poll(() => counter.getByTestId('appeal-message').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => row.getAttribute('data-status')).toBe('appealed');
    expect(await row.getByTestId('counter-appeal').count()).toBe(0);

    const admin = await openTerminalPage(browser, h, 'admin');
    await admin.getByTestId('sign-in-staff-no').fill('9001');
    await admin.getByTestId('sign-in-pin').fill('1234');
    await admin.getByTestId('sign-in-submit').click();
    const card = admin.getByTestId('admin-bad-cases').getByTestId('bad-case').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('appealed');
    const text = (await card.textContent())!;
    for (const words of ['申诉复核中', '申诉理由：群众对材料要求不满', `取号 ${number}`]) expect(text).toContain(words);
    await admin.screenshot({ path: artifactPath('manager-admin', 'admin-appealed.png'), fullPage: false });
    // The case's decision form (and every other form now on the page) has visible labels too.
    expect(await unlabelled(admin)).toEqual([]);
  });
});
