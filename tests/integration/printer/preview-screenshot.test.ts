// Visual check: a ticket printed to the emulator, decoded, rendered as SVG and
// screenshotted in headless Chromium with Debian's Noto CJK fonts.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../drivers/printer/decoder.js';
import { startPrinterEmulator } from '../../../drivers/printer/emulator.js';
import { renderPreviewSvg } from '../../../drivers/printer/preview.js';
import { TicketPrinter } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { TcpTransport } from '../../../drivers/transports/tcp.js';
import { greenChannelRealName } from '../../unit/printer/ticket-fixtures.js';
import { healthBecomes, quickTimings } from './helpers.js';

const artifacts = path.resolve(import.meta.dirname, '../../.artifacts/printer');
const profile = loadPrinterProfile('generic-epson');
const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('ticket preview', () => {
  it('renders the printed ticket (with a rare-character name line) as SVG and screenshots it', async () => {
    const emulator = await startPrinterEmulator({ transport: 'tcp', profile });
    const printer = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), profile, ...quickTimings });
    stops.push(() => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');
    const outcome = await printer.printTicket({ ...greenChannelRealName, counterArea: '刘䶮 专窗（二楼 B 区）' });
    expect(outcome).toMatchObject({ ok: true });
    const [job] = await emulator.waitForJobs(1);
    const doc = decodeEscPos(job!);
    expect(doc.elements.some((e) => e.kind === 'image')).toBe(true);

    const svg = renderPreviewSvg(doc, { paperWidthDots: profile.paperWidthDots, lineSpacingDots: profile.lineSpacingDots });
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'ticket-preview.svg'), svg);

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: browserArgs });
    stops.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(artifacts, 'ticket-preview.png');
    await page.locator('svg').screenshot({ path: file });

    const png = PNG.sync.read(fs.readFileSync(file));
    expect(png.width).toBeGreaterThan(576);
    expect(png.height).toBeGreaterThan(600);
    let dark = 0;
    const greys = new Set<number>();
    for (let i = 0; i < png.width * png.height; i++) {
      const lum = png.data[i * 4]! * 0.299 + png.data[i * 4 + 1]! * 0.587 + png.data[i * 4 + 2]! * 0.114;
      if (lum < 80) dark++;
      greys.add(Math.round(lum / 16));
    }
    // Text, the big number and the QR code put real ink on the paper; anti-aliased glyphs give many grey levels.
    expect(dark / (png.width * png.height)).toBeGreaterThan(0.03);
    expect(greys.size).toBeGreaterThan(8);
  });
});
