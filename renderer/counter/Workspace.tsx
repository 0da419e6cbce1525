// The counter workspace: top bar, the current ticket big, the actions with their keys and
// — when disabled — why (with live numbers: "12 秒后可重呼", "需先重呼 1 次"), the dialogs
// for 转窗 / 特呼 / 挂起 / 恢复 / 过号重排, and the side panel.
// Commands go through one double-submit guard: a fast double Space calls one visitor.
// While a dialog is open, the command keys belong to the dialog.
import { useEffect, useRef, useState } from 'react';
import type { CounterAction, StaffSessionDTO } from '../../hall/api/dto';
import type { CounterActionBody } from '../../hall/api/contract';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { ApiError, describeError } from '../shared/api/errors';
import { createSubmitGuard } from '../shared/guard/submitGuard';
import { useHallView } from '../shared/hooks/useHallView';
import { hallNow, useHallNow } from '../shared/hooks/hallClock';
import type { PageConnection } from '../shared/page/connection';
import { BigButton } from '../shared/components/BigButton';
import { Clock } from '../shared/components/Clock';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { actionForCommand, actionPath, commandKeys, decideKey, isDialogCommand, isTypingTarget, type CounterCommand, type DialogCommand } from './keys';
import { liveAvailability, refusalMessage } from './rules';
import { CurrentTicket } from './CurrentTicket';
import { CounterSide } from './CounterSide';
import { CounterDialogs, type DialogState } from './CounterDialogs';
import { UnresolvedCaseButton } from './UnresolvedCaseButton';
import { CasesPanel } from './CasesPanel';
import { BadRatingAppeals } from './BadRatingAppeals';
import { PauseNoticeButton } from './PauseNoticeButton';

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

const commandOrder: CounterCommand[] = ['call_next', 'recall', 'start', 'finish', 'no_show', 'transfer', 'call_specific', 'pause_toggle', 'suspend', 'resume_suspended', 'rejoin'];

