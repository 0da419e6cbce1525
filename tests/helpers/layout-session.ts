// What the layout and accessibility browser tests share: the built pages (dist/renderer, or
// SERVICEHALL_RENDERER_DIR for a private build while others edit the tree), a page opened in a
// fresh context at a given screen size with the hall's locale and time zone, and the kiosk's
// walk from 取号 to a department's matters.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** The built pages; throws with the command to run when they are missing. */
export function builtRenderer(page = 'kiosk'): string {
  const dir = process.env.SERVICEHALL_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../../dist/renderer');
  if (!fs.existsSync(path.join(dir, page, 'index.html'))) throw new Error(`${dir} is missing: run \`npm run build:renderer\` first (npm test does)`);
  return dir;
}

/** `address` in a new browser context (no cache, no storage) of `viewport`; page errors are logged under `label`. */
export async function openAt(browser: Browser, address: string, viewport: { width: number; height: number }, label: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${label}] page error:`, err));
  await page.goto(address);
  return page;
}

/** Kiosk: 取号 → the departments → 不动产登记 (the demo's largest department) → its matters. */
export async function kioskToMatters(page: Page, onDepartments?: () => Promise<void>): Promise<void> {
  await page.getByTestId('kiosk-take-number').click();
  await page.getByTestId('kiosk-departments').waitFor();
  await onDepartments?.();
  await page.locator('[data-testid="department-tile"][data-department-id="bdc"]').click();
  await page.getByTestId('kiosk-matters').waitFor();
}
