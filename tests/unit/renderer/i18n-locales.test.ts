// The visitor languages (docs/i18n.md): en and mn-Mong translate every key a visitor reads, the
// Mongolian is in the traditional script with Unicode's suffix joiners, English has no Chinese
// left, and the locale store offers what the hall configures and returns to its default.
// Mutations checked: deleting a key from locales/en.ts or mn-Mong-core.ts, a Cyrillic word in
// mn-Mong, or resetLocale() keeping the visitor's choice each fail a test below.
// Lazy catalogs (issue 14, cold load): importing en eagerly in shared/i18n/index.ts fails
// "a fresh page has only zh-CN"; switching before the catalog arrived (applyLocale without
// awaiting loadCatalog) fails "switches once it has arrived"; dropping the `wanted` check fails
// "a later choice wins".
// Keys in shared files a visitor page imports (issue 13: the kiosk's 投诉/上门服务 forms live in
// shared/records/RecordForms.tsx) were missed while only kiosk/ and display/ were read: without
// the import walk in visitorPageSources(), deleting 'records.submit' from en-records.ts passes.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { availableLocales, catalogs, configureLocales, getLocale, loadAllCatalogs, resetLocale, setLocale, translate } from '../../../renderer/shared/i18n';
import { zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';
import { isVisitorKey, VISITOR_KEY_PREFIXES } from '../../../renderer/shared/i18n/visitor-keys';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The other languages are fetched on demand; the checks below read them all.
await loadAllCatalogs();

const visitorKeys = Object.keys(zhCN).filter(isVisitorKey);
/** Keys whose text is Chinese on purpose in every language (the start screen's second line). */
const CHINESE_ON_PURPOSE = new Set(['kiosk.start.idHintSecondary']);
const withoutPlaceholders = (s: string) => s.replace(/\{\w+\}/g, '');

const rendererDir = join(import.meta.dirname, '../../../renderer');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? sources(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));

/**
 * The kiosk's and the hall display's sources and every renderer file they import, transitively
 * (a form shared with the counter page, e.g. shared/records/RecordForms.tsx, is shown to
 * visitors too). The catalogs themselves (shared/i18n) hold every key and are left out.
 */
/** Shared files a visitor page imports only for helpers, whose texts staff read: not followed. */
const STAFF_TEXT_FILES = [
  'shared/api/token.ts', // enrolment errors: the technician setting up the terminal reads them
  'shared/devices/devices.ts', // device kind and health labels: technician and admin pages
].map((f) => join(rendererDir, f));

function visitorPageSources(): string[] {
  const seen = new Set<string>(STAFF_TEXT_FILES);
  const i18nDir = join(rendererDir, 'shared', 'i18n');
  const queue = [...sources(join(rendererDir, 'kiosk')), ...sources(join(rendererDir, 'display'))];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.startsWith(i18nDir)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = join(dirname(file), m[1]!);
      const found = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile() && /\.tsx?$/.test(f));
      if (found && found.startsWith(rendererDir)) queue.push(found);
    }
  }
  return [...seen].filter((f) => !STAFF_TEXT_FILES.includes(f));
}

/** Keys written in the visitor pages' sources (visitorPageSources): all of them must be translated. */
function keysUsedOnVisitorPages(): string[] {
  const used = new Set<string>();
  for (const file of visitorPageSources()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([a-zA-Z]+\.[\w.]+)'/g)) if (m[1]! in zhCN) used.add(m[1]!);
  }
  return [...used];
}

test('every catalog key the kiosk and the hall display use is translated, whatever its prefix', () => {
  const used = keysUsedOnVisitorPages();
  expect(used.length).toBeGreaterThan(100);
  expect(VISITOR_KEY_PREFIXES).toContain('kiosk.');
  for (const locale of ['en', 'mn-Mong'] as const) {
    expect(used.filter((k) => !catalogs[locale]![k as keyof typeof zhCN]?.trim()), locale).toEqual([]);
  }
});

describe.each(['en', 'mn-Mong'] as const)('the %s catalog', (locale) => {
  const catalog = catalogs[locale]!;

  test('translates every key a visitor reads on the kiosk and the hall display', () => {
    expect(visitorKeys.length).toBeGreaterThan(250);
    expect(visitorKeys.filter((k) => !catalog[k as keyof typeof catalog]?.trim())).toEqual([]);
  });

  test('has no key zh-CN does not have (a renamed key is not left behind)', () => {
    expect(Object.keys(catalog).filter((k) => !(k in zhCN))).toEqual([]);
  });

  test('leaves no Chinese in a translation', () => {
    const chinese = Object.entries(catalog).filter(([k, v]) => !CHINESE_ON_PURPOSE.has(k) && /[\u4e00-\u9fff]/.test(v!));
    expect(chinese).toEqual([]);
  });
});

