// 设备: every device of the hall grouped by terminal, for technicians. Health in icon +
// words + code + message + since (colour is never the only cue), updated live by the
// `devices` message. Printers print a test ticket and show the preview image of exactly
// what was sent; the demo's emulated devices take injected card swipes, presses, printer
// faults and unplug/replug.
import { useState } from 'react';
import type { CounterSummaryDTO, DeviceDTO, EmulatorActionRequest, RatingLevel } from '../../hall/api/dto';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { ApiError, describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { useDevices } from '../shared/devices/useDevices';
import { groupByTerminal, healthDisplay, kindKey, svgDataUrl } from '../shared/devices/devices';
import { printerFlagsFromHealth, type PrinterFlag, type PrinterFlags } from '../shared/devices/printerFlags';
import { formatHm } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { HealthFaultIcon, HealthOkIcon, HealthUnknownIcon, WarningIcon } from '../shared/components/Icons';

export const CARD_FIXTURES: readonly { id: string; label: MessageKey }[] = [
  { id: 'resident-adult', label: 'admin.devices.fixture.residentAdult' },
  { id: 'resident-elderly', label: 'admin.devices.fixture.residentElderly' },
  { id: 'resident-rare-character-name', label: 'admin.devices.fixture.rareName' },
  { id: 'foreigner-2017', label: 'admin.devices.fixture.foreigner2017' },
  { id: 'foreigner-2023', label: 'admin.devices.fixture.foreigner2023' },
  { id: 'hmt-residence-permit', label: 'admin.devices.fixture.hmt' },
];

const LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'];

const FLAGS: readonly { flag: PrinterFlag; label: MessageKey }[] = [
  { flag: 'paperOut', label: 'admin.devices.flag.paperOut' },
  { flag: 'paperNearEnd', label: 'admin.devices.flag.paperNearEnd' },
  { flag: 'coverOpen', label: 'admin.devices.flag.coverOpen' },
  { flag: 'offline', label: 'admin.devices.flag.offline' },
];

type Outcome = { ok: boolean; key: MessageKey; params?: MessageParams; preview?: string };

export function DevicesSection({ connection, sessionToken, counters }: { connection: PageConnection; sessionToken: string; counters: CounterSummaryDTO[] }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<DeviceDTO[]>((signal) => client.call('devices', { signal }), {
    live,
    key: `devices:${sessionToken}`,
    accept: (n) => n.kind === 'resync',
    pollMs: 30_000,
  });
  const devices = useDevices(live, view.data ?? undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [flags, setFlags] = useState<Record<string, PrinterFlags>>({});
  const [fixtures, setFixtures] = useState<Record<string, string>>({});

  const failed = (err: unknown): Outcome =>
    err instanceof ApiError ? { ok: false, key: 'admin.devices.failed', params: { message: `${err.message} (${err.code})` } } : { ok: false, key: describeError(err) };

  const run = async (device: DeviceDTO, work: () => Promise<Outcome>) => {
    if (busy) return;
    setBusy(device.id);
    try {
      const outcome = await work();
      setOutcomes((o) => ({ ...o, [device.id]: outcome }));
    } catch (err) {
      setOutcomes((o) => ({ ...o, [device.id]: failed(err) }));
    } finally {
      setBusy(null);
    }
  };

  const testPrint = (device: DeviceDTO) =>
    run(device, async () => {
      const res = await client.call('testPrint', { params: { deviceId: device.id } });
      const preview = res.previewSvg ? svgDataUrl(res.previewSvg) : undefined;
      if (res.print.status === 'printed' || res.print.status === 'unconfirmed') return { ok: true, key: 'admin.devices.printed', preview };
      if (res.print.status === 'no_printer') return { ok: false, key: 'admin.devices.noPrinter', preview };
      return { ok: false, key: 'admin.devices.printFailed', params: { code: res.print.code ?? '', message: res.print.message ?? '' }, preview };
    });

  const emulate = (device: DeviceDTO, request: EmulatorActionRequest, label: string, after?: () => void) =>
    run(device, async () => {
      await client.call('emulator', { params: { deviceId: device.id }, body: request });
      // The answer may be older than a `devices` push that already arrived (health changes a
      // moment after the action): reload rather than trust it.
      view.reload();
      after?.();
      return { ok: true, key: 'admin.devices.done', params: { action: label } };
    });

  const counterLabel = (id: string | null) => {
    const c = id ? counters.find((x) => x.id === id) : undefined;
    return c ? t('counter.numbered', { number: c.number }) : id;
  };

  return (
    <section className="admin-card admin-devices" data-testid="admin-devices">
      <h2>{t('admin.devices')}</h2>
      <p className="admin-muted">{t('admin.devices.hint')}</p>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {view.data && devices.length === 0 ? <p className="admin-muted">{t('admin.devices.empty')}</p> : null}
      {devices.length ? (
        <table className="admin-table admin-device-table">
          <thead>
            <tr>
              <th>{t('admin.devices.kind')}</th>
              <th>{t('admin.devices.model')}</th>
              <th>{t('admin.devices.transport')}</th>
              <th>{t('admin.devices.health')}</th>
              <th>{t('admin.devices.actions')}</th>
            </tr>
          </thead>
          {groupByTerminal(devices).map((group) => (
            <tbody key={group.terminalId} data-testid="device-terminal" data-terminal-id={group.terminalId}>
              <tr className="admin-device-terminal">
                <th colSpan={5} scope="rowgroup">
                  {t('admin.devices.terminal', { terminal: group.terminalId })}
                </th>
              </tr>
              {group.devices.map((d) => {
                const health = healthDisplay(d.health);
                const outcome = outcomes[d.id];
                const printerFlags = flags[d.id] ?? printerFlagsFromHealth(d.health);
                const disabled = busy !== null;
                return (
                  <tr key={d.id} className={`admin-device admin-device-${health.state}`} data-testid="device-row" data-device-id={d.id} data-kind={d.kind} data-health={d.health.state}>
                    <td>
                      <strong>{t(kindKey(d.kind))}</strong>
                      <div className="admin-muted admin-device-id">{d.id}</div>
                      {d.counterId ? <div className="admin-muted">{t('admin.devices.counter', { counter: counterLabel(d.counterId) ?? '' })}</div> : null}
                      {d.emulated ? <span className="admin-badge">{t('admin.devices.emulated')}</span> : null}
                    </td>
                    <td>{d.model}</td>
                    <td className="admin-device-transport">{d.transport}</td>
                    <td>
                      <div className={`admin-health admin-health-${health.state}`} data-testid="device-health">
                        <HealthIcon icon={health.icon} />
                        <strong>{t(health.label)}</strong>
                        {d.health.code && d.health.code !== 'ok' ? <span className="admin-health-code">{t('admin.devices.code', { code: d.health.code })}</span> : null}
                      </div>
                      {d.health.message ? <div className="admin-health-message">{d.health.message}</div> : null}
                      {d.health.since ? <div className="admin-muted">{t('admin.devices.since', { time: formatHm(d.health.since) })}</div> : null}
                    </td>
                    <td className="admin-device-actions">
                      {d.kind === 'printer' ? (
                        <button type="button" className="admin-button" disabled={disabled} onClick={() => void testPrint(d)} data-testid="device-test-print">
                          {t('admin.devices.testPrint')}
                        </button>
                      ) : null}
                      {d.emulated && d.kind === 'id_reader' ? (
                        <div className="admin-device-controls">
                          <label>
                            {t('admin.devices.fixture')}{' '}
                            <select
                              value={fixtures[d.id] ?? CARD_FIXTURES[0]!.id}
                              onChange={(e) => setFixtures((f) => ({ ...f, [d.id]: e.target.value }))}
                              data-testid="device-swipe-fixture"
                            >
                              {CARD_FIXTURES.map((f) => (
                                <option key={f.id} value={f.id}>
                                  {t(f.label)}
                                </option>
                              ))}
                            </select>
                          </label>
                          <button
                            type="button"
                            className="admin-button"
                            disabled={disabled}
                            onClick={() => void emulate(d, { action: 'swipe_card', fixture: fixtures[d.id] ?? CARD_FIXTURES[0]!.id }, t('admin.devices.swipe'))}
                            data-testid="device-swipe"
                          >
                            {t('admin.devices.swipe')}
                          </button>
                        </div>
                      ) : null}
                      {d.emulated && d.kind === 'rating_pad' ? (
                        <div className="admin-device-controls" role="group" aria-label={t('admin.devices.press')}>
                          <span>{t('admin.devices.press')}</span>
                          {LEVELS.map((level) => (
                            <button
                              key={level}
                              type="button"
                              className="admin-button admin-button-small"
                              disabled={disabled}
                              onClick={() => void emulate(d, { action: 'press', level }, `${t('admin.devices.press')} ${t(`rating.${level}`)}`)}
                              data-testid="device-press"
                              data-level={level}
                            >
                              {t(`rating.${level}`)}
                            </button>
                          ))}
                        </div>
                      ) : null}
                      {d.emulated && d.kind === 'printer' ? (
                        <div className="admin-device-controls" role="group" aria-label={t('admin.devices.printerFlags')}>
                          {FLAGS.map(({ flag, label }) => {
                            const on = printerFlags[flag];
                            const next = { ...printerFlags, [flag]: !on };
                            return (
                              <button
                                key={flag}
                                type="button"
                                className={`admin-button admin-button-small admin-toggle ${on ? 'admin-toggle-on' : ''}`}
                                aria-pressed={on}
                                disabled={disabled}
                                onClick={() =>
                                  void emulate(d, { action: 'printer_state', state: { [flag]: !on } }, t(on ? 'admin.devices.flagOff' : 'admin.devices.flagOn', { flag: t(label) }), () =>
                                    setFlags((f) => ({ ...f, [d.id]: next })),
                                  )
                                }
                                data-testid="device-printer-toggle"
                                data-flag={flag}
                                data-on={String(on)}
                              >
                                {t(on ? 'admin.devices.flagOn' : 'admin.devices.flagOff', { flag: t(label) })}
                              </button>
                            );
                          })}
                        </div>
                      ) : null}
                      {d.emulated ? (
                        <div className="admin-device-controls">
                          <button type="button" className="admin-button admin-button-small" disabled={disabled} onClick={() => void emulate(d, { action: 'unplug' }, t('admin.devices.unplug'))} data-testid="device-unplug">
                            {t('admin.devices.unplug')}
                          </button>
                          <button type="button" className="admin-button admin-button-small" disabled={disabled} onClick={() => void emulate(d, { action: 'replug' }, t('admin.devices.replug'))} data-testid="device-replug">
                            {t('admin.devices.replug')}
                          </button>
                        </div>
                      ) : null}
                      {busy === d.id ? <p className="admin-muted">{t('admin.devices.working')}</p> : null}
                      {outcome ? (
                        <div className={`admin-device-outcome ${outcome.ok ? 'admin-device-outcome-ok' : 'admin-device-outcome-bad'}`} role="status" data-testid="device-outcome" data-ok={String(outcome.ok)}>
                          {outcome.ok ? <HealthOkIcon width="1.1em" height="1.1em" /> : <WarningIcon width="1.1em" height="1.1em" />} {t(outcome.key, outcome.params)}
                        </div>
                      ) : null}
                      {outcome?.preview ? <img className="admin-device-preview" src={outcome.preview} alt={t('admin.devices.preview')} data-testid="device-preview" /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      ) : null}
    </section>
  );
}

function HealthIcon({ icon }: { icon: 'ok' | 'warning' | 'fault' | 'unknown' }) {
  const size = { width: '1.3em', height: '1.3em' };
  if (icon === 'ok') return <HealthOkIcon {...size} />;
  if (icon === 'warning') return <WarningIcon {...size} />;
  if (icon === 'fault') return <HealthFaultIcon {...size} />;
  return <HealthUnknownIcon {...size} />;
}
