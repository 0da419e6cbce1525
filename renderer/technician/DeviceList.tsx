// The devices this agent runs, each with its health in plain words, where it is declared
// (this machine's terminal.json or the hall's defaults), technical detail behind a fold,
// its test, and 修改 / 移除. A hall default cannot be removed here, only overridden or
// switched off with all hall defaults (the checkbox below the list).
import type { AgentDeviceReport, TechnicianStatus } from '../../agent/technician/api-types';
import { useT, type MessageKey } from '../shared/i18n';
import { kindKey } from '../shared/devices/devices';
import { formatHms } from '../shared/format/time';
import { HealthBadge } from './HealthBadge';
import { DeviceTests } from './DeviceTests';
import { sourceOf } from './declaration';

const SOURCE_WORDS: Record<ReturnType<typeof sourceOf>, MessageKey> = {
  local: 'technician.devices.source.local',
  override: 'technician.devices.source.override',
  hall: 'technician.devices.source.hall',
};

interface Props {
  status: TechnicianStatus;
  busy: boolean;
  onEdit(id: string): void;
  onRemove(id: string): void;
  onHallDefaults(use: boolean): void;
}

export function DeviceList({ status, busy, onEdit, onRemove, onHallDefaults }: Props) {
  const t = useT();
  return (
    <section className="tech-card" aria-labelledby="tech-devices-title" data-testid="tech-devices">
      <h2 id="tech-devices-title">{t('technician.devices')}</h2>
      {status.devices.length === 0 ? <p className="tech-muted">{t('technician.devices.empty')}</p> : null}
      <ul className="tech-device-list">
        {status.devices.map((d) => (
          <DeviceItem key={d.id} device={d} source={sourceOf(status, d.id)} busy={busy} onEdit={onEdit} onRemove={onRemove} />
        ))}
      </ul>
      <label className="tech-check">
        <input type="checkbox" checked={status.usesHallDefaults} disabled={busy} onChange={(e) => onHallDefaults(e.target.checked)} data-testid="tech-hall-defaults" />
        {t('technician.devices.useHallDefaults', { count: status.hallDefaults.length })}
      </label>
    </section>
  );
}

function DeviceItem({ device: d, source, busy, onEdit, onRemove }: { device: AgentDeviceReport; source: ReturnType<typeof sourceOf>; busy: boolean; onEdit(id: string): void; onRemove(id: string): void }) {
  const t = useT();
  return (
    <li className={`tech-device tech-device-${d.health.state}`} data-testid="tech-device" data-device-id={d.id} data-kind={d.kind} data-health={d.health.state} data-emulated={String(d.emulated)} data-model={d.model}>
      <div className="tech-device-head">
        <h3>
          {t(kindKey(d.kind))} <span className="tech-mono tech-muted">{d.id}</span>
        </h3>
        <span className="tech-tag">{t(SOURCE_WORDS[source])}</span>
        {d.emulated ? <span className="tech-tag">{t('technician.devices.emulated')}</span> : null}
      </div>
      <HealthBadge health={d.health} />
      <details className="tech-detail">
        <summary>{t('technician.detail')}</summary>
        <dl className="tech-facts">
          <dt>{t('technician.devices.model')}</dt>
          <dd className="tech-mono">{d.model}</dd>
          <dt>{t('technician.devices.transport')}</dt>
          <dd className="tech-mono">{d.transport}</dd>
          <dt>{t('technician.devices.code')}</dt>
          <dd className="tech-mono">{d.health.code}</dd>
          <dt>{t('technician.devices.message')}</dt>
          <dd>{d.health.message}</dd>
          <dt>{t('technician.devices.since')}</dt>
          <dd>{formatHms(d.health.since)}</dd>
        </dl>
      </details>
      <div className="tech-actions">
        <DeviceTests device={d} />
        <button type="button" className="tech-button secondary" disabled={busy} onClick={() => onEdit(d.id)} data-testid="tech-edit">
          {t('technician.devices.edit')}
        </button>
        {source !== 'hall' ? (
          <button type="button" className="tech-button danger" disabled={busy} onClick={() => onRemove(d.id)} data-testid="tech-remove">
            {t(source === 'override' ? 'technician.devices.revert' : 'technician.devices.remove')}
          </button>
        ) : null}
      </div>
    </li>
  );
}
