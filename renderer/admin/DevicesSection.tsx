// 设备: every device of the hall grouped by terminal under the terminal's name from the
// configuration, in words a 大厅主任 understands — a count of problems at the top, then per
// device what is wrong and what to do ("1号窗口 评价器未连接 — 请检查连线或联系技术人员"),
// icon + words (colour is never the only cue), updated live by the `devices` message. The
// technician's detail (ids, driver, port, the driver's last message, the agent) is behind a
// <details> fold: nothing in English or a file path shows outside it.
import type { ReactNode } from 'react';
import type { CounterSummaryDTO, DeviceDTO } from '../../hall/api/dto';
import type { TerminalRowDTO } from '../../hall/api/contract';
import { useT } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { useDevices } from '../shared/devices/useDevices';
import { groupByTerminal, healthDisplay, kindKey } from '../shared/devices/devices';
import { hasProblem, healthWords } from '../shared/devices/health-words';
import { formatHm } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { HealthFaultIcon, HealthOkIcon, HealthUnknownIcon, WarningIcon } from '../shared/components/Icons';
import { DeviceControls, useDeviceActions } from './DeviceControls';
import './devices.css';

export { CARD_FIXTURES } from './DeviceControls';

export function DevicesSection({ connection, sessionToken, counters }: { connection: PageConnection; sessionToken: string; counters: CounterSummaryDTO[] }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<DeviceDTO[]>((signal) => client.call('devices', { signal }), {
    live,
    key: `devices:${sessionToken}`,
    accept: (n) => n.kind === 'resync',
    pollMs: 30_000,
  });
  // Terminal names change only with the configuration (a restart).
  const terminals = useHallView<TerminalRowDTO[]>((signal) => client.call('terminals', { signal }), { live, key: `device-terminals:${sessionToken}`, accept: () => false, pollMs: 3_600_000 });
  const devices = useDevices(live, view.data ?? undefined);
  const actions = useDeviceActions(connection, view.reload);

  const terminalName = (id: string) => terminals.data?.find((x) => x.id === id)?.name || t('deviceWords.unnamedTerminal');
  /** Where the manager finds the device: its counter (3号窗口) or its terminal's name (一号取号机). */
  const place = (d: DeviceDTO) => {
    const c = d.counterId ? counters.find((x) => x.id === d.counterId) : undefined;
    return c ? t('deviceWords.counterPlace', { number: c.number }) : terminalName(d.terminalId);
  };
  const sentence = (d: DeviceDTO) => {
    const words = healthWords(d.health);
    return t('deviceWords.line', { place: place(d), device: t(kindKey(d.kind)), problem: t(words.problem), action: t(words.action) });
  };
  const problems = devices.filter(hasProblem);

  return (
    <section className="admin-card admin-devices" data-testid="admin-devices">
      <h2>{t('admin.devices')}</h2>
      <p className="admin-muted">{t('admin.devices.hint')}</p>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {view.data && devices.length === 0 ? <p className="admin-muted">{t('admin.devices.empty')}</p> : null}
      {devices.length ? (
        <div className={`admin-device-summary ${problems.length ? 'admin-device-summary-bad' : ''}`} data-testid="device-summary" data-problems={problems.length}>
          <h3>
            {problems.length ? <WarningIcon width="1.2em" height="1.2em" /> : <HealthOkIcon width="1.2em" height="1.2em" />}{' '}
            {problems.length ? t('deviceWords.summary.count', { count: problems.length }) : t('deviceWords.summary.none')}
          </h3>
          {problems.length ? (
            <ul>
              {problems.map((d) => (
                <li key={d.id} data-testid="device-problem" data-device-id={d.id} data-code={d.health.code}>
                  {sentence(d)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {devices.length ? (
        <table className="admin-table admin-device-table">
          <thead>
            <tr>
              <th>{t('admin.devices.kind')}</th>
              <th>{t('admin.devices.health')}</th>
              <th>{t('deviceWords.actionsTitle')}</th>
            </tr>
          </thead>
          {groupByTerminal(devices).map((group) => {
            const count = group.devices.filter(hasProblem).length;
            return (
              <tbody key={group.terminalId} data-testid="device-terminal" data-terminal-id={group.terminalId}>
                <tr className="admin-device-terminal">
                  <th colSpan={3} scope="rowgroup" data-testid="device-terminal-name">
                    {terminalName(group.terminalId)}
                    <span className="admin-muted">
                      {' · '}
                      {t('deviceWords.terminalDevices', { count: group.devices.length })}
                      {count ? ` · ${t('deviceWords.terminalProblems', { count })}` : ''}
                    </span>
                  </th>
                </tr>
                {group.devices.map((d) => (
                  <DeviceRow key={d.id} device={d} place={place(d)}>
                    <DeviceControls device={d} actions={actions} />
                  </DeviceRow>
                ))}
              </tbody>
            );
          })}
        </table>
      ) : null}
    </section>
  );
}

function DeviceRow({ device: d, place, children }: { device: DeviceDTO; place: string; children: ReactNode }) {
  const t = useT();
  const health = healthDisplay(d.health);
  const words = healthWords(d.health);
  return (
    <tr className={`admin-device admin-device-${health.state}`} data-testid="device-row" data-device-id={d.id} data-kind={d.kind} data-health={d.health.state}>
      <td>
        <strong>{t(kindKey(d.kind))}</strong>
        {d.counterId ? <div className="admin-muted">{t('admin.devices.counter', { counter: place })}</div> : null}
        {d.emulated ? <span className="admin-badge">{t('admin.devices.emulated')}</span> : null}
      </td>
      <td>
        <div className={`admin-health admin-health-${health.state}`} data-testid="device-health">
          <HealthIcon icon={health.icon} />
          <strong>{t(health.label)}</strong>
        </div>
        <div className="admin-health-message" data-testid="device-words">
          {t(words.problem)}
          {hasProblem(d) ? ` — ${t(words.action)}` : ''}
        </div>
        <TechnicalDetail device={d} />
      </td>
      <td className="admin-device-actions">{children}</td>
    </tr>
  );
}

/** The technician's view: everything the driver said, in its own words, behind a fold. */
function TechnicalDetail({ device: d }: { device: DeviceDTO }) {
  const t = useT();
  const rows: [string, string][] = [
    [t('deviceWords.detail.deviceId'), d.id],
    [t('deviceWords.detail.terminalId'), d.terminalId],
    [t('deviceWords.detail.driver'), d.kind],
    [t('deviceWords.detail.model'), d.model],
    [t('deviceWords.detail.port'), d.transport],
    [t('deviceWords.detail.code'), d.health.code],
    [t('deviceWords.detail.message'), d.health.message],
    [t('deviceWords.detail.since'), d.health.since ? formatHm(d.health.since) : ''],
    [t('deviceWords.detail.agent'), t(d.agentConnected ? 'deviceWords.detail.agentConnected' : 'deviceWords.detail.agentDisconnected')],
    ...(d.agent ? [[t('deviceWords.detail.agentProcessLabel'), t('deviceWords.detail.agentProcess', { pid: d.agent.pid, version: d.agent.version })] as [string, string]] : []),
  ];
  return (
    <details className="admin-device-detail" data-testid="device-detail">
      <summary>{t('deviceWords.detail')}</summary>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function HealthIcon({ icon }: { icon: 'ok' | 'warning' | 'fault' | 'unknown' }) {
  const size = { width: '1.3em', height: '1.3em' };
  if (icon === 'ok') return <HealthOkIcon {...size} />;
  if (icon === 'warning') return <WarningIcon {...size} />;
  if (icon === 'fault') return <HealthFaultIcon {...size} />;
  return <HealthUnknownIcon {...size} />;
}
