// What a cold kiosk downloads (issue 14: a touchable 取号 in under 0.5 s; bench/kiosk-load.ts
// measures the time), in headless Chromium against a real hall: its first load is a handful of
// files (a browser opens at most 6 connections to the hall, so 19 small chunks came in turns);
// the guide and the records screen are not in it and arrive when a visitor opens them; the main
// path's screens (departments, matters, ticket) are fetched once the start screen is up, before
// anyone touches 取号, so that touch never waits on the network.
// Mutations checked: GuideScreen imported statically in KioskScreens.tsx → "no guide before
// it is opened" fails; prefetchMainPath() not called in KioskApp → the departments screen is
// not fetched before the touch; experimentalInlineCommonChunks dropped from vite.config.ts →
// the first load lists 18 scripts. And a screen whose chunk cannot be fetched (the hall went
// away between two touches) is said in plain words, not a blank kiosk; mutation checked:
// LazyScreen without its boundary → the whole page falls to the crash screen (error.internal).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { launchChromium } from '../helpers/browser.js';
import { builtRenderer, openAt } from '../helpers/layout-session.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ rendererDir: builtRenderer() });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Each screen's chunk, recognised by its own test id (only that screen's module holds it). */
const GUIDE = 'kiosk-guide-screen';
const RECORDS = 'kiosk-records-complaint';
const DEPARTMENTS = 'kiosk-departments';

describe('a cold kiosk', () => {
  it('loads a few files first, the main path next, the guide and the records screen when asked', async () => {
    const url = h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url;
    const page = await openAt(browser, 'about:blank', { width: 1080, height: 1920 }, 'kiosk');
    const scripts: Promise<string>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.text().catch(() => ''));
    });
    const holding = async (needle: string) => (await Promise.all(scripts)).filter((text) => text.includes(needle)).length;

    const reply = await page.goto(url);
    const html = await reply!.text();
    const firstLoad = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    expect(firstLoad.length, firstLoad.join(', ')).toBeLessThanOrEqual(4);

    await page.getByTestId('kiosk-take-number').waitFor();
    // The main path is fetched while the visitor reads the start screen.
    await expect.poll(() => holding(DEPARTMENTS), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect({ guide: await holding(GUIDE), records: await holding(RECORDS) }).toEqual({ guide: 0, records: 0 });

    await page.getByTestId('kiosk-records-open').click();
    await page.getByTestId('kiosk-complaint-form').waitFor();
    expect(await holding(RECORDS)).toBeGreaterThan(0);
    await page.getByTestId('kiosk-records-close').click();

    await page.getByTestId('kiosk-guide').click();
    await page.getByTestId('guide-department-tile').first().waitFor();
    expect(await holding(GUIDE)).toBeGreaterThan(0);
    await page.context().close();
  }, 60_000);
});

describe('a kiosk that cannot fetch a screen', () => {
  it('says so in plain words and offers to try again', async () => {
    const page = await openAt(browser, 'about:blank', { width: 1080, height: 1920 }, 'kiosk');
    // The main path's chunk (screens/steps.ts → assets/steps-*.js) never arrives.
    await page.route(/\/assets\/steps-[^/]+\.js$/, (route) => route.abort('connectionrefused'));
    await page.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
    await page.getByTestId('kiosk-take-number').click();
    const failed = page.getByTestId('kiosk-screen-failed');
    await failed.waitFor({ timeout: 10_000 });
    expect(await failed.getAttribute('data-message-key')).toBe('error.unreachable');
    expect(await failed.getByRole('button').count()).toBe(1);
    await page.context().close();
  }, 60_000);
});
