// Issue 14 (languages) in headless Chromium against a real hall with its demo devices:
// - a visitor with no Chinese: a foreign permanent resident card on the emulated reader
//   switches the kiosk to English by itself; they find their matter by English names and take
//   the right ticket; when they leave, the idle timeout brings the next visitor back to Chinese;
// - Mongolian: chosen on the switch, its font is fetched only then, and the text is laid out
//   vertically and shaped — the run of joined letters renders differently from the same
//   letters forced into isolated forms (a reference rendering made with the same font).
// Mutations checked: removing the card switch in KioskApp fails the first test at the
// language check; dropping writing-mode from mongolian.css fails "taller than wide";
// importing the font eagerly fails "not fetched before"; importing locales/en and
// locales/mn-Mong statically in shared/i18n/index.ts (as before) fails "a cold kiosk downloads
// neither catalog", and so does importing mongolian.css in kiosk/main.tsx (as before).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../helpers/hall-harness.js';
import { artifactPath, launchChromium } from '../helpers/browser.js';

let h: Harness;
let browser: Browser;
let adminSession: string;

beforeAll(async () => {
  // A short idle timeout (the smallest the schema allows) so the reset to Chinese is seen.
  const configPath = demoConfigWith((c) => {
    (c.timeouts as Record<string, number>) = { ...(c.timeouts as Record<string, number>), kioskIdleSeconds: 10 };
  });
  h = await startHarness({ devices: "configured", configPath });
  browser = await launchChromium();
  const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  adminSession = s.body.sessionToken;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openKiosk(): Promise<Page> {
  const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await kiosk.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
  await kiosk.getByTestId('kiosk-take-number').waitFor();
  return kiosk;
}

describe('a cold kiosk', () => {
  it('downloads neither the English nor the Mongolian catalog nor the Mongolian style sheet; they come when chosen', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const bodies: Promise<{ url: string; text: string }>[] = [];
    kiosk.on('response', (res) => {
      const kind = res.request().resourceType();
      if (kind === 'script' || kind === 'stylesheet') bodies.push(res.text().then((text) => ({ url: res.url(), text }), () => ({ url: res.url(), text: '' })));
    });
    await kiosk.goto(h.hall.pages.find((p) => p.terminalId === 'kiosk-1')!.url);
    await kiosk.getByTestId('kiosk-take-number').waitFor();
    await kiosk.waitForLoadState('networkidle');
    // Each catalog is recognised by its own words, whatever chunk the build put it in.
    const english = 'Hello. What would you like to do?'; // en kiosk.start.greeting
    const mongolianStyle = 'html:lang(mn-Mong) .kiosk'; // mongolian.css's kiosk rules
    const holding = async (needle: string) => (await Promise.all(bodies)).filter((b) => b.text.includes(needle)).map((b) => b.url);
    expect(await kiosk.getByTestId('kiosk-take-number').textContent()).toContain('取号');
    expect(await holding(english)).toEqual([]);
    expect(await holding(mongolianStyle)).toEqual([]);
    // The Mongolian catalog: no script holds a run of Mongolian letters longer than the switch's own label.
    const mongolianRuns = (await Promise.all(bodies)).flatMap((b) => (b.text.match(/[\u1820-\u1878\u180e\u202f ]{12,}/g) ?? []).map(() => b.url));
    expect(mongolianRuns).toEqual([]);

    await kiosk.locator('[data-testid="language-switch"] button[lang="en"]').click();
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await kiosk.locator('.kiosk-greeting').textContent()).toBe(english);
    await expect.poll(async () => (await holding(english)).length).toBeGreaterThan(0);
    await kiosk.close();
  }, 60_000);
});

describe('a visitor with no Chinese', () => {
  it('is switched to English by a foreign permanent resident card and takes the right ticket in English', async () => {
    const kiosk = await openKiosk();
    expect(await kiosk.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    const swipe = await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', {
      terminal: 'admin',
      session: adminSession,
      body: { action: 'swipe_card', fixture: 'foreigner-2017' },
    });
    expect(swipe.status).toBe(200);
    // Mutation checked: protocol/agent.ts capping cardType at 20 characters (it was) drops
    // 'foreign_permanent_2017' at the hall, and this card never reaches the kiosk.
    await kiosk.getByTestId('card-identity').waitFor({ timeout: 10_000 });
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang)).toBe('en');
    await kiosk.getByTestId('kiosk-language-by-card').waitFor();

    // The card leads on to the departments: English names, no Chinese needed.
    const tile = kiosk.locator('[data-testid="department-tile"][data-department-id="rsj"]');
    expect(await tile.textContent()).toContain('Social insurance');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-english-departments.png') });
    await tile.click();
    const row = kiosk.locator('[data-testid="matter-row"][data-matter-id="rsj-03"]');
    expect(await row.textContent()).toContain('Social security card (new or replacement)');
    await row.click();

    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent(), { timeout: 10_000 }).toMatch(/^C\d{3}$/);
    const number = (await kiosk.getByTestId('ticket-number').textContent())!;
    expect(await kiosk.getByTestId('ticket-matter').textContent()).toBe('Social security card (new or replacement)');
    const screenText = (await kiosk.getByTestId('ticket-screen').textContent())!;
    expect(screenText).toContain('Your number');
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-english-ticket.png') });

    // The right ticket: the hall issued it for 社会保障卡申领.
    const ticket = [...h.hall.runtime.state.tickets.values()].find((t) => t.number === number);
    expect(ticket?.matterId).toBe('rsj-03');

    // The visitor leaves: after the idle timeout the kiosk is back in Chinese at the start.
    await kiosk.getByTestId('kiosk-start').waitFor({ timeout: 40_000 });
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang), { timeout: 20_000 }).toBe('zh-CN');
    expect(await kiosk.getByTestId('kiosk-take-number').textContent()).toContain('取号');
    await kiosk.close();
  }, 120_000);
});

