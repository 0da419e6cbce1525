// The hall display's second language (settings.languages.displaySecond, docs/i18n.md): where a
// hall sets "mn-Mong", each heading and counter name also shows in Mongolian, written
// vertically beside the Chinese, as Inner Mongolia's bilingual public signage does. The font
// and the catalog are fetched only for such a hall. Ticket numbers are the same in both and
// are not repeated.
import { createContext, useContext, useEffect, useState } from 'react';
import { loadCatalog, translate, type MessageKey, type MessageParams } from '../shared/i18n';
import { loadMongolianFont } from '../shared/i18n/mongolian-font';

export const SecondLanguageContext = createContext<'mn-Mong' | null>(null);

/**
 * Call once with the hall's setting: loads the font and the catalog when a second language is
 * on, and returns it once its catalog is here (null before, and for Chinese only).
 */
export function useSecondLanguage(second: 'mn-Mong' | null | undefined): 'mn-Mong' | null {
  const [ready, setReady] = useState<'mn-Mong' | null>(null);
  useEffect(() => {
    if (!second) return undefined;
    let live = true;
    loadMongolianFont();
    loadCatalog(second).then(
      () => {
        if (live) setReady(second);
      },
      () => undefined, // the next settings refresh tries again
    );
    return () => {
      live = false;
    };
  }, [second]);
  return second && ready === second ? second : null;
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
