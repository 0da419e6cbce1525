// The counter's 差评 list and its 申诉复核 (docs/bad-rating-cases.md): the rated counter's
// signed-in staff member sees this counter's bad ratings of the last 7 days with their state
// and, on one not yet rectified (待回访 or 已回访), opens an appeal with a written reason. The hall
// attaches the evidence from its own record (issued, called, started, finished, rated) itself;
// the manager decides the appeal on the admin page.
import { useState } from 'react';
import type { ReplyOf } from '../../hall/api/contract';
import type { PageConnection } from '../shared/page/connection';
import { useHallView } from '../shared/hooks/useHallView';
import { useT, type MessageKey } from '../shared/i18n';
import { ApiError } from '../shared/api/errors';
import { formatHm } from '../shared/format/time';
import { CounterDialog } from './CounterDialog';
import { dayOfInstant } from '../shared/format/calendar-day';

type Case = ReplyOf<'counterBadRatingCases'>['cases'][number];

const APPEALABLE: readonly Case['status'][] = ['opened', 'revisited'];
const MIN_REASON = 5;

/** The refusal in the staff member's words (the hall's message is for logs). */
function refusalKey(err: unknown): { key: MessageKey; code: string } {
  const code = err instanceof ApiError ? err.code : 'network';
  const known = ['wrong_state', 'case_closed', 'not_rated_counter'];
  return { key: (known.includes(code) ? `counterAppeal.failed.${code}` : 'counterAppeal.failed.other') as MessageKey, code };
}

export function BadRatingAppeals({ connection, counterId }: { connection: PageConnection; counterId: string }) {
  const t = useT();
  const { client, live } = connection;
  const [appealing, setAppealing] = useState<Case | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const view = useHallView((signal) => client.call('counterBadRatingCases', { params: { counterId }, signal }), {
    live,
    key: `bad-ratings:${counterId}`,
    accept: (n) => n.kind === 'resync' || n.event.type.startsWith('bad_rating_case_'),
    pollMs: 60_000,
  });
  const cases = view.data?.cases ?? [];

  const send = async (c: Case, reason: string) => {
    try {
      await client.call('appealBadRatingCase', { params: { counterId, caseId: c.id }, body: { reason } });
      setMessage({ ok: true, text: t('counterAppeal.sent', { code: c.code }) });
    } catch (err) {
      const { key, code } = refusalKey(err);
      setMessage({ ok: false, text: t(key, { code }) });
    }
    setAppealing(null);
    view.reload();
  };

  return (
    <section className="records-panel" data-testid="counter-bad-ratings">
      <h2>{t('counterAppeal.title')}</h2>
      <p className="counter-muted">{t('counterAppeal.intro')}</p>
      {message ? (
        <p className={`records-feedback ${message.ok ? 'counter-feedback-ok' : 'counter-feedback-error'}`} role="status" data-testid="appeal-message" data-ok={String(message.ok)}>
          {message.text}
        </p>
      ) : null}
      {view.data && cases.length === 0 ? <p className="counter-muted">{t('counterAppeal.none')}</p> : null}
      <ul className="records-list">
        {cases.map((c) => (
          <li key={c.id} data-testid="counter-bad-case" data-code={c.code} data-status={c.status}>
            <strong>{t('badCases.code', { code: c.code })}</strong>
            {c.ticketNumber ? <span>{t('badCases.ticket', { number: c.ticketNumber })}</span> : null}
            <span>{c.matterName}</span>
            <span className="bad-case-level">{t(`badCases.level.${c.level}` as MessageKey)}</span>
            <span>{t('counterAppeal.ratedAt', { time: `${dayOfInstant(c.ratedAt)} ${formatHm(c.ratedAt)}` })}</span>
            <span data-testid="counter-bad-case-status">{t(`badCases.status.${c.status}` as MessageKey)}</span>
            {c.reasonTags.length ? <span>{t('badCases.tags', { tags: c.reasonTags.map((x) => x.label).join('、') })}</span> : null}
            {c.appeal ? <span>{t('counterAppeal.yourReason', { reason: c.appeal.reason })}</span> : null}
            {APPEALABLE.includes(c.status) ? (
              <button type="button" onClick={() => setAppealing(c)} data-testid="counter-appeal">
                {t('counterAppeal.appeal')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {appealing ? <AppealDialog c={appealing} onCancel={() => setAppealing(null)} onSend={(reason) => void send(appealing, reason)} /> : null}
    </section>
  );
}

function AppealDialog({ c, onSend, onCancel }: { c: Case; onSend: (reason: string) => void; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  return (
    <CounterDialog title={t('counterAppeal.dialogTitle', { code: c.code })} testId="appeal-dialog" onCancel={onCancel}>
      <form
        className="record-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const text = reason.trim();
          if (text.length < MIN_REASON) return setTooShort(true);
          onSend(text);
        }}
      >
        <label htmlFor="appeal-reason">{t('counterAppeal.reason')}</label>
        <textarea
          id="appeal-reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setTooShort(false);
          }}
          rows={4}
          maxLength={500}
          aria-describedby="appeal-reason-hint appeal-reason-error"
          aria-invalid={tooShort}
          data-testid="appeal-reason"
        />
        <span id="appeal-reason-hint" className="record-hint">
          {t('counterAppeal.reasonHint')}
        </span>
        <span id="appeal-reason-error" className="counter-feedback-error" role={tooShort ? 'alert' : undefined} data-testid="appeal-reason-error">
          {tooShort ? t('counterAppeal.reasonTooShort') : ''}
        </span>
        <button type="submit" className="big-button" data-testid="appeal-submit">
          {t('counterAppeal.submit')}
        </button>
      </form>
    </CounterDialog>
  );
}
