// Translations with styled parts: the template's {placeholders} become React nodes, so a
// sentence stays whole in the catalog (word order differs between languages) while the
// ticket number inside it can be styled on its own.
import { Fragment, type ReactNode } from 'react';
import { useLocale, translate, type MessageKey } from './index';

export function useRichT(): (key: MessageKey, parts: Record<string, ReactNode>) => ReactNode {
  const locale = useLocale();
  return (key, parts) => {
    // Translate with sentinel params, then split on them.
    const marks: Record<string, string> = {};
    for (const name of Object.keys(parts)) marks[name] = `\u0000${name}\u0000`;
    const text = translate(locale, key, marks);
    return text.split('\u0000').map((piece, i) => (i % 2 === 1 && piece in parts ? <Fragment key={i}>{parts[piece]}</Fragment> : piece));
  };
}
