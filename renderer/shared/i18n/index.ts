// The i18n layer: every UI string goes through t(key, params).
// Contract: zh-CN is the reference catalog and the fallback; a locale is offered to
// visitors only once its catalog is registered here (mn-Mong and en are planned), so the
// language switch stays hidden while zh-CN is the only one.
import { useSyncExternalStore } from 'react';
import { zhCN, type MessageKey } from './messages/zh-CN';

export type { MessageKey } from './messages/zh-CN';
export type Locale = 'zh-CN' | 'mn-Mong' | 'en';
export type MessageParams = Record<string, string | number>;
export type Catalog = Partial<Record<MessageKey, string>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const defaultLocale: Locale = 'zh-CN';

/** Catalogs shipped in this build. Add `'mn-Mong': mnMong` here when it exists. */
export const catalogs: Partial<Record<Locale, Catalog>> = { 'zh-CN': zhCN };

/** Native names for the language switch: shown in their own script. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', 'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ', en: 'English' };

export function availableLocales(): Locale[] {
  return (Object.keys(catalogs) as Locale[]).filter((l) => catalogs[l] !== undefined);
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
const LOCALE_KEY = 'servicehall.locale';
let current: Locale = readStoredLocale();
const listeners = new Set<() => void>();

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_KEY) as Locale | null;
    if (stored && catalogs[stored]) return stored;
  } catch {
    // storage blocked: fall back to the default
  }
  return defaultLocale;
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (!catalogs[locale] || locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  } catch {
    // not persisted; still switched for this page
  }
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
