// The 测试与模拟 cell of a device on the admin page: a printer's test ticket with the preview of
// exactly what was sent; the demo's emulated devices take injected card swipes, presses, printer
// faults and unplug/replug. Runs one action at a time for the whole section (`busy`).
import { useState } from 'react';
import type { DeviceDTO, EmulatorActionRequest, RatingLevel } from '../../hall/api/dto';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { ApiError, describeError } from '../shared/api/errors';
import { svgDataUrl } from '../shared/devices/devices';
import { printerFlagsFromHealth, type PrinterFlag, type PrinterFlags } from '../shared/devices/printerFlags';
import type { PageConnection } from '../shared/page/connection';
import { HealthOkIcon, WarningIcon } from '../shared/components/Icons';

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

/** State shared by every device's controls: one action runs at a time. */
export function useDeviceActions(connection: PageConnection, reload: () => void) {
  const { client } = connection;
  const [busy, setBusy] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});

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
      reload();
      after?.();
      return { ok: true, key: 'admin.devices.done', params: { action: label } };
    });

  return { busy, outcomes, testPrint, emulate };
}

export type DeviceActions = ReturnType<typeof useDeviceActions>;

export function DeviceControls({ device: d, actions }: { device: DeviceDTO; actions: DeviceActions }) {
  const t = useT();
  const [flags, setFlags] = useState<PrinterFlags | null>(null);
  const [fixture, setFixture] = useState(CARD_FIXTURES[0]!.id);
  const { busy, emulate } = actions;
  const outcome = actions.outcomes[d.id];
  const printerFlags = flags ?? printerFlagsFromHealth(d.health);
  const disabled = busy !== null;
  return (
    <>
      {d.kind === 'printer' ? (
        <button type="button" className="admin-button" disabled={disabled} onClick={() => void actions.testPrint(d)} data-testid="device-test-print">
          {t('admin.devices.testPrint')}
        </button>
      ) : null}
      {d.emulated && d.kind === 'id_reader' ? (
        <div className="admin-device-controls">
          <label>
            {t('admin.devices.fixture')}{' '}
            <select value={fixture} onChange={(e) => setFixture(e.target.value)} data-testid="device-swipe-fixture">
              {CARD_FIXTURES.map((f) => (
                <option key={f.id} value={f.id}>
                  {t(f.label)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="admin-button" disabled={disabled} onClick={() => void emulate(d, { action: 'swipe_card', fixture }, t('admin.devices.swipe'))} data-testid="device-swipe">
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
                onClick={() => void emulate(d, { action: 'printer_state', state: { [flag]: !on } }, t(on ? 'admin.devices.flagOff' : 'admin.devices.flagOn', { flag: t(label) }), () => setFlags(next))}
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
    </>
  );
}