export function Workspace({ connection, counterId, session, onSessionExpired }: WorkspaceProps) {
  const t = useT();
  const now = useHallNow();
  const { client, live } = connection;
  const guard = useRef(createSubmitGuard({ cooldownMs: 800 }));
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);

  const view = useHallView((signal) => client.call('counterView', { params: { counterId }, signal }), {
    live,
    key: `${counterId}:${session.sessionToken}`,
  });
  const data = view.data;

  // An expired or revoked session sends the staff member back to sign-in, saying why.
  const viewError = view.error;
  useEffect(() => {
    if (viewError instanceof ApiError && viewError.status === 401) onSessionExpired();
  }, [viewError, onSessionExpired]);

  /** Sends one command; `done` gives the success message from the hall's answer. */
  async function send<T>(action: CounterAction, request: () => Promise<T>, done: (answer: T) => Feedback): Promise<void> {
    if (!guard.current.tryBegin(action)) return;
    setBusy(true);
    try {
      const answer = await request();
      setFeedback(done(answer));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        onSessionExpired();
        return;
      }
      const refusal = err instanceof ApiError ? refusalMessage(err.code, err.facts, hallNow()) : null;
      setFeedback({
        kind: 'error',
        key: refusal?.key ?? (err instanceof ApiError && err.status === 409 ? 'counterError.conflict' : describeError(err)),
        params: refusal?.params,
      });
      view.reload();
    } finally {
      guard.current.finish(action);
      setBusy(false);
    }
  }

  /** A counter action (POST …/actions/:action); the answer is the fresh view. */
  async function run(action: CounterAction, body: CounterActionBody = {}, params: MessageParams = {}) {
    if (!data) return;
    const availability = liveAvailability(data, action, hallNow());
    if (!availability.enabled) {
      setFeedback({ kind: 'error', key: availability.reason ?? 'reason.generic', params: availability.params });
      return;
    }
    const number = data.current?.number ?? '';
    await send(
      action,
      () => client.call('counterAction', { params: { counterId, action: actionPath[action] }, body }),
      (next) => {
        view.replace(next);
        const shown = action === 'call_next' || action === 'call_specific' || action === 'resume_suspended' ? (next.current?.number ?? '') : number;
        return { kind: 'ok', key: `counterPage.done.${action}` as MessageKey, params: { number: shown, target: '', ...params } };
      },
    );
  }

  async function rejoin(number: string) {
    await send(
      'rejoin',
      () => client.call('counterRejoin', { params: { counterId }, body: { number } }),
      (answer) => {
        view.reload();
        return { kind: 'ok', key: 'counterPage.done.rejoin', params: { number: answer.ticket.number, count: answer.placesAhead } };
      },
    );
  }

  function open(command: DialogCommand) {
    if (!data) return;
    if (command !== 'rejoin') {
      const availability = liveAvailability(data, command, hallNow());
      if (!availability.enabled) {
        setFeedback({ kind: 'error', key: availability.reason ?? 'reason.generic', params: availability.params });
        return;
      }
    }
    setDialog({ command });
  }

  const runRef = useRef({ run, open });
  useEffect(() => {
    runRef.current = { run, open };
  });
  const stateRef = useRef({ dialogOpen: dialog !== null, status: data?.counter.status ?? 'idle' });
  useEffect(() => {
    stateRef.current = { dialogOpen: dialog !== null, status: data?.counter.status ?? 'idle' };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (stateRef.current.dialogOpen) return;
      if (isTypingTarget(e.target as HTMLElement | null)) return;
      const decision = decideKey(e);
      if (decision.preventDefault) e.preventDefault();
      if (!decision.command) return;
      if (isDialogCommand(decision.command)) runRef.current.open(decision.command);
      else void runRef.current.run(actionForCommand(decision.command, stateRef.current.status));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  const signOut = async () => {
    if (!window.confirm(t('counterPage.signOutConfirm'))) return;
    try {
      await client.call('counterSignOut', { params: { counterId } });
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
          <CurrentTicket ticket={current} paused={status === 'paused'} recall={data.recall} why={data.why} />
        </section>

        <p className={`counter-feedback ${feedback ? `counter-feedback-${feedback.kind}` : ''}`} role="status" data-testid="counter-feedback" data-kind={feedback?.kind ?? ''}>
          {busy ? t('counterPage.busy') : feedback ? t(feedback.key, feedback.params) : '\u00a0'}
        </p>

        <div className="counter-actions">
          {commandOrder.map((command) => {
            const action = actionForCommand(command, status);
            const availability = liveAvailability(data, action, now);
            const keys = commandKeys[command].map((k) => (k === 'Space' ? t('counterPage.key.space') : k)).join(' / ');
            return (
              <BigButton
                key={command}
                className={`counter-action counter-action-${command}`}
                variant={command === 'call_next' ? 'primary' : command === 'finish' ? 'green' : 'secondary'}
                label={t(`counterPage.action.${action}`)}
                keyHint={keys}
                disabled={!availability.enabled || busy}
                disabledReason={!availability.enabled && availability.reason ? t(availability.reason, availability.params) : undefined}
                testId={`counter-action-${action.replace(/_/g, '-')}`}
                dataAttrs={{ 'data-action': action, 'data-enabled': String(availability.enabled) }}
                onClick={() => {
                  (document.activeElement as HTMLElement | null)?.blur();
                  if (isDialogCommand(command)) open(command);
                  else void run(action);
                }}
              />
            );
          })}
        </div>
        <UnresolvedCaseButton client={client} counterId={counterId} data={data} />
        <CasesPanel connection={connection} counterId={counterId} data={data} />
        <BadRatingAppeals connection={connection} counterId={counterId} />
        <PauseNoticeButton client={client} counterId={counterId} />
      </main>

      <CounterSide data={data} onResume={(ticketId) => void run('resume_suspended', { ticketId })} onRejoin={(number) => setDialog({ command: 'rejoin', number })} />

      {dialog ? (
        <CounterDialogs
          dialog={dialog}
          data={data}
          onClose={() => setDialog(null)}
          onAction={(action, body, params) => {
            setDialog(null);
            void run(action, body, params);
          }}
          onRejoin={(number) => {
            setDialog(null);
            void rejoin(number);
          }}
        />
      ) : null}
    </div>
  );
}

/** For tests and debugging: the hall time the page believes. */
export const currentHallTime = hallNow;
