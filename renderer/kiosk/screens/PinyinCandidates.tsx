// The candidate bar of the on-screen pinyin keyboard: the letters being typed (the
// trailing letters of the search box) and, page by page, the words and characters they
// spell (renderer/kiosk/pinyin/dictionary.ts). Mounted only while the keyboard is open:
// the dictionary chunk loads then, never on a cold kiosk. A touch on a candidate puts it
// in place of the letters it spells.
import { useEffect, useMemo, useState } from 'react';
import type { MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { compositionOf, pinyinCandidates, vocabularyOf, type PinyinDictionary } from '../pinyin/dictionary';
import { loadPinyinDictionary } from '../pinyin/load';

/** Candidates per page: one row of the bar (fewer, larger ones in 大字). */
const PER_PAGE = 8;
const PER_PAGE_LARGE = 6;

export interface PinyinCandidatesProps {
  query: string;
  matters: readonly MatterDTO[];
  /** Replace the first `consumes` letters of the composition (at the end of the query) by `text`. */
  onPick: (text: string, consumes: number) => void;
}

type Load = { state: 'loading' } | { state: 'ready'; dict: PinyinDictionary } | { state: 'failed' };

export function PinyinCandidates({ query, matters, onPick }: PinyinCandidatesProps) {
  const t = useT();
  const [largeType] = useLargeType();
  const perPage = largeType ? PER_PAGE_LARGE : PER_PAGE;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const letters = compositionOf(query);
  // The page belongs to the letters it was turned for: new letters start at the first page.
  const [paging, setPaging] = useState({ letters, page: 0 });
  const page = paging.letters === letters ? paging.page : 0;
  const setPage = (p: number) => setPaging({ letters, page: p });

  useEffect(() => {
    let live = true;
    loadPinyinDictionary()
      .then((dict) => live && setLoad({ state: 'ready', dict }))
      .catch(() => live && setLoad({ state: 'failed' }));
    return () => {
      live = false;
    };
  }, []);

  const vocabulary = useMemo(() => vocabularyOf(matters), [matters]);
  const all = useMemo(() => (load.state === 'ready' ? pinyinCandidates(letters, vocabulary, load.dict) : []), [load, letters, vocabulary]);
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const shown = all.slice(page * perPage, (page + 1) * perPage);

  return (
    <div className="kiosk-pinyin" role="group" aria-label={t('kiosk.pinyin.label')} data-testid="pinyin-bar" data-state={load.state} data-letters={letters}>
      <span className="kiosk-pinyin-typed" data-testid="pinyin-typed">
        {letters ? t('kiosk.pinyin.typed', { letters }) : t('kiosk.pinyin.hint')}
      </span>
      {load.state === 'loading' && letters ? <span className="kiosk-pinyin-note">{t('kiosk.pinyin.loading')}</span> : null}
      {load.state === 'failed' ? <span className="kiosk-pinyin-note">{t('kiosk.pinyin.failed')}</span> : null}
      {load.state === 'ready' && letters && all.length === 0 ? <span className="kiosk-pinyin-note">{t('kiosk.pinyin.none')}</span> : null}
      {shown.length ? (
        <div className="kiosk-pinyin-list">
          {page > 0 ? (
            <button type="button" className="kiosk-pinyin-page" onClick={() => setPage(page - 1)} aria-label={t('kiosk.pinyin.back')} data-testid="pinyin-prev">
              ‹
            </button>
          ) : null}
          {shown.map((c) => (
            <button
              type="button"
              key={`${c.kind}:${c.text}`}
              className={`kiosk-pinyin-candidate kiosk-pinyin-${c.kind}`}
              onClick={() => onPick(c.text, c.consumes)}
              data-testid="pinyin-candidate"
              data-text={c.text}
              data-kind={c.kind}
            >
              {c.text}
            </button>
          ))}
          {page < pages - 1 ? (
            <button type="button" className="kiosk-pinyin-page" onClick={() => setPage(page + 1)} aria-label={t('kiosk.pinyin.more')} data-testid="pinyin-next">
              ›
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
