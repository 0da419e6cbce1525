// The i18n layer: every UI string goes through t(key, params).
// Contract: zh-CN is the reference catalog and the fallback. en and mn-Mong translate every
// visitor key (visitor-keys.ts); staff pages fall back to zh-CN. Which locales a page offers
// and which one it returns to comes from the hall (settings.languages, docs/i18n.md): until a
// page says so, only zh-CN is offered and the language switch stays hidden.
// The locale is per visitor: never persisted, back to the hall's default on resetLocale().
// Only zh-CN is in a page's first load. Another language's catalog (and for mn-Mong its style
// sheet and font) is fetched when it is first needed — a visitor chooses it, a card asks for
// it, or the hall's default is that language — and the page switches once it has arrived, so
// a cold kiosk never downloads what nobody asked for (bench/kiosk-load.ts).
import { useSyncExternalStore } from 'react';
import { zhCN, type MessageKey } from './messages/zh-CN';
import { loadMongolianFont } from './mongolian-font';

export type { MessageKey } from './messages/zh-CN';
export type Locale = 'zh-CN' | 'mn-Mong' | 'en';
export type MessageParams = Record<string, string | number>;
export type { Catalog } from './catalog-types';
import type { Catalog } from './catalog-types';
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const defaultLocale: Locale = 'zh-CN';

/** Catalogs loaded so far: zh-CN always, the others once loadCatalog() has fetched them. */
export const catalogs: Partial<Record<Locale, Catalog>> = { 'zh-CN': zhCN };

/** Every language this build ships, each its own chunk (Mongolian brings its style sheet). */
const catalogLoaders: Record<Exclude<Locale, 'zh-CN'>, () => Promise<Catalog>> = {
  en: () => import('./locales/en').then((m) => m.en),
  'mn-Mong': () => Promise.all([import('./locales/mn-Mong'), import('../styles/mongolian.css')]).then(([m]) => m.mnMong),
};
const shipped = (l: Locale): boolean => l === defaultLocale || l in catalogLoaders;
const pending = new Map<Locale, Promise<Catalog>>();

/**
 * The catalog of `locale`, fetched once. A failed fetch (a kiosk that lost the hall mid-load)
 * is forgotten so the next choice tries again; the page stays in its current language.
 */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  const loaded = catalogs[locale];
  if (loaded) return Promise.resolve(loaded);
  let loading = pending.get(locale);
  if (!loading) {
    loading = catalogLoaders[locale as Exclude<Locale, 'zh-CN'>]().then(
      (catalog) => {
        catalogs[locale] = catalog;
        return catalog;
      },
      (error: unknown) => {
        pending.delete(locale);
        throw error;
      },
    );
    pending.set(locale, loading);
  }
  return loading;
}

/** Every shipped catalog (tests that check them all, tools). */
export async function loadAllCatalogs(): Promise<void> {
  await Promise.all((Object.keys(catalogLoaders) as Locale[]).map(loadCatalog));
}

/** Native names for the language switch: shown in their own script. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', 'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ', en: 'English' };

let offered: Locale[] = [defaultLocale];
let hallDefault: Locale = defaultLocale;

/** Locales this page offers, in the hall's order (only those this build ships). */
export function availableLocales(): Locale[] {
  return offered.filter(shipped);
}

/**
 * The hall's language settings (HallInfoDTO.settings.languages): what the switch offers and the
 * default a page returns to. Switches to the new default only when `apply` (the kiosk at start
 * and when idle), so a visitor's choice survives a settings refresh.
 */
export function configureLocales(languages: { default: Locale; kiosk: readonly Locale[] }, apply = false): void {
  const list = languages.kiosk.filter(shipped);
  offered = list.length ? list : [defaultLocale];
  hallDefault = offered.includes(languages.default) ? languages.default : offered[0]!;
  if (apply || !offered.includes(current)) void setLocale(hallDefault);
  else listeners.forEach((l) => l());
}

export function hallDefaultLocale(): Locale {
  return hallDefault;
}

/** Back to the hall's default: the next visitor starts there (kiosk idle, home after a ticket). */
export function resetLocale(): void {
  void setLocale(hallDefault);
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

/** The locale the latest setLocale() asked for: a slow catalog must not override a later choice. */
let wanted: Locale = defaultLocale;

/**
 * Switches to `locale` (one the page offers). At once when its catalog is loaded; otherwise
 * after loadCatalog(), unless another choice came meanwhile. Resolves when the page shows it
 * (or the switch was dropped).
 */
export function setLocale(locale: Locale): Promise<void> {
  if (!shipped(locale) || !offered.includes(locale)) return Promise.resolve();
  wanted = locale;
  if (catalogs[locale]) {
    applyLocale(locale);
    return Promise.resolve();
  }
  return loadCatalog(locale).then(
    () => {
      if (wanted === locale && offered.includes(locale)) applyLocale(locale);
    },
    () => undefined,
  );
}

function applyLocale(locale: Locale): void {
  if (locale === current) return;
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
