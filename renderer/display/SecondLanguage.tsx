// The hall display's second language (settings.languages.displaySecond, docs/i18n.md): where a
// hall sets "mn-Mong", each heading and counter name also shows in Mongolian, written
// vertically beside the Chinese, as Inner Mongolia's bilingual public signage does. The font
// is fetched only for such a hall. Ticket numbers are the same in both and are not repeated.
import { createContext, useContext, useEffect } from 'react';
import { translate, type MessageKey, type MessageParams } from '../shared/i18n';
import { loadMongolianFont } from '../shared/i18n/mongolian-font';

export const SecondLanguageContext = createContext<'mn-Mong' | null>(null);

/** Call once with the hall's setting: loads the font when a second language is on. */
export function useSecondLanguageFont(second: 'mn-Mong' | null | undefined): void {
  useEffect(() => {
    if (second) loadMongolianFont();
  }, [second]);
}

/** The text of `k` in the second language, or nothing when the hall shows Chinese only. */
export function Second({ k, params }: { k: MessageKey; params?: MessageParams }) {
  const second = useContext(SecondLanguageContext);
  if (!second) return null;
  return (
    <span className="display-second" lang={second} data-testid="display-second">
      {translate(second, k, params)}
    </span>
  );
}
