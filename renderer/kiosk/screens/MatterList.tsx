import type { DepartmentDTO, MatterDTO, QueueDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLocalName } from '../../shared/i18n/names';
import { waitRangePhrase } from '../../shared/format/wait';
import { WarningIcon } from '../../shared/components/Icons';
import { useMatterAvailability } from '../availabilityContext';
import { matterReasonKey } from '../kioskRules';
import { useRulesT } from '../rulesText';
import { OFFER_CAUSES } from './CapOfferPanel';

export interface MatterListProps {
  matters: MatterDTO[];
  queues: Map<string, QueueDTO>;
  /** Show the department under each matter (search results span departments). */
  departments?: Map<string, DepartmentDTO>;
  onPick: (matter: MatterDTO) => void;
  disabled?: boolean;
}

/**
 * One row per matter: name, then its queue's waiting count and the estimated wait range with
 * its basis. A matter that cannot get a ticket now says why on the row ("今日号已取完"); nothing is
 * printed for it. Where its numbers are gone (cap, cut-off, closed early) the row opens the hall's
 * offers instead (CapOfferPanel); other refusals cannot be touched.
 */
export function MatterList({ matters, queues, departments, onPick, disabled }: MatterListProps) {
  return (
    <ul className="kiosk-matters" data-testid="matter-list">
      {matters.map((m) => (
        <MatterRow key={m.id} matter={m} queue={queues.get(m.queueId)} department={departments?.get(m.departmentId)} showDepartment={departments !== undefined} onPick={onPick} disabled={disabled} />
      ))}
    </ul>
  );
}

function MatterRow({
  matter: m,
  queue: q,
  department,
  showDepartment,
  onPick,
  disabled,
}: {
  matter: MatterDTO;
  queue: QueueDTO | undefined;
  department: DepartmentDTO | undefined;
  showDepartment: boolean;
  onPick: (matter: MatterDTO) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const localName = useLocalName();
  const rt = useRulesT();
  const availability = useMatterAvailability(m.id);
  const refused = availability !== undefined && !availability.available;
  // Numbers gone (cap, cut-off, closed early): the row still opens, to the hall's offers (never a bare "no").
  const offers = refused && OFFER_CAUSES.has(availability.reason ?? '');
  const estimate = availability?.estimate ?? q?.estimate;
  const wait = estimate ? waitRangePhrase(estimate) : null;
  return (
    <li>
      <button
        type="button"
        className={`kiosk-matter ${refused ? 'kiosk-matter-refused' : ''}`}
        onClick={() => onPick(m)}
        disabled={disabled || (refused && !offers)}
        aria-disabled={refused && !offers}
        data-testid="matter-row"
        data-matter-id={m.id}
        data-matter-code={m.code}
        data-available={String(!refused)}
        data-reason={availability?.reason ?? ''}
      >
        <span className="kiosk-matter-name">{localName(m.name, m.names)}</span>
        {showDepartment ? <span className="kiosk-matter-dept">{department ? localName(department.name, department.names) : ''}</span> : null}
        {refused ? (
          <span className="kiosk-matter-refusal" data-testid="matter-refusal">
            <WarningIcon width="1em" height="1em" /> {rt(matterReasonKey(availability))}
          </span>
        ) : q && wait ? (
          <span className="kiosk-matter-wait">
            <span data-testid="matter-waiting">{t('wait.waitingPeople', { count: availability?.waiting ?? q.waiting })}</span>
            <span className="kiosk-matter-estimate" data-testid="matter-estimate" data-basis={estimate?.basis ?? ''}>
              {t(wait.key, wait.params)}
            </span>
            {estimate?.basis ? (
              <span className="kiosk-matter-basis" data-testid="matter-estimate-basis">
                {rt(estimate.basis === 'measured' ? 'kioskRules.estimate.measured' : 'kioskRules.estimate.typical')}
              </span>
            ) : null}
          </span>
        ) : null}
      </button>
    </li>
  );
}
