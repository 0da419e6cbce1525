// Issue 3's journey in a real browser: a card swipe on the emulated ID reader
// (SAM protocol over a socat pty) → the kiosk shows the masked identity with the
// green-channel badge → one matter later, a real-name green-channel ticket is
// printed on the emulated ESC/POS printer (over TCP) → its preview image is saved.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { decodeEscPos, renderPreviewSvg, textLines } from '../../drivers/printer/index.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ devices: 'configured' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('a real-name ticket from a card swipe', () => {
  it('reads the card, issues a green-channel ticket with the masked identity, prints it and saves its preview', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
    await kiosk.getByTestId('kiosk-take-number').waitFor();

    const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const swipe = await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', {
      terminal: 'admin',
      session: s.body.sessionToken,
      body: { action: 'swipe_card', fixture: 'resident-elderly' },
    });
    expect(swipe.status).toBe(200);

    const identity = kiosk.getByTestId('card-identity');
    await identity.waitFor({ timeout: 10_000 });
    expect(await identity.getAttribute('data-green')).toBe('true');
    const shown = await identity.textContent();
    expect(shown).toContain('150102********0621');
    expect(shown).not.toContain('150102195207180621');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-card-read.png') });

    await kiosk.locator('[data-testid="department-tile"][data-department-id="rsj"]').click();
    await kiosk.locator('[data-testid="matter-row"][data-matter-id="rsj-02"]').click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent(), { timeout: 10_000 }).toContain('C001');
    expect(await kiosk.getByTestId('ticket-identity').textContent()).toContain('150102********0621');
    await kiosk.getByTestId('ticket-green').waitFor();
    // The number shows at once; the printed outcome comes later from kiosk-1's device agent, over the live feed.
    await expect.poll(() => kiosk.getByTestId('ticket-screen').getAttribute('data-print-status')).toBe('printed');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-real-name-ticket.png') });

    const [job] = await h.agentDevice('printer', 'kiosk-1').emulator!.waitForJobs(1);
    const doc = decodeEscPos(job!);
    const text = textLines(doc.elements).join('\n');
    expect(text).toContain('C001');
    expect(text).toContain('老年人');
    expect(text).toContain('150102********0621');

    const svg = renderPreviewSvg(doc, { paperWidthDots: h.agentDevice('printer', 'kiosk-1').profile.paperWidthDots });
    fs.writeFileSync(artifactPath('e2e', 'real-name-ticket-preview.svg'), svg);
    const preview = await browser.newPage({ viewport: { width: 700, height: 1400 } });
    await preview.setContent(`<body style="margin:0;background:#ddd">${svg}</body>`);
    const png = artifactPath('e2e', 'real-name-ticket-preview.png');
    await preview.locator('svg').screenshot({ path: png });
    expect(fs.statSync(png).size).toBeGreaterThan(10_000);
  });
});
