// 数据上报: the uplink's status for the hall manager — connected or not, records
// waiting and the age of the oldest, a progress bar while catching up, last
// success, last error in plain words (technical detail folded away), records
// central refused (quarantined), clock drift. Props are the DTO of
// GET /api/v1/admin/sync (hall/sync/status.ts); the page polls it.
// Words, not colour alone: every state has its text.
// The i18n keys live in shared/i18n/zh-CN-sync.ts until merged into zh-CN.
import type { SyncState, SyncStatusDTO } from '../../hall/api/sync-dto';
import { useT, type MessageParams } from '../shared/i18n';
import type { SyncMessageKey } from '../shared/i18n/zh-CN-sync';
import { formatHm, wallClock } from '../shared/format/time';

type SyncT = (key: SyncMessageKey, params?: MessageParams) => string;

const STATE_KEYS: Record<SyncState, SyncMessageKey> = {
  offline_only: 'admin.sync.state.offline_only',
  not_started: 'admin.sync.state.not_started',
  idle: 'admin.sync.state.idle',
  sending: 'admin.sync.state.sending',
  catching_up: 'admin.sync.state.catching_up',
  backing_off: 'admin.sync.state.backing_off',
  blocked: 'admin.sync.state.blocked',
  stopped: 'admin.sync.state.stopped',
};

const ERROR_KEYS: Record<string, SyncMessageKey> = {
  network: 'admin.sync.error.network',
  timeout: 'admin.sync.error.timeout',
  unauthorized: 'admin.sync.error.unauthorized',
  unknown_hall: 'admin.sync.error.unknown_hall',
  rate_limited: 'admin.sync.error.rate_limited',
  sequence_conflict: 'admin.sync.error.sequence_conflict',
  no_token: 'admin.sync.error.no_token',
  local_gap: 'admin.sync.error.local_gap',
  too_large: 'admin.sync.error.too_large',
  protocol_version: 'admin.sync.error.protocol_version',
  bad_answer: 'admin.sync.error.bad_answer',
};

/** "3 天 4 小时" / "2 小时 5 分钟" / "12 分钟". */
export function formatAge(t: SyncT, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return t('admin.sync.age.days', { days, hours: hours % 24 });
  if (hours > 0) return t('admin.sync.age.hours', { hours, minutes: minutes % 60 });
  return t('admin.sync.age.minutes', { minutes });
}

/** Date and time, with the date only when it is not today. */
function when(ms: number, now: number): string {
  const a = wallClock(ms);
  const b = wallClock(now);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return sameDay ? formatHm(ms) : `${a.month}/${a.day} ${formatHm(ms)}`;
}

export function SyncStatusPanel({ status }: { status: SyncStatusDTO }) {
  // Typed for the sync keys (merged into the main catalog by the lead).
  const t = useT() as unknown as SyncT;
  const s = status;
  const percent = s.catchUp && s.catchUp.total > 0 ? Math.floor((s.catchUp.acked / s.catchUp.total) * 100) : 0;
  const errorKey = s.lastError ? ERROR_KEYS[s.lastError.code] : undefined;
  const errorCurrent = s.lastError !== null && (s.lastSuccessAt === null || s.lastError.at >= s.lastSuccessAt);

  return (
    <section className="admin-card admin-sync" data-testid="admin-sync" data-state={s.state} data-connected={s.connected}>
      <h2>{t('admin.sync')}</h2>
      <p className="admin-muted">{t('admin.sync.hint')}</p>
      {!s.enabled ? (
        <p data-testid="sync-offline-only">{t('admin.sync.offlineOnly')}</p>
      ) : (
        <>
          <p className="admin-sync-state">
            <strong data-testid="sync-connected">{s.connected ? `✔ ${t('admin.sync.connected')}` : `✖ ${t('admin.sync.disconnected')}`}</strong>
            {' · '}
            <span>{t('admin.sync.state', { state: t(STATE_KEYS[s.state]) })}</span>
            {s.nextAttemptAt !== null && (s.state === 'backing_off' || s.state === 'blocked') ? <span> · {t('admin.sync.nextAttempt', { time: when(s.nextAttemptAt, s.now) })}</span> : null}
          </p>
          <table className="admin-table admin-sync-table">
            <tbody>
              <tr>
                <th scope="row">{t('admin.sync.backlog')}</th>
                <td data-testid="sync-backlog" data-backlog={s.backlog}>
                  {s.backlog > 0 ? t('admin.sync.backlogCount', { count: s.backlog }) : t('admin.sync.backlogNone')}
                  {s.oldestPendingAgeMs !== null ? ` · ${t('admin.sync.oldest', { age: formatAge(t, s.oldestPendingAgeMs) })}` : null}
                </td>
              </tr>
              {s.catchUp ? (
                <tr>
                  <th scope="row">{t('admin.sync.catchUpLabel')}</th>
                  <td>
                    <progress max={s.catchUp.total} value={s.catchUp.acked} aria-label={t('admin.sync.catchUpLabel')} data-testid="sync-progress" />{' '}
                    {t('admin.sync.catchUp', { acked: s.catchUp.acked, total: s.catchUp.total, percent })}
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t('admin.sync.lastSuccess')}</th>
                <td>{s.lastSuccessAt !== null ? when(s.lastSuccessAt, s.now) : t('admin.sync.never')}</td>
              </tr>
              {s.lastError ? (
                <tr className={errorCurrent ? 'admin-sync-error' : 'admin-muted'}>
                  <th scope="row">{t('admin.sync.lastError')}</th>
                  <td data-testid="sync-error" data-code={s.lastError.code}>
                    {t('admin.sync.errorAt', { time: when(s.lastError.at, s.now), reason: errorKey ? t(errorKey) : t('admin.sync.error.other', { code: s.lastError.code }) })}
                    <details>
                      <summary>{t('admin.sync.errorDetail')}</summary>
                      <code>
                        {s.lastError.httpStatus !== null ? `HTTP ${s.lastError.httpStatus} ` : ''}
                        {s.lastError.message}
                      </code>
                    </details>
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t('admin.sync.clock')}</th>
                <td data-testid="sync-clock" data-flagged={s.clock.flagged}>
                  {s.clock.driftMs === null ? t('admin.sync.clockUnknown') : t('admin.sync.clockDrift', { seconds: Math.round(s.clock.driftMs / 1000) })}
                  {s.clock.flagged ? <strong> · ⚠ {t('admin.sync.clockFlagged', { minutes: Math.round(s.clock.maxDriftMs / 60_000) })}</strong> : null}
                </td>
              </tr>
            </tbody>
          </table>
          {s.lastReregister ? <p className="admin-muted">{t('admin.sync.reregistered', { time: when(s.lastReregister.at, s.now) })}</p> : null}
          <h3>{t('admin.sync.quarantined')}</h3>
          {s.quarantined.count === 0 ? (
            <p className="admin-muted">{t('admin.sync.quarantinedNone')}</p>
          ) : (
            <>
              <p>{t('admin.sync.quarantinedCount', { count: s.quarantined.count })}</p>
              <table className="admin-table" data-testid="sync-quarantine">
                <thead>
                  <tr>
                    <th>{t('admin.sync.col.seq')}</th>
                    <th>{t('admin.sync.col.type')}</th>
                    <th>{t('admin.sync.col.reason')}</th>
                    <th>{t('admin.sync.col.at')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.quarantined.items.map((q) => (
                    <tr key={q.seq}>
                      <td className="num">{q.seq}</td>
                      <td>
                        <code>{q.type}</code>
                      </td>
                      <td>{q.reason}</td>
                      <td>{when(q.at, s.now)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
