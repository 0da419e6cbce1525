// A device's health: icon + state words + what it means in plain Chinese (colour is never the only cue).
import type { AgentDeviceReport } from '../../agent/technician/api-types';
import { useT } from '../shared/i18n';
import { HealthFaultIcon, HealthOkIcon, WarningIcon } from '../shared/components/Icons';
import { healthWords, stateWords } from './health';

export function HealthBadge({ health }: { health: AgentDeviceReport['health'] }) {
  const t = useT();
  const Icon = health.state === 'ok' ? HealthOkIcon : health.state === 'warning' ? WarningIcon : HealthFaultIcon;
  return (
    <div className={`tech-health tech-health-${health.state}`} data-testid="device-health" data-health={health.state}>
      <Icon aria-hidden="true" />
      <strong>{t(stateWords(health.state))}</strong>
      <span>{t(healthWords(health))}</span>
    </div>
  );
}
