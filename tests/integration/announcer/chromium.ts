// Debian's Chromium, headless, driven by playwright-core (no browser download on these machines).
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A hall display announces without anyone touching it; the Electron shell needs the same policy.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
