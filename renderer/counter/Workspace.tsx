// The counter workspace: top bar, the current ticket big, the actions with their keys and
// — when disabled — why, and the side panel (waiting counts, next tickets, last rating).
// Commands go through one double-submit guard: a fast double Space calls one visitor.
import { useEffect, useRef, useState } from 'react';
import type { CounterAction, CounterViewDTO, StaffSessionDTO, TicketDTO } from '../../hall/api/dto';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { seg } from '../shared/api/client';
import { ApiError, describeError } from '../shared/api/errors';
import { createSubmitGuard } from '../shared/guard/submitGuard';
import { useHallView } from '../shared/hooks/useHallView';
import { hallNow, useHallNow } from '../shared/hooks/hallClock';
import { formatHm } from '../shared/format/time';
import { minutesBetween } from '../shared/format/wait';
import type { PageConnection } from '../shared/page/connection';
import { BigButton } from '../shared/components/BigButton';
import { Clock } from '../shared/components/Clock';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { RatingFace } from '../shared/components/Icons';
import { actionForCommand, actionPath, commandKeys, decideKey, isTypingTarget, type CounterCommand } from './keys';
import { actionErrorKey, callReasonKey, reasonKey } from './labels';
import { TransferPicker } from './TransferPicker';

interface Feedback {
  kind: 'ok' | 'error';
  key: MessageKey;
  params?: MessageParams;
}

export interface WorkspaceProps {
  connection: PageConnection;
  counterId: string;
  session: StaffSessionDTO;
  onSessionExpired: () => void;
}

const commandOrder: CounterCommand[] = ['call_next', 'recall', 'start', 'finish', 'no_show', 'transfer', 'pause_toggle'];

