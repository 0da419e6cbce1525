// Headless Debian Chromium driven by playwright-core, with the flags this
// machine needs (no background networking: the network is closed here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