describe('the Mongolian catalog', () => {
  const entries = Object.entries(catalogs['mn-Mong']!).filter(([k]) => !CHINESE_ON_PURPOSE.has(k));

  test('is written in the traditional script: Mongolian letters, no Cyrillic, Latin only in codes', () => {
    for (const [key, text] of entries) {
      const plain = withoutPlaceholders(text!);
      expect(/[\u0400-\u04ff]/.test(plain), `${key} has Cyrillic`).toBe(false);
      // Latin is allowed only for codes a visitor types or sees printed (BDC, QR, X, ?counter=).
      expect(plain.replace(/\b(BDC|QR|X|sbk)\b|\?counter=/g, '').match(/[A-Za-z]{2,}/), key).toBeNull();
      if (/\p{L}/u.test(plain)) expect(/[\u1820-\u1878]/.test(plain), `${key} has no Mongolian letters`).toBe(true);
    }
  });

  test('joins case suffixes with NNBSP and separates final a/e with MVS, never after a space', () => {
    for (const [key, text] of entries) {
      expect(/ [\u202f\u180e]|[\u202f\u180e] /.test(text!), key).toBe(false);
      // MVS only stands before the final vowels a (U+1820) and e (U+1821).
      for (const m of text!.matchAll(/\u180e(.)/gu)) expect(['\u1820', '\u1821'], key).toContain(m[1]);
    }
    // The genitive after "ticket number" (ᠳ᠋ᠤᠭᠠᠷ + ᠤᠨ) is attached with NNBSP, not a space.
    expect(translate('mn-Mong', 'kiosk.ticket.takeIt')).toContain('\u1833\u180b\u1824\u182d\u1820\u1837\u202f\u1824\u1828');
  });
});

describe('catalogs loaded when a language is needed', () => {
  /** The i18n module as a page's first load has it: nothing fetched yet. */
  async function freshI18n() {
    vi.resetModules();
    return import('../../../renderer/shared/i18n');
  }

  test('a fresh page has only zh-CN; English arrives when chosen and the page switches once it has arrived', async () => {
    const i18n = await freshI18n();
    expect(Object.keys(i18n.catalogs)).toEqual(['zh-CN']);
    i18n.configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] }, true);
    expect(i18n.availableLocales()).toEqual(['zh-CN', 'en', 'mn-Mong']); // offered before loaded
    const switching = i18n.setLocale('en');
    expect(i18n.getLocale()).toBe('zh-CN'); // never English keys shown in Chinese fallback
    await switching;
    expect(i18n.getLocale()).toBe('en');
    expect(Object.keys(i18n.catalogs).sort()).toEqual(['en', 'zh-CN']); // Mongolian still not fetched
    expect(i18n.translate('en', 'kiosk.start.takeNumber')).toBe('Take a number');
  });

  test('a later choice wins over a catalog still on its way', async () => {
    const i18n = await freshI18n();
    i18n.configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] }, true);
    const slow = i18n.setLocale('mn-Mong');
    await i18n.setLocale('zh-CN');
    await slow;
    expect(i18n.getLocale()).toBe('zh-CN');
  });

  test('a hall whose default is another language loads that catalog and starts in it', async () => {
    const i18n = await freshI18n();
    i18n.configureLocales({ default: 'en', kiosk: ['zh-CN', 'en'] }, true);
    await i18n.loadCatalog('en');
    await vi.waitFor(() => expect(i18n.getLocale()).toBe('en'));
    expect(i18n.catalogs['mn-Mong']).toBeUndefined();
  });
});

describe('the locale store', () => {
  beforeEach(() => configureLocales({ default: 'zh-CN', kiosk: ['zh-CN'] }, true));

  test('offers only zh-CN until the hall configures more, so the switch stays hidden', () => {
    expect(availableLocales()).toEqual(['zh-CN']);
    setLocale('en');
    expect(getLocale()).toBe('zh-CN');
  });

  test('offers the hall’s languages in its order; a visitor’s choice is undone by resetLocale()', () => {
    configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] }, true);
    expect(availableLocales()).toEqual(['zh-CN', 'en', 'mn-Mong']);
    setLocale('mn-Mong');
    expect(getLocale()).toBe('mn-Mong');
    // A settings refresh keeps the visitor's choice…
    configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] });
    expect(getLocale()).toBe('mn-Mong');
    // …and the idle reset returns to the hall's default.
    resetLocale();
    expect(getLocale()).toBe('zh-CN');
  });

  test('a hall whose default is Mongolian starts and returns there', () => {
    configureLocales({ default: 'mn-Mong', kiosk: ['zh-CN', 'mn-Mong'] }, true);
    expect(getLocale()).toBe('mn-Mong');
    setLocale('zh-CN');
    resetLocale();
    expect(getLocale()).toBe('mn-Mong');
    expect(translate(getLocale(), 'kiosk.start.takeNumber')).toMatch(/[\u1820-\u1878]/);
  });

  test('a staff key without a translation falls back to zh-CN', () => {
    expect(translate('en', 'counterPage.title')).toBe(zhCN['counterPage.title']);
  });
});
