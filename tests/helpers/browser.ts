// Headless Debian Chromium driven by playwright-core, with the flags this
// machine needs (no background networking: the network is closed here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where e2e screenshots go (git-ignored): tests/.artifacts/<group>/. */
export function artifactPath(group: string, name: string): string {
  const dir = path.resolve(import.meta.dirname, '../.artifacts', group);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export const tmpProfile = () => fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-chromium-'));

/** A terminal's page (its address from the running hall) in a fresh zh-CN, Asia/Shanghai context at 1366×900; page errors are logged. */
export async function openTerminalPage(browser: Browser, h: { hall: { pages: readonly { terminalId: string; url: string }[] } }, terminalId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${terminalId}] page error:`, err));
  await page.goto(h.hall.pages.find((p) => p.terminalId === terminalId)!.url);
  return page;
}
