// 办事指南, steps one and two: department tiles (or search results while the visitor
// types — Chinese, pinyin initials, matter codes), then the department's matters. A touch
// on a matter opens its guide. Every matter the hall offers is listed, whether or not a
// ticket can be had for it now: guides stay readable outside hours.
import { useMemo, useState } from 'react';
import type { DepartmentDTO, HallInfoDTO, MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { BookIcon, DepartmentIcon } from '../../shared/components/Icons';
import { pageOf, pageSize } from '../paging';
import { usePortrait } from '../useKioskLayout';
import { DepartmentGrid, type DepartmentStepProps } from './DepartmentGrid';
import { NavBar } from './NavBar';
import { Pager } from './Pager';

export type GuideDepartmentsProps = DepartmentStepProps;

export function GuideDepartmentScreen({ hall, query, onQuery, onDepartment, onMatter, onBack, onHome }: GuideDepartmentsProps) {
  const t = useT();
  return (
    <main className="kiosk-screen kiosk-departments kiosk-guide-departments" data-testid="guide-departments">
      <h1 className="kiosk-title kiosk-title-with-icon">
        <BookIcon className="kiosk-title-icon" />
        {t('kiosk.guide.departments.title')}
      </h1>
      <DepartmentGrid
        hall={hall}
        query={query}
        onQuery={onQuery}
        onDepartment={onDepartment}
        renderMatters={(matters, departments) => <GuideMatterList matters={matters} departments={departments} onPick={onMatter} />}
        resultsKey="kiosk.guide.search.results"
        emptyKey="kiosk.guide.departments.empty"
        showWaiting={false}
        onMatter={onMatter}
        testIds={{
          searchInput: 'guide-search-input',
          keyboardToggle: 'guide-keyboard-toggle',
          results: 'guide-search-results',
          none: 'guide-search-none',
          tile: 'guide-department-tile',
        }}
      />
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
