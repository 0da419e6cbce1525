// The visitor's language carried in an address (`lang=`), from the kiosk to the phone: the QR
// code on the kiosk's ticket screen adds the language the ticket was taken in, so the phone
// ticket page (/ticket/) opens in it. zh-CN (the reference) is never added; an unknown or
// missing `lang` means zh-CN.
import type { Locale } from './index';

const carried: readonly Locale[] = ['en', 'mn-Mong'];

/** `url` with `lang=<locale>` added (replacing any), or unchanged for zh-CN. Relative URLs stay relative. */
export function withLocale(url: string, locale: Locale): string {
  if (!carried.includes(locale)) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const query = base.indexOf('?');
  const path = query < 0 ? base : base.slice(0, query);
  const params = new URLSearchParams(query < 0 ? '' : base.slice(query + 1));
  params.set('lang', locale);
  return `${path}?${params.toString()}${fragment}`;
}

/** The language an address asks for (`?lang=en`), or null when it names none this build carries. */
export function localeFromAddress(search: string): Locale | null {
  const lang = new URLSearchParams(search).get('lang');
  return carried.find((l) => l === lang) ?? null;
}
