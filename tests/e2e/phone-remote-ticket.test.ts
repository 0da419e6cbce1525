// 线上取号 on the phone page central serves (/m/?hall=…&view=remote), in headless Chromium against the
// real central (PostgreSQL) and the real hall: a wrong ID number is refused in plain words; a good one
// takes a remote ticket whose code and QR show; checked in at the kiosk's check-in screen (the scanner
// types the QR's text),
// the page shows the ticket's number, then the counter once called. Needs dist/renderer.
// Checked against: RemoteScreen not keeping the remote ticket in the address (the reload shows the form
// again: fails).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startHallWithCentral, type HallWithCentral } from '../helpers/hall-with-central.js';
import { computeCheckDigit } from '../../drivers/idcard/id-number.js';
import pg from 'pg';
import { findInboxMessage } from '../../central/phone/inbox.js';

let hall: HallWithCentral;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  hall = await startHallWithCentral(
    (c) => {
      c.phone = { heartbeatSeconds: 5, pushDebounceMs: 100, inboxWaitSeconds: 2 };
      c.remoteTickets = { enabled: true, matterIds: ['bdc-01'] };
    },
    { phone: { publicRateLimit: false } },
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hall?.close();
});

describe('phone page: 线上取号', () => {
  it('takes a remote ticket, shows its code and QR, then the checked-in number and the counter', async () => {
    const { central, h } = hall;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${central.url}/m/?hall=${central.hallId}&view=remote`);
    const matter = page.getByTestId('remote-matter');
    // The hall's settings reach central at its start: reload until the matter is offered.
    await expect.poll(async () => {
      if ((await matter.locator('option').count()) > 1) return true;
      await page.reload();
      return false;
    }, { timeout: 20_000 }).toBe(true);
    await matter.selectOption('bdc-01');
    await page.getByTestId('remote-id').fill('110105198001010010');
    await page.getByTestId('remote-submit').click();
    await expect.poll(() => page.getByTestId('remote-error').textContent().catch(() => null)).toBe('请填写正确的 18 位身份证号码。');

    const first17 = '15010219750303004';
    await page.getByTestId('remote-id').fill(first17 + computeCheckDigit(first17));
    await page.getByTestId('remote-submit').click();
    const code = await page.getByTestId('remote-code').textContent();
    expect(code).toMatch(/^取号码 [2-9A-HJKMNP-Z]{8}$/);
    const qrText = await page.getByTestId('remote-qr').getAttribute('data-text');
    expect(qrText).toBe(`servicehall:remote:${code!.slice(4)}`);
    expect(await page.content()).not.toContain(first17);
    // A reload comes back to the remote ticket (its id and key are in the address, never the ID number).
    expect(page.url()).not.toContain(first17);
    await page.reload();
    await page.getByTestId('remote-code').waitFor();

    // At the kiosk's check-in screen, the scanner types the QR's text and Enter (once the hall holds it).
    const pool = new pg.Pool({ connectionString: central.databaseUrl, max: 1 });
    const id = new URL(page.url()).searchParams.get('rt')!;
    await expect.poll(async () => (await findInboxMessage(pool, `remote:${id}`))?.outcome, { timeout: 20_000 }).toBe('applied');
    await pool.end();
    const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
    await kiosk.getByTestId('kiosk-appointment').click();
    await kiosk.getByTestId('check-in-code').fill(qrText!);
    await kiosk.getByTestId('check-in-submit').click();
    await kiosk.getByTestId('ticket-screen').waitFor();
    expect(await kiosk.getByTestId('check-in-outcome').getAttribute('data-outcome')).toBe('remote');
    expect(await kiosk.getByTestId('check-in-outcome').textContent()).toBe(`线上取号 ${code!.slice(4)} 签到成功！请留意叫号。`);
    const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    await kioskContext.close();
    await expect.poll(() => page.getByTestId('remote-ticket').getAttribute('data-state'), { timeout: 20_000 }).toBe('checked_in');
    expect(await page.getByRole('status').textContent()).toBe(`已签到，号码 ${number}`);

    const session = (await h.signIn('c03', '1003')).sessionToken;
    for (let i = 0; i < 30; i++) {
      const called = await h.api<{ current: { number: string } | null }>('POST', '/api/v1/counters/c03/actions/call-next', { terminal: 'counter-3', session, body: {} });
      if (called.body.current?.number === number) break;
      await h.api('POST', '/api/v1/counters/c03/actions/start', { terminal: 'counter-3', session, body: {} });
      await h.api('POST', '/api/v1/counters/c03/actions/finish', { terminal: 'counter-3', session, body: {} });
    }
    await expect.poll(() => page.getByTestId('remote-counter').textContent().catch(() => null), { timeout: 20_000 }).toBe('请到 3 号窗口');
    await context.close();
  });
});