describe('Mongolian in the traditional script', () => {
  it('loads its font only when chosen, writes top to bottom and shapes the letters', async () => {
    const kiosk = await openKiosk();
    const fontRequests: string[] = [];
    kiosk.on('request', (r) => {
      if (/mongolian/i.test(r.url())) fontRequests.push(r.url());
    });
    expect(fontRequests).toEqual([]); // not fetched before a visitor asks for Mongolian

    await kiosk.locator('[data-testid="language-switch"] button[lang="mn-Mong"]').click();
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang)).toBe('mn-Mong');
    await kiosk.evaluate(() => document.fonts.ready);
    await expect.poll(() => kiosk.evaluate(() => document.fonts.check('32px "Noto Sans Mongolian"', 'ᠮᠣᠩᠭᠣᠯ'))).toBe(true);
    expect(fontRequests.length).toBeGreaterThan(0);

    const greeting = kiosk.locator('.kiosk-greeting');
    expect(await greeting.textContent()).toMatch(/[\u1820-\u1878]/);
    expect(await greeting.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    const box = (await greeting.boundingBox())!;
    expect(box.height).toBeGreaterThan(box.width);
    await kiosk.screenshot({ path: artifactPath('e2e', 'kiosk-mongolian-start.png') });

    // The header's tools are written vertically too, not laid on their side, and no label is cut
    // off: every button whose text is Mongolian is a vertical-lr box, at least as tall as wide,
    // holding its text. Mutation checked: without mongolian.css's `.kiosk-header` rule the four
    // tools (朗读, 呼叫工作人员, 投诉 / 上门服务, 大字) are horizontal-tb boxes wider than tall.
    const tools = await kiosk.locator('.kiosk-header button').evaluateAll((buttons) =>
      buttons
        .filter((b) => /[\u1820-\u1878]/.test(b.textContent ?? ''))
        .map((b) => {
          const box = b.getBoundingClientRect();
          const mode = getComputedStyle(b).writingMode;
          const cut = b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1;
          return `${b.getAttribute('data-testid') ?? b.className}: ${mode}${box.height >= box.width ? '' : ' wider than tall'}${cut ? ' cut off' : ''}`;
        }),
    );
    expect(tools.length).toBeGreaterThanOrEqual(4);
    expect(tools.filter((t) => !/: vertical-lr$/.test(t))).toEqual([]);

    // Reference rendering with the same font: the word as written, and the same letters with
    // ZWNJ between them (each letter in its isolated form). Shaping joins the letters: the run
    // is shorter and its pixels differ from the isolated forms.
    const word = 'ᠮᠣᠩᠭᠣᠯ';
    await kiosk.evaluate((w) => {
      const make = (id: string, text: string) => {
        const el = document.createElement('span');
        el.id = id;
        el.lang = 'mn-Mong';
        el.textContent = text;
        Object.assign(el.style, { writingMode: 'vertical-lr', fontFamily: '"Noto Sans Mongolian"', fontSize: '48px', display: 'inline-block', background: '#fff', color: '#000', lineHeight: '1.2' });
        document.body.append(el);
      };
      make('mn-joined', w);
      make('mn-isolated', [...w].join('\u200c'));
    }, word);
    const joined = (await kiosk.locator('#mn-joined').boundingBox())!;
    const isolated = (await kiosk.locator('#mn-isolated').boundingBox())!;
    expect(joined.height).toBeGreaterThan(joined.width);
    expect(joined.height).toBeLessThan(isolated.height);
    const joinedPng = await kiosk.locator('#mn-joined').screenshot({ path: artifactPath('e2e', 'mongolian-joined.png') });
    const isolatedPng = await kiosk.locator('#mn-isolated').screenshot({ path: artifactPath('e2e', 'mongolian-isolated.png') });
    expect(joinedPng.equals(isolatedPng)).toBe(false);
    // The kiosk's own switch label is that word in the page's Mongolian style: the same glyph run height.
    const label = (await kiosk.locator('[data-testid="language-switch"] button[lang="mn-Mong"]').boundingBox())!;
    expect(label.height).toBeGreaterThan(label.width * 0.8);
    await kiosk.close();
  }, 60_000);
});
