// The i18n layer: every UI string goes through t(key, params).
// Contract: zh-CN is the reference catalog and the fallback. en and mn-Mong translate every
// visitor key (visitor-keys.ts); staff pages fall back to zh-CN. Which locales a page offers
// and which one it returns to comes from the hall (settings.languages, docs/i18n.md): until a
// page says so, only zh-CN is offered and the language switch stays hidden.
// The locale is per visitor: never persisted, back to the hall's default on resetLocale().
import { useSyncExternalStore } from 'react';
import { zhCN, type MessageKey } from './messages/zh-CN';
import { en } from './locales/en';
import { mnMong } from './locales/mn-Mong';
import { loadMongolianFont } from './mongolian-font';

export type { MessageKey } from './messages/zh-CN';
export type Locale = 'zh-CN' | 'mn-Mong' | 'en';
export type MessageParams = Record<string, string | number>;
export type { Catalog } from './catalog-types';
import type { Catalog } from './catalog-types';
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const defaultLocale: Locale = 'zh-CN';

/** Catalogs shipped in this build. */
export const catalogs: Partial<Record<Locale, Catalog>> = { 'zh-CN': zhCN, en, 'mn-Mong': mnMong };

/** Native names for the language switch: shown in their own script. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', 'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ', en: 'English' };

let offered: Locale[] = [defaultLocale];
let hallDefault: Locale = defaultLocale;

/** Locales this page offers, in the hall's order (only those with a catalog). */
export function availableLocales(): Locale[] {
  return offered.filter((l) => catalogs[l] !== undefined);
}

/**
 * The hall's language settings (HallInfoDTO.settings.languages): what the switch offers and the
 * default a page returns to. Switches to the new default only when `apply` (the kiosk at start
 * and when idle), so a visitor's choice survives a settings refresh.
 */
export function configureLocales(languages: { default: Locale; kiosk: readonly Locale[] }, apply = false): void {
  const list = languages.kiosk.filter((l) => catalogs[l] !== undefined);
  offered = list.length ? list : [defaultLocale];
  hallDefault = offered.includes(languages.default) ? languages.default : offered[0]!;
  if (apply || !offered.includes(current)) setLocale(hallDefault);
  else listeners.forEach((l) => l());
}

export function hallDefaultLocale(): Locale {
  return hallDefault;
}

/** Back to the hall's default: the next visitor starts there (kiosk idle, home after a ticket). */
export function resetLocale(): void {
  setLocale(hallDefault);
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale]?.[key] ?? zhCN[key] ?? key;
  return interpolate(template, params);
}

// Current locale: a tiny store so React re-renders on a switch.
let current: Locale = defaultLocale;
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (!catalogs[locale] || !offered.includes(locale) || locale === current) return;
  current = locale;
  if (locale === 'mn-Mong') loadMongolianFont();
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  listeners.forEach((l) => l());
}

function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** t() outside React (e.g. document.title). Inside components use useT() so a switch re-renders. */
export const t: Translate = (key, params) => translate(current, key, params);

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

export function useT(): Translate {
  const locale = useLocale();
  return (key, params) => translate(locale, key, params);
}
