// 线上取号 on the phone page central serves (/m/?hall=…&view=remote), in headless Chromium against the
// real central (PostgreSQL) and the real hall: a wrong ID number is refused in plain words; a good one
// takes a remote ticket whose code and QR show; checked in at the kiosk (kiosk API, with the QR's text),
// the page shows the ticket's number, then the counter once called. Needs dist/renderer.
// Checked against: RemoteScreen not keeping the remote ticket in the address (the reload shows the form
// again: fails).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startHallWithCentral, type HallWithCentral } from '../helpers/hall-with-central.js';
import { computeCheckDigit } from '../../drivers/idcard/id-number.js';
import type { RemoteCheckInResponse } from '../../hall/api/remote-tickets-dto.js';

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

    let checkedIn: RemoteCheckInResponse | null = null;
    await expect.poll(async () => {
      const r = await h.api<RemoteCheckInResponse>('POST', '/api/v1/kiosk/remote-check-in', { terminal: 'kiosk-1', body: { method: 'qr', text: qrText } });
      if (r.status === 201) checkedIn = r.body;
      return r.status;
    }, { timeout: 20_000 }).toBe(201);
    const number = checkedIn!.ticket.number;
    await expect.poll(() => page.getByTestId('remote-ticket').getAttribute('data-state'), { timeout: 20_000 }).toBe('checked_in');
    expect(await page.getByRole('status').textContent()).toBe(`已签到，号码 ${number}`);

    const session = (await h.signIn('c03', '1003')).sessionToken;
    for (let i = 0; i < 30; i++) {
      const called = await h.api<{ current: { id: string } | null }>('POST', '/api/v1/counters/c03/actions/call-next', { terminal: 'counter-3', session, body: {} });
      if (called.body.current?.id === checkedIn!.ticket.id) break;
      await h.api('POST', '/api/v1/counters/c03/actions/start', { terminal: 'counter-3', session, body: {} });
      await h.api('POST', '/api/v1/counters/c03/actions/finish', { terminal: 'counter-3', session, body: {} });
    }
    await expect.poll(() => page.getByTestId('remote-counter').textContent().catch(() => null), { timeout: 20_000 }).toBe('请到 3 号窗口');
    await context.close();
  });
});
