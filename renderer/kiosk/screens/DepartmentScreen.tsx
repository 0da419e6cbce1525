// 取号, step one: department tiles, or search results while the visitor types.
import { useMemo, useState, type ReactNode } from 'react';
import type { DepartmentDTO, HallInfoDTO, MatterDTO, QueueDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { DepartmentIcon, KeyboardIcon, SearchIcon } from '../../shared/components/Icons';
import { searchMatters } from '../../shared/search/matterSearch';
import { pageOf, pageSize } from '../paging';
import { usePortrait } from '../useKioskLayout';
import { MatterList } from './MatterList';
import { NavBar } from './NavBar';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { Pager } from './Pager';

export interface DepartmentScreenProps {
  hall: HallInfoDTO;
  query: string;
  onQuery: (q: string) => void;
  onDepartment: (d: DepartmentDTO) => void;
  onMatter: (m: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
  banner?: ReactNode;
  busy: boolean;
}

export function DepartmentScreen({ hall, query, onQuery, onDepartment, onMatter, onBack, onHome, banner, busy }: DepartmentScreenProps) {
  const t = useT();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const [keyboard, setKeyboard] = useState(false);
  const [page, setPage] = useState(0);
  const [resultPage, setResultPage] = useState(0);

  const queues = useMemo(() => new Map<string, QueueDTO>(hall.queues.map((q) => [q.id, q])), [hall.queues]);
  const departments = useMemo(() => new Map(hall.departments.map((d) => [d.id, d])), [hall.departments]);
  // Departments without any matter would be a dead end.
  const withMatters = useMemo(
    () => hall.departments.filter((d) => hall.matters.some((m) => m.departmentId === d.id)),
    [hall.departments, hall.matters],
  );
  const results = useMemo(() => searchMatters(hall.matters, query), [hall.matters, query]);
  const searching = query.trim().length > 0;

  const tiles = pageOf(withMatters, page, pageSize('departments', largeType, portrait));
  const found = pageOf(results, resultPage, pageSize('matters', largeType || keyboard, portrait));

  const type = (next: string) => {
    onQuery(next);
    setResultPage(0);
  };

  return (
    <main className="kiosk-screen kiosk-departments" data-testid="kiosk-departments">
      {banner}
      <h1 className="kiosk-title">{t('kiosk.departments.title')}</h1>
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
            data-testid="kiosk-search-input"
          />
        </label>
        <button
          type="button"
          className="big-button secondary kiosk-keyboard-toggle"
          aria-pressed={keyboard}
          onClick={() => setKeyboard(!keyboard)}
          data-testid="kiosk-keyboard-toggle"
        >
          <KeyboardIcon width="1.4em" height="1.4em" />
          <span className="visually-hidden">{keyboard ? t('kiosk.keyboard.hide') : t('kiosk.keyboard.show')}</span>
        </button>
      </div>

      {searching ? (
        <section className="kiosk-results" data-testid="search-results" data-count={results.length}>
          {results.length ? (
            <>
              <p className="kiosk-hint">{t('kiosk.search.results', { count: results.length })}</p>
              <MatterList matters={found.items} queues={queues} departments={departments} onPick={onMatter} disabled={busy} />
              <Pager page={found.page} pages={found.pages} onPage={setResultPage} />
            </>
          ) : (
            <p className="kiosk-empty" data-testid="search-none">
              {t('kiosk.search.none')}
            </p>
          )}
        </section>
      ) : withMatters.length === 0 ? (
        <p className="kiosk-empty">{t('kiosk.departments.empty')}</p>
      ) : (
        <>
          <ul className="kiosk-tiles">
            {tiles.items.map((d) => (
              <li key={d.id}>
                <button type="button" className="kiosk-tile" onClick={() => onDepartment(d)} data-testid="department-tile" data-department-id={d.id}>
                  <DepartmentIcon name={d.icon} className="kiosk-tile-icon" />
                  <span className="kiosk-tile-name">{d.name}</span>
                  <span className="kiosk-tile-waiting" data-testid="department-waiting">
                    {t('wait.waitingPeople', { count: d.waiting })}
                  </span>
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
        />
      ) : null}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
