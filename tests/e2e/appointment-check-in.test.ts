// Appointments in the browser (headless Chromium, real hall service with a calendar):
// a visitor checks in by code at the kiosk and gets an appointment ticket; after hours
// the 24-hour-zone kiosk shows self-service mode and the hall-zone kiosk says it is
// closed with the next opening; the admin page lists the appointment as checked in.
// Screenshots go to tests/.artifacts/e2e/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';
import { ManualTimers } from '../../hall/runtime/timers.js';
import type { AppointmentDTO } from '../../hall/api/dto.js';

const rendererDir = path.resolve(import.meta.dirname, '../../dist/renderer');
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const timers = new ManualTimers(at('2026-11-23 09:10')); // a Monday
let h: Harness;
let browser: Browser;
let configDir: string;
let session: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, 'kiosk/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm test does)');
  }
  const demo = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../config/demo-hall.json'), 'utf8')) as Record<string, unknown>;
  demo.calendar = { selfServiceZone: { enabled: true, ticketsDuringHours: true } };
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-e2e-appt-'));
  fs.writeFileSync(path.join(configDir, 'hall.json'), JSON.stringify(demo));
  h = await startHarness({ timers, configPath: path.join(configDir, 'hall.json') });
  session = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

const pageUrl = (terminalId: string) => h.hall.pages.find((p) => p.terminalId === terminalId)!.url;

async function open(terminalId: string, viewport = { width: 1080, height: 1920 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${terminalId}] page error:`, err));
  await page.goto(pageUrl(terminalId));
  return page;
}

describe('appointment check-in and kiosk modes, in the browser', () => {
  it('checks in by code at the kiosk and shows the appointment ticket', async () => {
    const booked = await h.api<AppointmentDTO>('POST', '/api/v1/admin/appointments', {
      terminal: 'admin',
      session,
      body: { matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', name: '李晓明' },
    });
    expect(booked.status).toBe(201);
    const kiosk = await open('kiosk-1');
    await kiosk.getByTestId('kiosk-appointment').click();
    await kiosk.getByTestId('kiosk-check-in').waitFor();
    // A wrong code first: a plain message, nothing issued.
    await kiosk.getByTestId('check-in-code').fill('ZZZZ2222');
    await kiosk.getByTestId('check-in-submit').click();
    await expect.poll(() => kiosk.getByTestId('check-in-error').getAttribute('data-key')).toBe('kioskRules.checkIn.unknown_appointment');
    await kiosk.getByTestId('check-in-code').fill(booked.body.code.toLowerCase());
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-check-in.png') });
    await kiosk.getByTestId('check-in-submit').click();
    await kiosk.getByTestId('ticket-screen').waitFor();
    expect(await kiosk.getByTestId('check-in-outcome').getAttribute('data-outcome')).toBe('on_time');
    expect(await kiosk.getByTestId('ticket-appointment').isVisible()).toBe(true);
    const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^E\d{3}$/);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-check-in-ticket.png') });

    const list = await h.api<AppointmentDTO[]>('GET', '/api/v1/admin/appointments?day=2026-11-23', { terminal: 'admin', session });
    expect(list.body.find((a) => a.code === booked.body.code)).toMatchObject({ status: 'checked_in', ticketNumber: number });

    const admin = await open('admin', { width: 1440, height: 1200 });
    await admin.getByTestId('sign-in-staff-no').fill('9001');
    await admin.getByTestId('sign-in-pin').fill('1234');
    await admin.getByTestId('sign-in-submit').click();
    await admin.getByTestId('appointments-panel').waitFor();
    await expect.poll(() => admin.locator(`[data-testid="appointment-row"][data-code="${booked.body.code}"]`).getAttribute('data-status')).toBe('checked_in');
    await admin.getByTestId('appointments-panel').screenshot({ path: artifactPath('e2e', 'admin-appointments.png') });
  });

  it('runs the 24h-zone kiosk in self-service mode after hours; the hall kiosk says when it opens', async () => {
    timers.advance(at('2026-11-23 19:00') - timers.now());
    const zone = await open('kiosk-24h');
    await expect.poll(() => zone.getByTestId('kiosk-mode').getAttribute('data-screen-mode')).toBe('self_service');
    expect(await zone.getByTestId('kiosk-take-number').count()).toBe(0);
    expect(await zone.getByTestId('self-service-matter').count()).toBeGreaterThan(0);
    expect(await zone.getByTestId('kiosk-guide').isVisible()).toBe(true);
    expect(await zone.getByTestId('kiosk-mode-next').textContent()).toContain('2026-11-24 09:00');
    await zone.screenshot({ path: artifactPath('e2e', 'kiosk-24h-self-service.png') });

    const hallKiosk = await open('kiosk-1');
    await expect.poll(() => hallKiosk.getByTestId('kiosk-mode').getAttribute('data-screen-mode')).toBe('closed');
    expect(await hallKiosk.getByTestId('kiosk-mode-next').textContent()).toContain('2026-11-24 09:00');
    await hallKiosk.screenshot({ path: artifactPath('e2e', 'kiosk-closed.png') });
  });
});
