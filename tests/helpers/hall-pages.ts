// The hall the browser stories run against: the demo hall with its help-and-agency counter
// (tests/helpers/service-records.ts), every configured device agent with its emulators, the built
// pages (dist/renderer), and a headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from './hall-harness.js';
import { launchChromium } from './browser.js';
import { helpHallConfig } from './service-records.js';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export async function startHallWithPages(): Promise<{ h: Harness; browser: Browser }> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'admin/index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  const h = await startHarness({ configPath: helpHallConfig(), devices: 'configured', rendererDir: RENDERER_DIR });
  return { h, browser: await launchChromium() };
}
