import { availableLocales, localeNames, setLocale, useLocale, useT } from '../i18n';

/** Hidden until a second locale's catalog is registered (mn-Mong and en are planned). */
export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const current = useLocale();
  const locales = availableLocales();
  if (locales.length < 2) return null;
  return (
    <div className={`language-switch ${className ?? ''}`} role="group" aria-label={t('app.language')} data-testid="language-switch">
      {locales.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === current} onClick={() => void setLocale(l)}>
          {localeNames[l]}
        </button>
      ))}
    </div>
  );
}