export function Workspace({ connection, counterId, session, onSessionExpired }: WorkspaceProps) {
  const t = useT();
  const { client, live } = connection;
  const guard = useRef(createSubmitGuard({ cooldownMs: 800 }));
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const base = `/counters/${seg(counterId)}`;

  const view = useHallView<CounterViewDTO>((signal) => client.get<CounterViewDTO>(base, { signal }), {
    live,
    key: `${counterId}:${session.sessionToken}`,
  });
  const data = view.data;

  // An expired or revoked session sends the staff member back to sign-in, saying why.
  const viewError = view.error;
  useEffect(() => {
    if (viewError instanceof ApiError && viewError.status === 401) onSessionExpired();
  }, [viewError, onSessionExpired]);

  async function run(action: CounterAction, body?: unknown) {
    if (!data) return;
    const availability = data.actions[action];
    if (availability && !availability.enabled) {
      setFeedback({ kind: 'error', key: reasonKey(availability.reason) });
      return;
    }
    if (!guard.current.tryBegin(action)) return;
    setBusy(true);
    const number = data.current?.number ?? '';
    try {
      const next = await client.post<CounterViewDTO>(`${base}/actions/${actionPath[action]}`, body ?? {});
      view.replace(next);
      const target = action === 'transfer' ? data.transferTargets.find((x) => x.id === (body as { toQueueId: string }).toQueueId)?.name ?? '' : '';
      setFeedback({ kind: 'ok', key: `counterPage.done.${action}` as MessageKey, params: { number: action === 'call_next' ? next.current?.number ?? '' : number, target } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        onSessionExpired();
        return;
      }
      const known = err instanceof ApiError ? actionErrorKey(err.code) : null;
      setFeedback({ kind: 'error', key: known ?? (err instanceof ApiError && err.status === 409 ? 'counterError.conflict' : describeError(err)) });
      view.reload();
    } finally {
      guard.current.finish(action);
      setBusy(false);
    }
  }

  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const stateRef = useRef({ transferOpen, status: data?.counter.status ?? 'idle' });
  useEffect(() => {
    stateRef.current = { transferOpen, status: data?.counter.status ?? 'idle' };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (stateRef.current.transferOpen) return;
      if (isTypingTarget(e.target as HTMLElement | null)) return;
      const decision = decideKey(e);
      if (decision.preventDefault) e.preventDefault();
      if (!decision.command) return;
      if (decision.command === 'transfer') setTransferOpen(true);
      else void runRef.current(actionForCommand(decision.command, stateRef.current.status));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  const signOut = async () => {
    if (!window.confirm(t('counterPage.signOutConfirm'))) return;
    try {
      await client.delete(`${base}/session`);
    } catch {
      // the session expires on the hall anyway; this tab forgets it now
    }
    connection.staff?.clear();
  };

  if (!data) {
    return (
      <div className="counter-workspace">
        {view.error ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : <p className="loading">{t('app.loading')}</p>}
      </div>
    );
  }

  const { counter, current } = data;
  const status = counter.status;

  return (
    <div className="counter-workspace" data-testid="counter-workspace" data-status={status}>
      <header className="counter-top">
        <div className="counter-top-name" data-testid="counter-name">
          <strong>{t('counter.numbered', { number: counter.number })}</strong> {counter.name}
        </div>
        <div className="counter-top-staff" data-testid="counter-staff">
          {t('counterPage.staff', { name: session.staff.name, staffNo: session.staff.staffNo })}
        </div>
        <div className={`counter-status counter-status-${status}`} data-testid="counter-status" data-status={status}>
          {t('counterPage.status', { status: t(`counterStatus.${status}`) })}
        </div>
        <Clock className="counter-clock" />
        <button type="button" className="counter-sign-out" onClick={() => void signOut()} data-testid="counter-sign-out">
          {t('action.signOut')}
        </button>
      </header>

      <main className="counter-main">
        <section className="counter-current" data-testid="counter-current" aria-live="polite">
          <CurrentTicket ticket={current} paused={status === 'paused'} />
        </section>

        <p className={`counter-feedback ${feedback ? `counter-feedback-${feedback.kind}` : ''}`} role="status" data-testid="counter-feedback" data-kind={feedback?.kind ?? ''}>
          {busy ? t('counterPage.busy') : feedback ? t(feedback.key, feedback.params) : '\u00a0'}
        </p>

        <div className="counter-actions">
          {commandOrder.map((command) => {
            const action = actionForCommand(command, status);
            const availability = data.actions[action] ?? { enabled: false, reason: null };
            const keys = commandKeys[command].map((k) => (k === 'Space' ? t('counterPage.key.space') : k)).join(' / ');
            return (
              <BigButton
                key={command}
                className={`counter-action counter-action-${command}`}
                variant={command === 'call_next' ? 'primary' : command === 'finish' ? 'green' : 'secondary'}
                label={t(`counterPage.action.${action}`)}
                keyHint={keys}
                disabled={!availability.enabled || busy}
                disabledReason={!availability.enabled ? t(reasonKey(availability.reason)) : undefined}
                testId={`counter-action-${action.replace('_', '-')}`}
                dataAttrs={{ 'data-action': action, 'data-enabled': String(availability.enabled) }}
                onClick={() => {
                  (document.activeElement as HTMLElement | null)?.blur();
                  if (command === 'transfer') setTransferOpen(true);
                  else void run(action);
                }}
              />
            );
          })}
        </div>
      </main>

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
          <NextTickets tickets={data.next} />
        </section>
        {current && data.lastCallReason ? (
          <section>
            <h2>{t('counterPage.why')}</h2>
            <p className="counter-why" data-testid="counter-call-reason" data-reason={data.lastCallReason}>
              {t(callReasonKey(data.lastCallReason))}
            </p>
          </section>
        ) : null}
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

      {transferOpen ? (
        <TransferPicker
          number={current?.number ?? ''}
          targets={data.transferTargets}
          onPick={(toQueueId) => {
            setTransferOpen(false);
            void run('transfer', { toQueueId });
          }}
          onCancel={() => setTransferOpen(false)}
        />
      ) : null}
    </div>
  );
}

function CurrentTicket({ ticket, paused }: { ticket: TicketDTO | null; paused: boolean }) {
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
          {ticket.recallCount > 0 ? ` · ${t('counterPage.recalled', { count: ticket.recallCount })}` : ''}
          {ticket.transferCount > 0 ? ` · ${t('counterPage.transferred', { count: ticket.transferCount })}` : ''}
        </p>
        {ticket.status === 'called' || ticket.status === 'serving' ? (
          <p className="counter-phase" data-testid="counter-phase">
            {t(`counterPage.phase.${ticket.status}`)}
          </p>
        ) : null}
      </div>
    </div>
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

function NextTickets({ tickets }: { tickets: TicketDTO[] }) {
  const t = useT();
  const now = useHallNow();
  if (!tickets.length) return <p className="counter-muted">{t('counterPage.nextEmpty')}</p>;
  return (
    <ol className="counter-next" data-testid="counter-next">
      {tickets.map((ticket) => (
        <li key={ticket.id} data-testid="counter-next-ticket" data-number={ticket.number}>
          <span className="number counter-next-number">{ticket.number}</span>
          <span className="counter-next-matter">{ticket.matterName}</span>
          <span className="counter-next-meta">
            {ticket.ticketClass !== 'walk_in' ? <ClassBadge ticket={ticket} /> : null}
            {t('wait.minutesWaited', { count: minutesBetween(ticket.issuedAt, now) })}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** For tests and debugging: the hall time the page believes. */
export const currentHallTime = hallNow;
