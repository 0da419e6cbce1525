// Translation of the issue-4 messages (renderer/shared/i18n/zh-CN-kiosk-rules.ts) with the
// same placeholder rules as t(). Once the lead merges that catalog into messages/zh-CN.ts
// these calls keep working: the merged catalog is tried first.
import { catalogs, interpolate, useLocale, type Locale, type MessageParams } from '../shared/i18n';
import { zhCNKioskRules, type KioskRulesKey } from '../shared/i18n/zh-CN-kiosk-rules';

export type { KioskRulesKey } from '../shared/i18n/zh-CN-kiosk-rules';
export type RulesTranslate = (key: KioskRulesKey, params?: MessageParams) => string;

export function translateRules(locale: Locale, key: KioskRulesKey, params?: MessageParams): string {
  const merged = (catalogs[locale] as Record<string, string | undefined> | undefined)?.[key];
  return interpolate(merged ?? zhCNKioskRules[key] ?? key, params);
}

export function useRulesT(): RulesTranslate {
  const locale = useLocale();
  return (key, params) => translateRules(locale, key, params);
}

/** A key of the issue-4 catalog built from a code, with a fallback for codes it does not know. */
export function rulesKey(prefix: string, code: string | null | undefined, fallback: KioskRulesKey): KioskRulesKey {
  const key = `${prefix}.${code ?? ''}`;
  return key in zhCNKioskRules ? (key as KioskRulesKey) : fallback;
}
