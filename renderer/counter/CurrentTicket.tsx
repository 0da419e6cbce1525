// The current ticket, big: number, class badge, matter, masked identity, waits, the next
// step in words, the recall rules while it is called (count / max, recalls still needed
// before 过号, when the hall marks it a no-show by itself) and why it was called.
import type { CallWhyDTO, RecallStateDTO, TicketDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { useHallNow } from '../shared/hooks/hallClock';
import { formatHm } from '../shared/format/time';
import { minutesBetween } from '../shared/format/wait';
import { explainWhy } from './rules';

export interface CurrentTicketProps {
  ticket: TicketDTO | null;
  paused: boolean;
  recall: RecallStateDTO | null;
  why: CallWhyDTO | null;
}

export function CurrentTicket({ ticket, paused, recall, why }: CurrentTicketProps) {
  const t = useT();
  const now = useHallNow();
  if (!ticket) {
    return (
      <div className="counter-current-empty">
        <p className="counter-current-label">{t('counterPage.current')}</p>
        <p className="counter-current-none" data-testid="counter-current-number" data-number="">
          {t('counterPage.noCurrent')}
        </p>
        <p className="counter-muted">{paused ? t('counterPage.pausedHint') : t('counterPage.noCurrentHint')}</p>
      </div>
    );
  }
  const waited = minutesBetween(ticket.issuedAt, ticket.calledAt ?? now);
  return (
    <div className="counter-current-ticket" data-ticket-id={ticket.id} data-ticket-status={ticket.status}>
      <p className="counter-current-label">{t('counterPage.current')}</p>
      <p className="counter-current-number number" data-testid="counter-current-number" data-number={ticket.number}>
        {ticket.number}
      </p>
      <div className="counter-current-details">
        <ClassBadge ticket={ticket} />
        <p className="counter-current-matter" data-testid="counter-current-matter">
          {ticket.matterName}
        </p>
        {ticket.maskedIdentity ? (
          <p className="counter-current-identity">
            <span className="counter-identity-label">{t('counterPage.identity')}</span>{' '}
            <span className="number" data-testid="counter-current-identity">
              {ticket.maskedIdentity}
            </span>
          </p>
        ) : null}
        <p className="counter-muted">
          {t('counterPage.issuedAt', { time: formatHm(ticket.issuedAt) })} · {t('wait.minutesWaited', { count: waited })}
          {ticket.transferCount > 0 ? ` · ${t('counterPage.transferred', { count: ticket.transferCount })}` : ''}
        </p>
        {ticket.status === 'called' || ticket.status === 'serving' ? (
          <p className="counter-phase" data-testid="counter-phase">
            {t(`counterPage.phase.${ticket.status}`)}
          </p>
        ) : null}
        {recall ? <RecallLine recall={recall} /> : null}
      </div>
      {why ? (
        <div className="counter-why-box" data-testid="counter-call-reason" data-reason={why.reason}>
          <h2>{t('counterPage.why')}</h2>
          {explainWhy(why, t).map((line, i) => (
            <p key={i} className={i === 0 ? 'counter-why' : 'counter-why-detail'}>
              {line}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function RecallLine({ recall }: { recall: RecallStateDTO }) {
  const t = useT();
  return (
    <p className="counter-recall" data-testid="counter-recall" data-count={recall.count} data-still-needed={recall.stillNeeded}>
      {t('counterPage.recallCount', { count: recall.count, max: recall.max })}
      {recall.stillNeeded > 0 ? ` · ${t('counterPage.recallNeeded', { count: recall.stillNeeded })}` : ''}
      {recall.autoNoShowAt !== null ? ` · ${t('counterPage.autoNoShow', { time: formatHm(recall.autoNoShowAt) })}` : ''}
    </p>
  );
}

export function ClassBadge({ ticket }: { ticket: Pick<TicketDTO, 'ticketClass' | 'greenCategoryLabel'> }) {
  const t = useT();
  const label =
    ticket.ticketClass === 'green'
      ? ticket.greenCategoryLabel
        ? t('ticketClass.greenWithCategory', { category: ticket.greenCategoryLabel })
        : t('ticketClass.green')
      : t(`ticketClass.${ticket.ticketClass}`);
  return (
    <span className={`class-badge class-badge-${ticket.ticketClass}`} data-testid="ticket-class" data-class={ticket.ticketClass}>
      {label}
    </span>
  );
}
