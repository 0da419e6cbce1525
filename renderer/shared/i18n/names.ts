// Names the hall configures (departments, queues, matters, green categories) in the visitor's
// language: `names.en` / `names['mn-Mong']` from the hall configuration, else the Chinese name.
// A hall that translates nothing still works: every visitor sees the Chinese names.
import type { LocalizedNamesDTO } from '../../../hall/api/dto';
import { useLocale, type Locale } from './index';

export function localName(chinese: string, names: LocalizedNamesDTO | undefined, locale: Locale): string {
  if (locale === 'zh-CN') return chinese;
  return names?.[locale]?.trim() || chinese;
}

/** In components: `const name = useLocalName(); name(d.name, d.names)`. */
export function useLocalName(): (chinese: string, names: LocalizedNamesDTO | undefined) => string {
  const locale = useLocale();
  return (chinese, names) => localName(chinese, names, locale);
}
