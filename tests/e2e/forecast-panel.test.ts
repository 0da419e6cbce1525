// The admin page's forecast and simulator cards in headless Chromium against the
// real hall service, on a data folder holding ten weeks of generated history:
// the manager makes a forecast and reads the advice as sentences, the half-hour
// table and the waits; and runs a simulation and reads its verdict in plain words.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tempDataDir, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';
import { openDatabase } from '../../hall/store/db.js';
import { calendarFeatures } from '../../hall/forecast/model.js';
import { serviceDayOf } from '../../hall/domain/clock.js';
import { addDays } from '../../hall/domain/calendar/index.js';
import { hallShape, writeHistory } from '../helpers/forecast-history.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  const rendererDir = builtRenderer('admin');
  const dataDir = tempDataDir();
  const rule = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
  const today = serviceDayOf(Date.now(), rule);
  const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
  writeHistory(db, { base: 80, weekday: { mon: 1.3, tue: 1, wed: 1, thu: 1, fri: 0.8, sat: 1, sun: 1 }, monthStart: 1.4, afterHoliday: 1, dayOfMonth: {}, shape: hallShape(), queueShare: { A: 0.3, B: 0.2, C: 0.2, E: 0.2, H: 0.1 }, classShare: { green: 0.1, appointment: 0.1, walk_in: 0.8 } }, calendarFeatures(null, rule), addDays(today, -70), addDays(today, -1), 11);
  db.close();
  h = await startHarness({ rendererDir, dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the forecast and simulator cards', () => {
  it('shows the forecast with advice in sentences, and the simulation verdict in plain words', async () => {
    const page = await openAt(browser, h.hall.pages.find((p) => p.terminalId === 'admin')!.url, { width: 1440, height: 900 }, 'admin');
    await page.getByTestId('sign-in-staff-no').fill('9001');
    await page.getByTestId('sign-in-pin').fill('1234');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('admin-dashboard').waitFor();

    const card = page.getByTestId('forecast');
    await card.getByTestId('forecast-backtest').check();
    await card.getByTestId('forecast-run').click();
    await card.getByTestId('forecast-result').waitFor({ timeout: 120_000 });
    const days = card.getByTestId('forecast-day');
    expect(await days.count()).toBe(2);
    expect(await days.nth(1).getAttribute('data-which')).toBe('tomorrow');
    await expect.poll(() => card.getByTestId('forecast-backtest-result').textContent()).toMatch(/准确度检验：对最近 20 个办公日逐日预测/);
    // Tomorrow, if the hall is open: advice sentences and a half-hour table.
    const open = days.filter({ has: page.getByTestId('forecast-advice') });
    if ((await open.count()) > 0) {
      const advice = await open.last().getByTestId('forecast-advice').locator('li').allTextContents();
      expect(advice[0]).toMatch(/^\d\d:\d\d 开放 \d+ 个窗口$/);
      for (const line of advice.slice(1)) expect(line).toMatch(/^(\d\d:\d\d (加开|减少) \d+ 个窗口（共 \d+ 个）|全天保持同样的窗口数即可。)$/);
      expect(await open.last().getByTestId('forecast-slot').count()).toBeGreaterThan(10);
    } else {
      expect(await days.nth(1).textContent()).toContain('大厅不办公');
    }
    await card.screenshot({ path: artifactPath('e2e', 'forecast-panel.png') });

    const sim = page.getByTestId('simulator');
    await sim.getByTestId('simulator-noShowRate').fill('10');
    await sim.getByTestId('simulator-run').click();
    const verdict = sim.getByTestId('simulator-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/^结论：(规则A更好|规则B更好|两种规则差别不大)。/);
    expect(await sim.getByTestId('simulator-behaviour-used').textContent()).toContain('叫号后未到 10%');
    expect(await sim.getByTestId('simulator-row').count()).toBe(4);
    await sim.screenshot({ path: artifactPath('e2e', 'simulator-panel.png') });
    await page.context().close();
  });
});
