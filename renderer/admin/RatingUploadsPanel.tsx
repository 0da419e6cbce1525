// 好差评上报: the hall manager's view of the rating upload — counts per state,
// the age of the oldest upload still on its way, the rejected ratings with the
// destination's reason (kept, never dropped) and a re-queue button, and the
// ones being retried. Reads GET /api/v1/admin/rating-uploads (admin session).
// The DTO is mirrored here (renderer may import only hall/api/dto.ts); keep it
// in step with hall/api/routes/rating-uploads.ts until it moves into dto.ts.
import { useState } from 'react';
import { useT, interpolate, type MessageKey, type MessageParams } from '../shared/i18n';
import { ApiError, describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { WarningIcon } from '../shared/components/Icons';
import type { RatingUploadsDTO } from '../../hall/api/contract';
import { zhCNRatingUploads, type RatingUploadsKey } from '../shared/i18n/zh-CN-rating-uploads';

/** The answer of GET /api/v1/admin/rating-uploads, as the route table declares it. */
type RatingUploads = RatingUploadsDTO;
type UploadState = keyof Extract<RatingUploads, { configured: true }>['counts'];
type UploadProblem = Extract<RatingUploads, { configured: true }>['rejected'][number];
const STATES: readonly UploadState[] = ['pending', 'sent', 'unknown', 'acked', 'rejected', 'skipped'];

/** Catalog text, or this panel's own zh-CN text while the lead has not merged it. */
function useText() {
  const t = useT();
  return (key: RatingUploadsKey, params?: MessageParams) => {
    const merged = t(key as MessageKey, params);
    return merged === key ? interpolate(zhCNRatingUploads[key], params) : merged;
  };
}

export function RatingUploadsPanel({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const t = useT();
  const tx = useText();
  const { client, live } = connection;
  const view = useHallView((signal) => client.call('ratingUploads', { signal }), {
    live,
    key: `rating-uploads:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || n.event.type === 'rating_recorded',
    pollMs: 30_000,
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const requeue = async (ratingId: string) => {
    if (busy) return;
    setBusy(ratingId);
    try {
      await client.call('requeueRatingUpload', { params: { ratingId } });
      setMessage({ ok: true, text: tx('admin.ratingUploads.requeued') });
      view.reload();
    } catch (err) {
      const text = err instanceof ApiError ? `${err.message} (${err.code})` : t(describeError(err));
      setMessage({ ok: false, text: tx('admin.ratingUploads.failed', { message: text }) });
    } finally {
      setBusy(null);
    }
  };

  const data = view.data;
  return (
    <section className="admin-card" data-testid="admin-rating-uploads">
      <h2>{tx('admin.ratingUploads.title')}</h2>
      {view.error && !data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {!data ? null : !data.configured ? (
        <p data-testid="rating-uploads-not-configured">{tx('admin.ratingUploads.notConfigured')}</p>
      ) : (
        <>
          <p>
            {tx('admin.ratingUploads.destination', { destination: data.destination, profile: data.profile === 'national' || data.profile === 'provincial' ? tx(`admin.ratingUploads.profile.${data.profile}`) : data.profile })}
            {data.enabled ? null : ` · ${tx('admin.ratingUploads.disabled')}`}
          </p>
          {data.problem ? (
            <p className="admin-over" data-testid="rating-uploads-problem">
              <WarningIcon width="1em" height="1em" /> {tx('admin.ratingUploads.problem', { problem: data.problem })}
            </p>
          ) : null}
          <ul className="admin-summary" data-testid="rating-uploads-counts">
            {STATES.map((s) => (
              <li key={s} data-state={s} className={s === 'rejected' && data.counts[s] > 0 ? 'admin-over' : ''}>
                {s === 'rejected' && data.counts[s] > 0 ? <WarningIcon width="1em" height="1em" /> : null} {tx(`admin.ratingUploads.state.${s}`)}：
                <strong>{data.counts[s]}</strong>
              </li>
            ))}
          </ul>
          <p data-testid="rating-uploads-oldest">
            {data.oldestPendingAgeMs === null ? tx('admin.ratingUploads.oldestNone') : tx('admin.ratingUploads.oldest', { age: age(data.oldestPendingAgeMs, tx) })}
          </p>
          {message ? <p className={message.ok ? 'admin-ok' : 'admin-over'}>{message.text}</p> : null}
          <ProblemTable title={tx('admin.ratingUploads.rejectedTitle')} rows={data.rejected} onRequeue={requeue} busy={busy} testId="rating-uploads-rejected" />
          <ProblemTable title={tx('admin.ratingUploads.retryingTitle')} rows={data.retrying} busy={busy} testId="rating-uploads-retrying" />
        </>
      )}
    </section>
  );
}

function age(ms: number, tx: ReturnType<typeof useText>): string {
  const minutes = Math.floor(ms / 60_000);
  return minutes < 120 ? tx('admin.ratingUploads.minutes', { count: minutes }) : tx('admin.ratingUploads.hours', { count: Math.floor(minutes / 60) });
}

function ProblemTable({ title, rows, onRequeue, busy, testId }: { title: string; rows: UploadProblem[]; onRequeue?: (id: string) => void; busy: string | null; testId: string }) {
  const t = useT();
  const tx = useText();
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p>{tx('admin.ratingUploads.none')}</p>
      ) : (
        <table className="admin-table" data-testid={testId}>
          <thead>
            <tr>
              <th>{tx('admin.ratingUploads.day')}</th>
              <th>{tx('admin.ratingUploads.ticket')}</th>
              <th>{tx('admin.ratingUploads.level')}</th>
              <th>{tx('admin.ratingUploads.reason')}</th>
              <th>{tx('admin.ratingUploads.attempts')}</th>
              {onRequeue ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ratingId} data-rating-id={r.ratingId}>
                <td>{r.serviceDay ?? '—'}</td>
                <td className="num">{r.ticketNumber ?? '—'}</td>
                <td>{r.level ? t(`rating.${r.level}` as MessageKey) : '—'}</td>
                <td>{r.reason ?? '—'}</td>
                <td className="num">{r.attempts}</td>
                {onRequeue ? (
                  <td>
                    <button type="button" disabled={busy !== null} onClick={() => onRequeue(r.ratingId)}>
                      {tx('admin.ratingUploads.requeue')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
