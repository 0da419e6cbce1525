// The hall's queues now, from central's copy of its board: each queue's waiting count and typical
// wait, the hall's mode (open, closed …), and when the information is from if it may be behind.
import { useCallback } from 'react';
import { useT, type MessageKey } from '../shared/i18n';
import { useLocalName } from '../shared/i18n/names';
import { waitRangePhrase } from '../shared/format/wait';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { CentralError, centralApi, WAIT_SECONDS } from './central-api';
import { phoneStaleness } from './freshness';
import { useLongPoll, useNow, useOnline } from './useLongPoll';
import { StaleNotice } from './TicketScreen';

const MODES = ['open', 'closed', 'self_service', 'booked_only'] as const;

export function QueuesScreen({ hallId }: { hallId: string }) {
  const t = useT();
  const name = useLocalName();
  const load = useCallback((since: number | null, signal: AbortSignal) => centralApi.hall(hallId, since, signal), [hallId]);
  const polled = useLongPoll(load);
  const online = useOnline();
  const now = useNow(5000);
  const view = polled.data;
  if (!view) {
    if (polled.error instanceof CentralError && polled.error.status === 404) return <ErrorMessage message="phone.unknownHall" testId="phone-error" />;
    if (polled.failed) return <ErrorMessage message="phone.unreachable" onRetry={polled.refresh} testId="phone-error" />;
    return <p className="ph-loading">{t('phone.loading')}</p>;
  }
  const stale = phoneStaleness(view, polled.at, polled.failed || !online, online, now, (WAIT_SECONDS + 10) * 1000);
  const mode = (MODES as readonly string[]).includes(view.mode) ? (`phone.mode.${view.mode}` as MessageKey) : null;
  return (
    <>
      {stale ? <StaleNotice stale={stale} /> : null}
      <section className="tp-card ph-queues" data-testid="phone-queues">
        <h2>{t('phone.queues.title')}</h2>
        {mode ? (
          <p className="ph-mode" data-testid="phone-mode">
            {t(mode)}
          </p>
        ) : null}
        {view.queues.length === 0 ? <p>{t('phone.queues.none')}</p> : null}
        <ul className="ph-queue-list">
          {view.queues.map((q) => {
            const wait = q.estimate ? waitRangePhrase(q.estimate) : null;
            return (
              <li key={q.queueId} data-testid="phone-queue" data-queue={q.queueId}>
                <span className="ph-queue-name">{name(q.name, q.names)}</span>
                <span className="ph-queue-count">{t('phone.queues.waiting', { count: q.waiting })}</span>
                {wait ? <span className="ph-queue-wait">{t(wait.key, wait.params)}</span> : null}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
