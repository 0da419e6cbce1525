// 取号, step two: the department's matters. One touch on a matter issues the ticket.
import { useMemo, useState, type ReactNode } from 'react';
import type { DepartmentDTO, HallInfoDTO, MatterDTO, QueueDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLocalName } from '../../shared/i18n/names';
import { useLargeType } from '../../shared/i18n/largeType';
import { DepartmentIcon } from '../../shared/components/Icons';
import { pageOf, pageSize } from '../paging';
import { usePortrait } from '../useKioskLayout';
import { MatterList } from './MatterList';
import { NavBar } from './NavBar';
import { Pager } from './Pager';

export interface MattersScreenProps {
  hall: HallInfoDTO;
  department: DepartmentDTO;
  onMatter: (m: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
  banner?: ReactNode;
  busy: boolean;
}

export function MattersScreen({ hall, department, onMatter, onBack, onHome, banner, busy }: MattersScreenProps) {
  const t = useT();
  const localName = useLocalName();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const [page, setPage] = useState(0);
  const queues = useMemo(() => new Map<string, QueueDTO>(hall.queues.map((q) => [q.id, q])), [hall.queues]);
  const matters = useMemo(() => hall.matters.filter((m) => m.departmentId === department.id), [hall.matters, department.id]);
  const shown = pageOf(matters, page, pageSize('matters', largeType, portrait));

  return (
    <main className="kiosk-screen kiosk-matters-screen" data-testid="kiosk-matters" data-department-id={department.id}>
      {banner}
      <h1 className="kiosk-title kiosk-title-with-icon">
        <DepartmentIcon name={department.icon} className="kiosk-title-icon" />
        {localName(department.name, department.names)}
      </h1>
      <p className="kiosk-hint">{t('kiosk.matters.hint')}</p>
      {matters.length ? (
        <>
          <MatterList matters={shown.items} queues={queues} onPick={onMatter} disabled={busy} />
          <Pager page={shown.page} pages={shown.pages} onPage={setPage} />
        </>
      ) : (
        <p className="kiosk-empty">{t('kiosk.matters.empty')}</p>
      )}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
