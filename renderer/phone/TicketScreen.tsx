// The ticket's progress on the phone (central's copy of the hall's board): number, status, people
// ahead and the wait, "请到 N 号窗口" once called, what to do after a missed call, the rating, and
// "最后更新于 HH:MM" whenever the screen may be behind (freshness.ts). Large type by the page's
// switch; 朗读 reads the same words.
import { useCallback } from 'react';
import type { PublicTicketView } from '../../protocol/central/phone';
import type { RatingLevel } from '../../hall/api/dto';
import { useT, type MessageKey, type Translate } from '../shared/i18n';
import { useLocalName } from '../shared/i18n/names';
import { formatHm } from '../shared/format/time';
import { waitRangePhrase } from '../shared/format/wait';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { WarningIcon } from '../shared/components/Icons';
import { CentralError, centralApi, WAIT_SECONDS } from './central-api';
import { phoneStaleness, type PhoneStaleness } from './freshness';
import { useLongPoll, useNow, useOnline } from './useLongPoll';
import { PhoneRating } from './PhoneRating';
import { ReadAloudButton } from './ReadAloudButton';
import { ticketPanels, type PhoneContext } from './extensions';

/** No answer for two of these and the phone's side counts as stale (a long-poll plus slack). */
const PERIOD_MS = (WAIT_SECONDS + 10) * 1000;

const hints: Partial<Record<PublicTicketView['ticket']['status'], MessageKey>> = {
  called: 'phone.calledHint',
  finished: 'phone.finishedHint',
  expired: 'phone.expiredHint',
};

/** The words the screen shows about the ticket, in order: also what 朗读 reads. */
export function ticketSentences(view: PublicTicketView, t: Translate, matterName: string): string[] {
  const tk = view.ticket;
  const out = [`${t('phone.number')} ${tk.number}`, matterName, t(`phone.status.${tk.status}`)];
  if (tk.status === 'called' && tk.counterNumber !== null) out.push(t('phone.goTo', { counter: t('counter.numbered', { number: tk.counterNumber }) }));
  if (tk.status === 'waiting') {
    out.push(t('wait.peopleAhead', { count: tk.peopleAhead }));
    if (tk.estimate) {
      const w = waitRangePhrase(tk.estimate);
      out.push(t(w.key, w.params));
    }
  }
  if (tk.status === 'no_show') out.push(view.missedRejoinMinutes > 0 ? t('phone.missedRejoin', { minutes: view.missedRejoinMinutes }) : t('phone.missedNoRejoin'));
  const hint = hints[tk.status];
  if (hint) out.push(t(hint));
  return out;
}

export function StaleNotice({ stale }: { stale: PhoneStaleness }) {
  const t = useT();
  return (
    <div className="tp-stale" role="status" data-testid="phone-stale" data-why={stale.why} data-since={stale.since}>
      <WarningIcon className="tp-stale-icon" />
      <div>
        <p className="tp-stale-main">{t('phone.lastUpdated', { time: formatHm(stale.since) })}</p>
        <p>{t(stale.why === 'hall' ? 'phone.staleHall' : 'phone.staleOffline')}</p>
      </div>
    </div>
  );
}

export function TicketScreen({ hallId, ticket, ctx }: { hallId: string; ticket: { id: string; key: string }; ctx: PhoneContext }) {
  const t = useT();
  const name = useLocalName();
  const load = useCallback((since: number | null, signal: AbortSignal) => centralApi.ticket(hallId, ticket, since, signal), [hallId, ticket]);
  const polled = useLongPoll(load);
  const online = useOnline();
  const now = useNow(5000);
  const view = polled.data;
  const notFound = polled.error instanceof CentralError && polled.error.status === 404;

  if (!view) {
    if (notFound) return <ErrorMessage message="phone.notFound" testId="phone-error" />;
    if (polled.failed) return <ErrorMessage message="phone.unreachable" onRetry={polled.refresh} testId="phone-error" />;
    return <p className="ph-loading">{t('phone.loading')}</p>;
  }
  const tk = view.ticket;
  const stale = phoneStaleness(view, polled.at, polled.failed || !online, online, now, PERIOD_MS);
  const matterName = name(tk.matterName, tk.matterNames);
  const sentences = ticketSentences(view, t, matterName);
  const hint = hints[tk.status];
  const send = (level: RatingLevel, tags: string[]) => centralApi.rate(hallId, ticket, { level, tags });

  return (
    <>
      {stale ? <StaleNotice stale={stale} /> : null}
      <section className={`tp-card tp-${tk.status}${stale ? ' tp-card-stale' : ''}`} data-testid="phone-ticket" data-status={tk.status} data-stale={String(stale !== null)}>
        <p className="tp-label">{t('phone.number')}</p>
        <p className="tp-number number" data-testid="phone-number">
          {tk.number}
        </p>
        <p className="tp-matter">{matterName}</p>
        <p className="tp-status" data-testid="phone-status">
          {t(`phone.status.${tk.status}`)}
        </p>
        {tk.status === 'called' && tk.counterNumber !== null ? (
          <p className="tp-go" data-testid="phone-counter" data-counter={tk.counterNumber}>
            {t('phone.goTo', { counter: t('counter.numbered', { number: tk.counterNumber }) })}
          </p>
        ) : null}
        {tk.status === 'waiting' ? (
          <dl className="tp-facts">
            <div>
              <dd data-testid="phone-people-ahead">{t('wait.peopleAhead', { count: tk.peopleAhead })}</dd>
            </div>
            {tk.estimate ? (
              <div>
                <dd data-testid="phone-wait">{t(waitRangePhrase(tk.estimate).key, waitRangePhrase(tk.estimate).params)}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {tk.status === 'no_show' ? (
          <p className="tp-hint ph-missed" data-testid="phone-missed">
            {view.missedRejoinMinutes > 0 ? t('phone.missedRejoin', { minutes: view.missedRejoinMinutes }) : t('phone.missedNoRejoin')}
          </p>
        ) : null}
        {hint ? <p className="tp-hint">{t(hint)}</p> : null}
        <ReadAloudButton text={sentences.join('。')} />
      </section>
      <PhoneRating view={view} send={send} onSent={polled.refresh} />
      {ticketPanels.map((p) => (
        <div key={p.id}>{p.render(view, ctx)}</div>
      ))}
      <p className="tp-refresh" data-testid="phone-updated">
        {t('phone.updated', { time: formatHm(polled.at) })}{' '}
        <button type="button" onClick={polled.refresh}>
          {t('phone.refreshNow')}
        </button>
      </p>
    </>
  );
}
