// The admin page's sections that load their own data: the sync status with the
// central platform (数据上报), and the calling-policy simulator with the list of
// policies it may compare. Each polls or loads once and shows its panel.
import type { StaffSessionDTO } from '../../hall/api/dto';
import type { SyncStatusDTO } from '../../hall/api/sync-dto';
import { useT } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import type { PageConnection } from '../shared/page/connection';
import { SyncStatusPanel } from './SyncStatusPanel';
import { SimulatorPanel, fetchSimulatorPolicies, type SimulatorPolicyOption } from './SimulatorPanel';

interface SectionProps {
  connection: PageConnection;
  session: StaffSessionDTO;
}

export function SyncStatusSection({ connection, session }: SectionProps) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<SyncStatusDTO>((signal) => client.call('syncStatus', { signal }), {
    live,
    key: `sync:${session.sessionToken}`,
    // Every committed event changes the backlog; the poll keeps "last success" fresh while idle.
    accept: () => true,
    pollMs: 10_000,
    minIntervalMs: 2_000,
  });
  if (view.data) return <SyncStatusPanel status={view.data} />;
  return <section className="admin-card">{view.error ? <p role="alert">{t(describeError(view.error))}</p> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
}

export function SimulatorSection({ connection, session }: SectionProps) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<SimulatorPolicyOption[]>((signal) => fetchSimulatorPolicies(client, signal), {
    live,
    key: `simulator:${session.sessionToken}`,
    accept: () => false,
    pollMs: 3_600_000,
  });
  if (view.data) return <SimulatorPanel client={client} policies={view.data} />;
  return <section className="admin-card">{view.error ? <p role="alert">{t(describeError(view.error))}</p> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
}
