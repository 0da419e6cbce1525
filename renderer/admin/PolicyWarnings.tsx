// 叫号策略提醒 on the admin page: calling policies without a cap, and ratios that give the
// green channel fewer calls than walk-ins (policyWarnings.ts decides which). Loads the policy
// list once an hour: policies change only with the hall configuration.
import type { PolicySummaryDTO } from '../../hall/api/contract';
import { useT } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { WarningIcon } from '../shared/components/Icons';
import { policyWarnings } from './policyWarnings';

const rowStyle = { display: 'flex', gap: '0.6em', alignItems: 'flex-start' } as const;

export function PolicyWarnings({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<PolicySummaryDTO[]>((signal) => client.call('simulatePolicies', { signal }), {
    live,
    key: `policy-warnings:${sessionToken}`,
    accept: () => false,
    pollMs: 3_600_000,
  });
  const list = view.data ? policyWarnings(view.data) : [];
  return (
    <section className="admin-card" data-testid="policy-warnings" data-count={list.length}>
      <h2>{t('admin.policyWarnings.title')}</h2>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {view.data && list.length === 0 ? <p className="admin-muted">{t('admin.policyWarnings.none')}</p> : null}
      {list.length ? (
        <>
          <ul className="admin-warning-list" style={{ listStyle: 'none', padding: 0 }}>
            {list.map((w) => (
              <li key={`${w.id}:${w.kind}`} className="admin-warning" style={rowStyle} data-testid="policy-warning-row" data-policy-id={w.id} data-warning={w.kind}>
                <WarningIcon width="1.2em" height="1.2em" />
                <span>
                  {w.kind === 'no_cap'
                    ? t('admin.policyWarnings.noCap', { name: w.name })
                    : t('admin.policyWarnings.fewerPriority', { name: w.name, priority: w.ratio.priority, walkIn: w.ratio.walkIn })}
                </span>
              </li>
            ))}
          </ul>
          <p className="admin-muted">{t('admin.policyWarnings.hint')}</p>
        </>
      ) : null}
    </section>
  );
}
