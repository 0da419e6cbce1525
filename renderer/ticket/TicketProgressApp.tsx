// Public ticket progress (reached from the ticket's QR code: /ticket/?id=…&key=…), on a
// visitor's phone. No terminal token: the secret key in the address is the access.
// Refreshes every 15 s; a failed refresh keeps the last known state on screen, marked stale
// with the time it was last updated (staleness.ts), so nobody mistakes it for the present.
import { useEffect, useState, type ReactNode } from 'react';
import type { TicketProgressDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import type { ApiClient } from '../shared/api/client';
import { ApiError, isUnreachable } from '../shared/api/errors';
import { formatHm } from '../shared/format/time';
import { waitRangePhrase } from '../shared/format/wait';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { RatingChoice } from '../shared/rating/RatingChoice';
import { WarningIcon } from '../shared/components/Icons';
import { staleSince } from './staleness';

export const REFRESH_MS = 15_000;

export function readTicketAddress(search: string): { id: string; key: string } | null {
  const params = new URLSearchParams(search);
  const id = params.get('id')?.trim();
  const key = params.get('key')?.trim();
  return id && key ? { id, key } : null;
}

const statusHints: Partial<Record<TicketProgressDTO['status'], MessageKey>> = {
  called: 'ticketPage.calledHint',
  finished: 'ticketPage.finishedHint',
  no_show: 'ticketPage.noShowHint',
  expired: 'ticketPage.expiredHint',
};

interface State {
  progress: TicketProgressDTO | null;
  error: unknown;
  at: number;
}

export function TicketProgressApp({ client, address }: { client: ApiClient; address: { id: string; key: string } | null }) {
  const t = useT();
  const [state, setState] = useState<State>({ progress: null, error: null, at: 0 });
  const [tick, setTick] = useState(0);
  // When the page last looked (each refresh period), for a request that never comes back.
  const [checkedAt, setCheckedAt] = useState(0);

  useEffect(() => {
    if (!address) return undefined;
    const abort = new AbortController();
    client
      .call('ticketProgress', { params: { id: address.id }, signal: abort.signal, query: { key: address.key } })
      .then((progress) => setState({ progress, error: null, at: Date.now() }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((prev) => ({ ...prev, error }));
      });
    const timer = setTimeout(() => {
      setCheckedAt(Date.now());
      setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [client, address, tick]);

  if (!address) return <Page><ErrorMessage message="ticketPage.badLink" testId="ticket-page-error" /></Page>;

  const { progress, error } = state;
  const notFound = error instanceof ApiError && error.status === 404;
  if (!progress) {
    return (
      <Page>
        {notFound ? (
          <ErrorMessage message="ticketPage.notFound" testId="ticket-page-error" />
        ) : error ? (
          <ErrorMessage message={isUnreachable(error) ? 'ticketPage.offline' : 'error.generic'} onRetry={() => setTick((n) => n + 1)} testId="ticket-page-error" />
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </Page>
    );
  }

  const wait = waitRangePhrase(progress.estimate);
  const hint = statusHints[progress.status];
  const stale = notFound ? null : staleSince(state.at, Boolean(error), checkedAt, REFRESH_MS);
  return (
    <Page hallName={progress.hallName}>
      {stale !== null ? (
        <div className="tp-stale" role="status" data-testid="ticket-stale" data-since={stale}>
          <WarningIcon className="tp-stale-icon" />
          <div>
            <p className="tp-stale-main">{t('ticketPage.stale', { time: formatHm(stale) })}</p>
            <p>{t('ticketPage.staleHint')}</p>
          </div>
        </div>
      ) : null}
      <section className={`tp-card tp-${progress.status}${stale !== null ? ' tp-card-stale' : ''}`} data-testid="ticket-progress" data-status={progress.status} data-stale={String(stale !== null)}>
        <p className="tp-label">{t('ticketPage.number')}</p>
        <p className="tp-number number" data-testid="tp-number">
          {progress.number}
        </p>
        {/* The details: in Mongolian one block of vertical columns beside the number (mongolian-ticket.css). */}
        <div className="tp-details">
          <p className="tp-matter">{progress.matterName}</p>
          <p className="tp-status" data-testid="tp-status">
            {t(`ticketStatus.${progress.status}`)}
          </p>
          {progress.status === 'called' && progress.counterNumber !== null ? (
            <p className="tp-go" data-testid="tp-counter">
              {t('ticketPage.goTo', { counter: t('counter.numbered', { number: progress.counterNumber }) })}
            </p>
          ) : null}
          {progress.status === 'waiting' ? (
            <dl className="tp-facts">
              <div>
                <dd data-testid="tp-people-ahead">{t('wait.peopleAhead', { count: progress.peopleAhead })}</dd>
              </div>
              <div>
                <dd data-testid="tp-wait">{t(wait.key, wait.params)}</dd>
              </div>
            </dl>
          ) : null}
          {hint ? <p className="tp-hint">{t(hint)}</p> : null}
        </div>
      </section>
      {progress.rating ? (
        // 好差评 from the visitor's phone (001 第三十六、三十七条): the same one rating as the counter's pad and screen.
        <RatingChoice
          key={`${progress.rating.expiresAt}`}
          rating={progress.rating}
          submit={(level) => client.call('rateTicket', { params: { id: address.id }, query: { key: address.key }, body: { level } })}
          onRated={() => setTick((n) => n + 1)}
        />
      ) : null}
      {notFound ? <ErrorMessage message="ticketPage.notFound" testId="ticket-page-error" /> : null}
      <p className="tp-refresh" data-testid="tp-refresh">
        {t('ticketPage.refresh', { time: formatHm(state.at) })}{' '}
        <button type="button" onClick={() => setTick((n) => n + 1)}>
          {t('ticketPage.refreshNow')}
        </button>
      </p>
    </Page>
  );
}

function Page({ hallName, children }: { hallName?: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="tp tp-ticket-page">
      <header className="tp-header">
        <span>{hallName ?? t('ticketPage.title')}</span>
        <LargeTypeToggle />
      </header>
      <main className="tp-main">{children}</main>
    </div>
  );
}
