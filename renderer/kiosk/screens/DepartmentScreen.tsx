// 取号, step one: department tiles, or search results while the visitor types.
import { useMemo, type ReactNode } from 'react';
import type { QueueDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { DepartmentGrid, type DepartmentStepProps } from './DepartmentGrid';
import { MatterList } from './MatterList';
import { NavBar } from './NavBar';

export interface DepartmentScreenProps extends DepartmentStepProps {
  banner?: ReactNode;
  busy: boolean;
}

export function DepartmentScreen({ hall, query, onQuery, onDepartment, onMatter, onBack, onHome, banner, busy }: DepartmentScreenProps) {
  const t = useT();
  const queues = useMemo(() => new Map<string, QueueDTO>(hall.queues.map((q) => [q.id, q])), [hall.queues]);

  return (
    <main className="kiosk-screen kiosk-departments" data-testid="kiosk-departments">
      {banner}
      <h1 className="kiosk-title">{t('kiosk.departments.title')}</h1>
      <DepartmentGrid
        hall={hall}
        query={query}
        onQuery={onQuery}
        onDepartment={onDepartment}
        renderMatters={(matters, departments) => <MatterList matters={matters} queues={queues} departments={departments} onPick={onMatter} disabled={busy} />}
        resultsKey="kiosk.search.results"
        emptyKey="kiosk.departments.empty"
        showWaiting
        onMatter={onMatter}
        chipsDisabled={busy}
        testIds={{
          searchInput: 'kiosk-search-input',
          keyboardToggle: 'kiosk-keyboard-toggle',
          results: 'search-results',
          none: 'search-none',
          tile: 'department-tile',
        }}
      />
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
