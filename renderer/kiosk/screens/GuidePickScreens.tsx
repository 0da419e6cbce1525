// 办事指南, steps one and two: department tiles (or search results while the visitor
// types — Chinese, pinyin initials, matter codes), then the department's matters. A touch
// on a matter opens its guide. Every matter the hall offers is listed, whether or not a
// ticket can be had for it now: guides stay readable outside hours.
import { useMemo, useState } from 'react';
import type { DepartmentDTO, HallInfoDTO, MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { BookIcon, DepartmentIcon, KeyboardIcon, SearchIcon } from '../../shared/components/Icons';
import { searchMatters } from '../../shared/search/matterSearch';
import { pageOf, pageSize } from '../paging';
import { usePortrait } from '../useKioskLayout';
import { NavBar } from './NavBar';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { Pager } from './Pager';

export interface GuideDepartmentsProps {
  hall: HallInfoDTO;
  query: string;
  onQuery: (q: string) => void;
  onDepartment: (d: DepartmentDTO) => void;
  onMatter: (m: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
}

export function GuideDepartmentScreen({ hall, query, onQuery, onDepartment, onMatter, onBack, onHome }: GuideDepartmentsProps) {
  const t = useT();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const [keyboard, setKeyboard] = useState(false);
  const [page, setPage] = useState(0);
  const [resultPage, setResultPage] = useState(0);
  const departments = useMemo(() => new Map(hall.departments.map((d) => [d.id, d])), [hall.departments]);
  const withMatters = useMemo(() => hall.departments.filter((d) => hall.matters.some((m) => m.departmentId === d.id)), [hall.departments, hall.matters]);
  const results = useMemo(() => searchMatters(hall.matters, query), [hall.matters, query]);
  const searching = query.trim().length > 0;
  const tiles = pageOf(withMatters, page, pageSize('departments', largeType, portrait));
  const found = pageOf(results, resultPage, pageSize('matters', largeType || keyboard, portrait));
  const type = (next: string) => {
    onQuery(next);
    setResultPage(0);
  };

  return (
    <main className="kiosk-screen kiosk-departments kiosk-guide-departments" data-testid="guide-departments">
      <h1 className="kiosk-title kiosk-title-with-icon">
        <BookIcon className="kiosk-title-icon" />
        {t('kiosk.guide.departments.title')}
      </h1>
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
            data-testid="guide-search-input"
          />
        </label>
        <button type="button" className="big-button secondary kiosk-keyboard-toggle" aria-pressed={keyboard} onClick={() => setKeyboard(!keyboard)} data-testid="guide-keyboard-toggle">
          <KeyboardIcon width="1.4em" height="1.4em" />
          <span className="visually-hidden">{keyboard ? t('kiosk.keyboard.hide') : t('kiosk.keyboard.show')}</span>
        </button>
      </div>
      {searching ? (
        <section className="kiosk-results" data-testid="guide-search-results" data-count={results.length}>
          {results.length ? (
            <>
              <p className="kiosk-hint">{t('kiosk.guide.search.results', { count: results.length })}</p>
              <GuideMatterList matters={found.items} departments={departments} onPick={onMatter} />
              <Pager page={found.page} pages={found.pages} onPage={setResultPage} />
            </>
          ) : (
            <p className="kiosk-empty" data-testid="guide-search-none">
              {t('kiosk.search.none')}
            </p>
          )}
        </section>
      ) : withMatters.length === 0 ? (
        <p className="kiosk-empty">{t('kiosk.guide.departments.empty')}</p>
      ) : (
        <>
          <ul className="kiosk-tiles">
            {tiles.items.map((d) => (
              <li key={d.id}>
                <button type="button" className="kiosk-tile" onClick={() => onDepartment(d)} data-testid="guide-department-tile" data-department-id={d.id}>
                  <DepartmentIcon name={d.icon} className="kiosk-tile-icon" />
                  <span className="kiosk-tile-name">{d.name}</span>
                </button>
              </li>
            ))}
          </ul>
          <Pager page={tiles.page} pages={tiles.pages} onPage={setPage} />
        </>
      )}
      {keyboard ? (
        <OnScreenKeyboard onKey={(ch) => type(query + ch)} onDelete={() => type([...query].slice(0, -1).join(''))} onClear={() => type('')} onHide={() => setKeyboard(false)} />
      ) : null}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}

export interface GuideMattersProps {
  hall: HallInfoDTO;
  department: DepartmentDTO;
  onMatter: (m: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
}

export function GuideMattersScreen({ hall, department, onMatter, onBack, onHome }: GuideMattersProps) {
  const t = useT();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const [page, setPage] = useState(0);
  const matters = useMemo(() => hall.matters.filter((m) => m.departmentId === department.id), [hall.matters, department.id]);
  const shown = pageOf(matters, page, pageSize('matters', largeType, portrait));
  return (
    <main className="kiosk-screen kiosk-matters-screen kiosk-guide-matters" data-testid="guide-matters" data-department-id={department.id}>
      <h1 className="kiosk-title kiosk-title-with-icon">
        <DepartmentIcon name={department.icon} className="kiosk-title-icon" />
        {department.name}
      </h1>
      <p className="kiosk-hint">{t('kiosk.guide.matters.hint')}</p>
      {matters.length ? (
        <>
          <GuideMatterList matters={shown.items} onPick={onMatter} />
          <Pager page={shown.page} pages={shown.pages} onPage={setPage} />
        </>
      ) : (
        <p className="kiosk-empty">{t('kiosk.guide.matters.empty')}</p>
      )}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}

/** Matter rows for the guide: the name (and department in search results); always touchable. */
function GuideMatterList({ matters, departments, onPick }: { matters: MatterDTO[]; departments?: Map<string, DepartmentDTO>; onPick: (m: MatterDTO) => void }) {
  return (
    <ul className="kiosk-matters" data-testid="guide-matter-list">
      {matters.map((m) => (
        <li key={m.id}>
          <button type="button" className="kiosk-matter kiosk-guide-matter" onClick={() => onPick(m)} data-testid="guide-matter-row" data-matter-id={m.id} data-matter-code={m.code}>
            <span className="kiosk-matter-name">{m.name}</span>
            {departments ? <span className="kiosk-matter-dept">{departments.get(m.departmentId)?.name ?? ''}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
