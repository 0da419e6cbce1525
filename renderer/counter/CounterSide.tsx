// The side panel: waiting per queue, the next calls with the reason each would be made,
// tickets set aside (挂起, resumable here), today's no-shows that may still rejoin, and the
// ratings. Lists are clickable shortcuts into the F10 / F12 dialogs.
import type { CounterViewDTO, NextCallDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { useHallNow } from '../shared/hooks/hallClock';
import { minutesBetween } from '../shared/format/wait';
import { RatingFace } from '../shared/components/Icons';
import { ClassBadge } from './CurrentTicket';
import { explainWhy } from './rules';

export interface CounterSideProps {
  data: CounterViewDTO;
  onResume: (ticketId: string) => void;
  onRejoin: (number: string) => void;
}

export function CounterSide({ data, onResume, onRejoin }: CounterSideProps) {
  const t = useT();
  const resumeEnabled = data.actions.resume_suspended?.enabled ?? false;
  return (
    <aside className="counter-side">
      <section>
        <h2>{t('counterPage.queues')}</h2>
        <ul className="counter-queues" data-testid="counter-queues">
          {data.queues.map((q) => (
            <li key={q.id} data-queue-id={q.id}>
              <span className="counter-queue-prefix">{q.prefix}</span>
              <span className="counter-queue-name">{q.name}</span>
              <span className="counter-queue-count" data-testid="counter-queue-waiting">
                {t('counterPage.queueWaiting', { count: q.waiting })}
                {q.waitingGreen > 0 ? t('counterPage.queueGreen', { count: q.waitingGreen }) : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('counterPage.next')}</h2>
        <NextCalls calls={data.nextCalls} />
      </section>
      <section data-testid="counter-suspended">
        <h2>{t('counterPage.suspended')}</h2>
        {data.suspended.length ? (
          <ul className="counter-side-list">
            {data.suspended.map((s) => (
              <li key={s.id} data-testid="counter-suspended-ticket" data-number={s.number}>
                <button type="button" disabled={!resumeEnabled} onClick={() => onResume(s.id)}>
                  <span className="number">{s.number}</span>
                  <span className="counter-side-list-text">
                    {s.reason}
                    <span className="counter-muted">
                      {' · '}
                      {s.counterNumber !== null ? `${t('counterPage.suspendedBy', { counter: t('counter.numbered', { number: s.counterNumber }) })} · ` : ''}
                      {t('counterPage.minutesLeft', { count: s.minutesLeft })}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="counter-muted">{t('counterPage.suspendedEmpty')}</p>
        )}
      </section>
      <section data-testid="counter-rejoinable">
        <h2>{t('counterPage.rejoinable')}</h2>
        {data.rejoinable.length ? (
          <ul className="counter-side-list">
            {data.rejoinable.map((r) => (
              <li key={r.id} data-testid="counter-rejoinable-ticket" data-number={r.number}>
                <button type="button" onClick={() => onRejoin(r.number)}>
                  <span className="number">{r.number}</span>
                  <span className="counter-side-list-text">
                    {r.matterName} <span className="counter-muted">· {t('counterPage.minutesLeft', { count: r.minutesLeft })}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="counter-muted">{t('counterPage.rejoinableEmpty')}</p>
        )}
      </section>
      <section>
        <h2>{t('counterPage.lastRating')}</h2>
        {data.pendingRating ? (
          <p className="counter-pending-rating" data-testid="counter-pending-rating">
            {t('counterPage.pendingRating', { number: data.pendingRating.ticketNumber })}
          </p>
        ) : null}
        {data.lastRating && data.lastRating.outcome ? (
          <p className="counter-last-rating" data-testid="counter-last-rating" data-outcome={data.lastRating.outcome}>
            {data.lastRating.outcome !== 'not_rated' ? <RatingFace level={data.lastRating.outcome} className="counter-rating-face" /> : null}
            <span className="number">{data.lastRating.ticketNumber}</span> {t(`rating.${data.lastRating.outcome}`)}
          </p>
        ) : !data.pendingRating ? (
          <p className="counter-muted">{t('counterPage.lastRatingEmpty')}</p>
        ) : null}
      </section>
    </aside>
  );
}

function NextCalls({ calls }: { calls: NextCallDTO[] }) {
  const t = useT();
  const now = useHallNow();
  if (!calls.length) return <p className="counter-muted">{t('counterPage.nextEmpty')}</p>;
  return (
    <ol className="counter-next" data-testid="counter-next">
      {calls.map(({ ticket, why }) => (
        <li key={ticket.id} data-testid="counter-next-ticket" data-number={ticket.number} data-reason={why.reason}>
          <span className="number counter-next-number">{ticket.number}</span>
          <span className="counter-next-matter">{ticket.matterName}</span>
          <span className="counter-next-meta">
            {ticket.ticketClass !== 'walk_in' ? <ClassBadge ticket={ticket} /> : null}
            {t('wait.minutesWaited', { count: minutesBetween(ticket.issuedAt, now) })}
          </span>
          <span className="counter-next-why">{explainWhy(why, t).slice(0, -1).join(' · ')}</span>
        </li>
      ))}
    </ol>
  );
}
