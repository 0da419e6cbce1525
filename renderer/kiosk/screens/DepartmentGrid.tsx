// The department step shared by 取号 and 办事指南: a search box (with the on-screen
// keyboard and its pinyin candidate bar), the common matters as one-touch chips, then
// either the search results or the department tiles, each paged. The
// screens differ in how a matter row looks (取号 greys out matters that cannot get a
// ticket now, the guide lists every matter as touchable), in their texts and test ids,
// and in whether a tile shows its waiting count: those come in as props.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DepartmentDTO, HallInfoDTO, MatterDTO } from '../../../hall/api/dto';
import { useT, type MessageKey } from '../../shared/i18n';
import { useLocalName } from '../../shared/i18n/names';
import { useLargeType } from '../../shared/i18n/largeType';
import { DepartmentIcon, KeyboardIcon, SearchIcon } from '../../shared/components/Icons';
import { prepareSearch, searchMatters } from '../../shared/search/matterSearch';
import { pageOf, pageSize } from '../paging';
import { usePortrait } from '../useKioskLayout';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { PinyinCandidates } from './PinyinCandidates';
import { MatterChips } from './MatterChips';
import '../search.css';
import { Pager } from './Pager';

/** What a department-step screen (取号 or 办事指南) is given by the kiosk. */
export interface DepartmentStepProps {
  hall: HallInfoDTO;
  query: string;
  onQuery: (q: string) => void;
  onDepartment: (d: DepartmentDTO) => void;
  onMatter: (m: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
}

export interface DepartmentGridTestIds {
  searchInput: string;
  keyboardToggle: string;
  results: string;
  none: string;
  tile: string;
}

export interface DepartmentGridProps {
  hall: HallInfoDTO;
  query: string;
  onQuery: (q: string) => void;
  onDepartment: (d: DepartmentDTO) => void;
  /** One page of search results; `departments` names each matter's department. */
  renderMatters: (matters: MatterDTO[], departments: Map<string, DepartmentDTO>) => ReactNode;
  /** The "{count} matters found" line above the search results. */
  resultsKey: MessageKey;
  /** Shown when no department has any matter. */
  emptyKey: MessageKey;
  /** Show each department's waiting count on its tile. */
  showWaiting: boolean;
  /** A touch on a common-matter chip (as on the matter's row); no chips without it. */
  onMatter?: (m: MatterDTO) => void;
  /** The chips cannot be touched now (a ticket is being issued). */
  chipsDisabled?: boolean;
  testIds: DepartmentGridTestIds;
}

export function DepartmentGrid({ hall, query, onQuery, onDepartment, renderMatters, resultsKey, emptyKey, showWaiting, testIds, onMatter, chipsDisabled }: DepartmentGridProps) {
  const t = useT();
  const localName = useLocalName();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const [keyboard, setKeyboard] = useState(false);
  const [page, setPage] = useState(0);
  const [resultPage, setResultPage] = useState(0);

  const departments = useMemo(() => new Map(hall.departments.map((d) => [d.id, d])), [hall.departments]);
  // Departments without any matter would be a dead end.
  const withMatters = useMemo(
    () => hall.departments.filter((d) => hall.matters.some((m) => m.departmentId === d.id)),
    [hall.departments, hall.matters],
  );
  const results = useMemo(() => searchMatters(hall.matters, query), [hall.matters, query]);
  // Index the matters while the visitor looks at the screen, not on the first keystroke.
  useEffect(() => {
    const timer = setTimeout(() => prepareSearch(hall.matters), 50);
    return () => clearTimeout(timer);
  }, [hall.matters]);
  const searching = query.trim().length > 0;

  // The keyboard takes the lower part of the screen: fewer items per page while it is open, and
  // two in 大字, whose rows and keys are taller.
  const perPage = (kind: 'departments' | 'matters') => (largeType && keyboard ? 2 : pageSize(kind, largeType || keyboard, portrait));
  const tiles = pageOf(withMatters, page, perPage('departments'));
  const found = pageOf(results, resultPage, perPage('matters'));

  const type = (next: string) => {
    onQuery(next);
    setResultPage(0);
  };

  return (
    <>
      <div className="kiosk-search">
        <label className="kiosk-search-box">
          <SearchIcon className="kiosk-search-icon" />
          <span className="visually-hidden">{t('kiosk.search.label')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('kiosk.search.placeholder')}
            onChange={(e) => type(e.target.value)}
            onFocus={() => setKeyboard(true)}
            inputMode={keyboard ? 'none' : 'search'}
            autoComplete="off"
            data-testid={testIds.searchInput}
          />
        </label>
        <button
          type="button"
          className="big-button secondary kiosk-keyboard-toggle"
          aria-pressed={keyboard}
          onClick={() => setKeyboard(!keyboard)}
          data-testid={testIds.keyboardToggle}
        >
          <KeyboardIcon width="1.4em" height="1.4em" />
          <span className="visually-hidden">{keyboard ? t('kiosk.keyboard.hide') : t('kiosk.keyboard.show')}</span>
        </button>
        {onMatter && !portrait && !searching && !keyboard ? <MatterChips matters={hall.matters} count={largeType ? 2 : 4} onPick={onMatter} disabled={chipsDisabled} inline /> : null}
      </div>

      {onMatter && portrait && !searching && !keyboard ? <MatterChips matters={hall.matters} count={largeType ? 4 : 6} onPick={onMatter} disabled={chipsDisabled} /> : null}

      {searching ? (
        <section className="kiosk-results" data-testid={testIds.results} data-count={results.length}>
          {results.length ? (
            <>
              <p className="kiosk-hint">{t(resultsKey, { count: results.length })}</p>
              {renderMatters(found.items, departments)}
              <Pager page={found.page} pages={found.pages} onPage={setResultPage} />
            </>
          ) : (
            <p className="kiosk-empty" data-testid={testIds.none}>
              {t('kiosk.search.none')}
            </p>
          )}
        </section>
      ) : withMatters.length === 0 ? (
        <p className="kiosk-empty">{t(emptyKey)}</p>
      ) : (
        <>
          <ul className="kiosk-tiles">
            {tiles.items.map((d) => (
              <li key={d.id}>
                <button type="button" className="kiosk-tile" onClick={() => onDepartment(d)} data-testid={testIds.tile} data-department-id={d.id}>
                  <DepartmentIcon name={d.icon} className="kiosk-tile-icon" />
                  <span className="kiosk-tile-name">{localName(d.name, d.names)}</span>
                  {showWaiting ? (
                    <span className="kiosk-tile-waiting" data-testid="department-waiting">
                      {t('wait.waitingPeople', { count: d.waiting })}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          <Pager page={tiles.page} pages={tiles.pages} onPage={setPage} />
        </>
      )}

      {keyboard ? (
        <OnScreenKeyboard
          onKey={(ch) => type(query + ch)}
          onDelete={() => type([...query].slice(0, -1).join(''))}
          onClear={() => type('')}
          onHide={() => setKeyboard(false)}
          top={<PinyinCandidates query={query} matters={hall.matters} onPick={(text, consumes) => type(pick(query, text, consumes))} />}
        />
      ) : null}
    </>
  );
}

/** The query after a candidate replaces the first `consumes` letters of its trailing letters. */
export function pick(query: string, text: string, consumes: number): string {
  const letters = /[A-Za-z]+$/.exec(query)?.[0] ?? '';
  const head = query.slice(0, query.length - letters.length);
  return head + text + letters.slice(consumes);
}
