// The visitor's language carried from the kiosk's QR code to the phone ticket page (issue 14):
// withLocale() adds `lang=` for English and Mongolian only, keeping the address's own query
// (the ticket's id and key) and fragment; localeFromAddress() reads back only languages the
// page can show. Mutations checked: withLocale returning the URL unchanged fails the first
// test; localeFromAddress accepting any string fails "an unknown language".
import { describe, expect, test } from 'vitest';
import { localeFromAddress, withLocale } from '../../../renderer/shared/i18n/address-locale';

describe('withLocale', () => {
  test('adds the language to a relative progress address, keeping id and key', () => {
    const url = withLocale('/ticket/?id=t1&key=k%2F1', 'mn-Mong');
    const params = new URLSearchParams(url.slice(url.indexOf('?')));
    expect(url.startsWith('/ticket/?')).toBe(true);
    expect([params.get('id'), params.get('key'), params.get('lang')]).toEqual(['t1', 'k/1', 'mn-Mong']);
  });
  test('replaces a language already there and keeps a fragment', () => {
    expect(withLocale('https://hall.example/ticket/?id=t1&lang=en#top', 'mn-Mong')).toBe('https://hall.example/ticket/?id=t1&lang=mn-Mong#top');
  });
  test('leaves the address as it is for Chinese', () => {
    expect(withLocale('/ticket/?id=t1&key=k', 'zh-CN')).toBe('/ticket/?id=t1&key=k');
  });
});

describe('localeFromAddress', () => {
  test('reads English and Mongolian', () => {
    expect([localeFromAddress('?id=t1&lang=mn-Mong'), localeFromAddress('?lang=en&id=t1')]).toEqual(['mn-Mong', 'en']);
  });
  test('an unknown language, Chinese or none: null (the page stays in Chinese)', () => {
    expect(['?lang=fr', '?lang=zh-CN', '?id=t1', '', '?lang=MN-MONG'].map(localeFromAddress)).toEqual([null, null, null, null, null]);
  });
});
