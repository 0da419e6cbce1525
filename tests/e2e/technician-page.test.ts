// The technician's page in headless Chromium, served by kiosk-1's real device agent
// (agent/technician/server.ts) next to a real hall: it lists the terminal, its devices and
// the machine's ports; a test print (started from the keyboard) shows the preview of the
// ticket the emulated printer received; the assign form moves the printer to a network
// printer (terminal.json rewritten, token kept); a test read shows the card masked.
// Needs `npm run build:renderer` first (the page is dist/renderer/technician).
// Mutations tried: DeviceTests not rendering the preview <img> (the preview wait times out);
// AssignForm's tcp port field left out of the declaration (the save is refused on the page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgents, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { startTechnicianPage, type TechnicianPage } from '../../agent/technician/server.js';
import { decodeEscPos, loadPrinterProfile, splitAtCuts, startPrinterEmulator, type PrinterEmulator } from '../../drivers/printer/index.js';
import type { TerminalDeviceAgent } from '../../agent/device-agent.js';
import type { EmulatedCard } from '../../drivers/idcard/text-block.js';

let h: Harness;
let browser: Browser;
let agent: TerminalDeviceAgent;
let technician: TechnicianPage;
let network: PrinterEmulator;
let dir: string;
let terminalFile: string;

beforeAll(async () => {
  h = await startHarness();
  agent = (await startAgents(h.hall, ['kiosk-1'], h.dataDir)).get('kiosk-1')!;
  h.agents.set('kiosk-1', agent);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-technician-e2e-'));
  terminalFile = path.join(dir, 'terminal.json');
  fs.writeFileSync(terminalFile, JSON.stringify({ hallUrl: h.url, terminalId: 'kiosk-1', token: h.token('kiosk-1') }), { mode: 0o600 });
  technician = await startTechnicianPage({ agent, terminalFile, port: 0 });
  network = await startPrinterEmulator({ transport: 'tcp', profile: loadPrinterProfile('generic-epson') });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await technician?.close();
  await h?.close();
  await network?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the technician's page in a browser", () => {
  it('lists the terminal, its devices and the ports; a test print shows its preview; the form moves the printer; a test read shows the card masked', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(technician.url);
    await expect.poll(() => page.getByTestId('tech-terminal-id').textContent(), { timeout: 15_000 }).toBe('kiosk-1');
    await expect.poll(() => page.getByTestId('tech-link').getAttribute('data-connected')).toBe('true');
    expect(await page.title()).toBe('本机设备调试');

    const rows = page.getByTestId('tech-device');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-device-id')).sort())).toEqual(['kiosk-1-id-reader', 'kiosk-1-printer']);
    const printerRow = page.locator('[data-testid="tech-device"][data-device-id="kiosk-1-printer"]');
    await expect.poll(() => printerRow.getAttribute('data-health')).toBe('ok');
    expect(await printerRow.getByTestId('device-health').textContent()).toContain('工作正常');
    expect(await printerRow.textContent()).toContain('大厅默认');

    // The ports section has read the machine (whatever it offers here) and shows each source.
    const ports = page.getByTestId('tech-ports');
    await expect.poll(() => ports.getAttribute('aria-busy')).toBe('false');
    for (const heading of ['串口', 'USB 打印机', 'HID 设备']) expect(await ports.textContent()).toContain(heading);

    // Test print from the keyboard: focus the button, press Enter.
    const emulated = agent.devices.get('kiosk-1-printer');
    if (emulated?.kind !== 'printer' || !emulated.emulator) throw new Error('kiosk-1 has no emulated printer');
    const before = emulated.emulator.jobs().length;
    await printerRow.getByTestId('tech-test-print').focus();
    await page.keyboard.press('Enter');
    const preview = printerRow.getByTestId('tech-test-preview');
    await preview.waitFor({ timeout: 15_000 });
    expect(await printerRow.getByTestId('tech-test-outcome').getAttribute('data-ok')).toBe('true');
    expect(await preview.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const jobs = await emulated.emulator.waitForJobs(before + 1);
    const qr = splitAtCuts(decodeEscPos(jobs[before]!))[0]!.find((el) => el.kind === 'qr') as { content: string } | undefined;
    expect(qr?.content).toBe('servicehall:test-print:kiosk-1-printer');
    await page.screenshot({ path: artifactPath('technician', 'test-print.png'), fullPage: true });

    // Edit the printer: a network printer at the emulator's port, one-way.
    await printerRow.getByTestId('tech-edit').click();
    await page.selectOption('#tech-transport', 'tcp');
    await page.fill('#tech-host', '127.0.0.1');
    await page.fill('#tech-port', String(network.port));
    await page.selectOption('#tech-model', 'generic-epson');
    await page.selectOption('#tech-confirm', 'false');
    await page.getByTestId('tech-save').click();
    await expect.poll(() => page.getByTestId('tech-notice').textContent(), { timeout: 15_000 }).toContain('已保存设备 kiosk-1-printer');
    const saved = JSON.parse(fs.readFileSync(terminalFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      token: h.token('kiosk-1'),
      devices: [{ id: 'kiosk-1-printer', kind: 'printer', model: 'generic-epson', transport: { type: 'tcp', host: '127.0.0.1', port: network.port }, printer: { confirm: false } }],
    });
    await expect.poll(() => printerRow.textContent()).toContain('本机设置（替代大厅默认）');
    // The page shows the printer the agent now runs: the network one.
    await expect.poll(() => printerRow.getAttribute('data-emulated'), { timeout: 10_000 }).toBe('false');
    expect(await printerRow.getAttribute('data-model')).toBe('generic-epson');
    await printerRow.getByTestId('tech-test-print').click();
    await expect.poll(() => network.jobs().length, { timeout: 15_000 }).toBe(1);

    // Test read: the page waits, the card goes on the reader, the page shows it masked.
    const readerRow = page.locator('[data-testid="tech-device"][data-device-id="kiosk-1-id-reader"]');
    const reader = agent.devices.get('kiosk-1-id-reader');
    if (reader?.kind !== 'id_reader' || !reader.emulator) throw new Error('kiosk-1 has no emulated ID reader');
    const card = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../config/demo-cards/resident-elderly.json'), 'utf8')) as { card: EmulatedCard }).card;
    await readerRow.getByTestId('tech-test-read').click();
    await readerRow.getByTestId('tech-test-read-cancel').waitFor();
    const outcome = readerRow.getByTestId('tech-test-outcome');
    for (let tries = 0; tries < 15 && !((await outcome.textContent()) ?? '').includes('读卡成功'); tries++) {
      reader.emulator.insertCard(card);
      await page.waitForTimeout(1000);
      reader.emulator.removeCard();
    }
    const text = (await outcome.textContent()) ?? '';
    expect(text).toContain('读卡成功');
    expect(text).toContain(card.fields.idNumber!.slice(-4));
    expect(text).not.toContain(card.fields.idNumber!);
    expect(text).not.toContain(card.fields.name!);
    await page.screenshot({ path: artifactPath('technician', 'test-read.png'), fullPage: true });
  }, 120_000);
});
