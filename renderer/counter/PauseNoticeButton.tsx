// 预告暂停: the counter's staff announce their own pause in advance (000 第十七条) — a reason
// category from the hall's list, when it starts and how long it lasts. The hall display and the
// kiosks show it from now on, with the time service resumes. The pause itself is still the
// 暂停 action when the time comes.
import { useState } from 'react';
import type { PageConnection } from '../shared/page/connection';
import { useT } from '../shared/i18n';
import { ApiError } from '../shared/api/errors';
import { hallNow } from '../shared/hooks/hallClock';
import { formatHm } from '../shared/format/time';
import { CounterDialog } from './CounterDialog';
import '../shared/styles/service-desk.css';

export function PauseNoticeButton({ client, counterId }: { client: PageConnection['client']; counterId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reasons, setReasons] = useState<{ id: string; label: string }[]>([]);
  const [reasonId, setReasonId] = useState('');
  const [inMinutes, setInMinutes] = useState(15);
  const [minutes, setMinutes] = useState(30);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const start = async () => {
    setOpen(true);
    try {
      const list = (await client.call('serviceNotices', {})).reasons;
      setReasons(list);
      setReasonId((current) => current || (list[0]?.id ?? ''));
    } catch {
      setReasons([]);
    }
  };

  const submit = async () => {
    const startsAt = hallNow() + inMinutes * 60_000;
    try {
      const notice = await client.call('announceCounterPause', { params: { counterId }, body: { reasonId, startsAt, resumesAt: startsAt + minutes * 60_000 } });
      setResult({ ok: true, text: t('pauseNotice.done', { starts: formatHm(notice.startsAt), resumes: formatHm(notice.resumesAt), reason: notice.reasonLabel }) });
      setOpen(false);
    } catch (err) {
      setResult({ ok: false, text: t('unresolved.failed', { message: err instanceof ApiError ? err.message : String(err) }) });
    }
  };

  return (
    <div className="pause-notice">
      <button type="button" className="big-button secondary" onClick={() => void start()} data-testid="pause-notice-open">
        {t('pauseNotice.open')}
      </button>
      {result ? (
        <p className={result.ok ? 'counter-feedback-ok' : 'counter-feedback-error'} role="status" data-testid="pause-notice-result" data-ok={String(result.ok)}>
          {result.text}
        </p>
      ) : null}
      {open ? (
        <CounterDialog title={t('pauseNotice.title')} testId="pause-notice-dialog" onCancel={() => setOpen(false)}>
          <form
            className="unresolved-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label>
              {t('admin.serviceDesk.noticeReason')}
              <select value={reasonId} onChange={(e) => setReasonId(e.target.value)} data-testid="pause-notice-reason">
                {reasons.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('admin.serviceDesk.noticeStarts')}
              <input type="number" min={0} max={720} value={inMinutes} onChange={(e) => setInMinutes(Number(e.target.value))} data-testid="pause-notice-in" />
            </label>
            <label>
              {t('admin.serviceDesk.noticeMinutes')}
              <input type="number" min={1} max={480} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="pause-notice-minutes" />
            </label>
            <button type="submit" className="big-button" data-testid="pause-notice-submit">
              {t('pauseNotice.submit')}
            </button>
          </form>
        </CounterDialog>
      ) : null}
    </div>
  );
}
