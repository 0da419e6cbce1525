// 呼叫工作人员 on the admin page (the guide's station): which kiosk asked for staff and when,
// open requests first, and a button to say "I'm going" (acknowledge) that the kiosk shows to
// its visitor. Updated at once by the live `help` message, and every 30 s as a fallback.
import { useEffect, useRef, useState } from 'react';
import type { HelpRequestDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { formatHm } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { WarningIcon } from '../shared/components/Icons';

const listStyle = { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: '0.6em' } as const;
const rowStyle = { display: 'flex', gap: '0.8em', alignItems: 'center', flexWrap: 'wrap' } as const;

export function HelpRequestsPanel({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<HelpRequestDTO[]>((signal) => client.call('helpRequests', { signal }), { live, key: `help:${sessionToken}`, pollMs: 30_000 });
  const [failure, setFailure] = useState<unknown>(null);
  const reload = view.reload;
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });

  useEffect(() => {
    if (!live) return undefined;
    return live.onSignal((s) => {
      if (s.type === 'help') reloadRef.current();
    });
  }, [live]);

  const acknowledge = async (id: string) => {
    try {
      setFailure(null);
      await client.call('acknowledgeHelp', { params: { id }, body: {} });
      reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const list = view.data ?? [];
  const open = list.filter((r) => r.acknowledgedAt === null).length;
  return (
    <section className="admin-card admin-help" data-testid="help-requests" data-open={open} role={open ? 'alert' : undefined}>
      <h2>
        {open ? <WarningIcon width="1em" height="1em" /> : null} {t('admin.help.title')}
      </h2>
      <p className="admin-muted">{t('admin.help.hint')}</p>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={reload} /> : null}
      {failure ? <ErrorMessage message={describeError(failure)} /> : null}
      {view.data && list.length === 0 ? <p className="admin-muted">{t('admin.help.empty')}</p> : null}
      <ul style={listStyle}>
        {list.map((r) => (
          <li key={r.id} style={rowStyle} data-testid="help-request" data-terminal={r.terminalId} data-acknowledged={String(r.acknowledgedAt !== null)}>
            <strong>{t('admin.help.from', { terminal: r.terminalName })}</strong>
            <span>{t('admin.help.at', { time: formatHm(r.at) })}</span>
            {r.acknowledgedAt === null ? (
              <button type="button" onClick={() => void acknowledge(r.id)} data-testid="help-acknowledge">
                {t('admin.help.ack')}
              </button>
            ) : (
              <span className="admin-muted">{t('admin.help.acked', { name: r.acknowledgedBy ?? '', time: formatHm(r.acknowledgedAt) })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
