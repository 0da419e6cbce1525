import type { DepartmentDTO, MatterDTO, QueueDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { waitRangePhrase } from '../../shared/format/wait';

export interface MatterListProps {
  matters: MatterDTO[];
  queues: Map<string, QueueDTO>;
  /** Show the department under each matter (search results span departments). */
  departments?: Map<string, DepartmentDTO>;
  onPick: (matter: MatterDTO) => void;
  disabled?: boolean;
}

/** One row per matter: name, then its queue's waiting count and the estimated wait range. */
export function MatterList({ matters, queues, departments, onPick, disabled }: MatterListProps) {
  const t = useT();
  return (
    <ul className="kiosk-matters" data-testid="matter-list">
      {matters.map((m) => {
        const q = queues.get(m.queueId);
        const wait = q ? waitRangePhrase(q.estimate) : null;
        return (
          <li key={m.id}>
            <button
              type="button"
              className="kiosk-matter"
              onClick={() => onPick(m)}
              disabled={disabled}
              data-testid="matter-row"
              data-matter-id={m.id}
              data-matter-code={m.code}
            >
              <span className="kiosk-matter-name">{m.name}</span>
              {departments ? <span className="kiosk-matter-dept">{departments.get(m.departmentId)?.name ?? ''}</span> : null}
              {q && wait ? (
                <span className="kiosk-matter-wait">
                  <span data-testid="matter-waiting">{t('wait.waitingPeople', { count: q.waiting })}</span>
                  <span className="kiosk-matter-estimate" data-testid="matter-estimate">
                    {t(wait.key, wait.params)}
                  </span>
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
