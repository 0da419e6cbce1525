// A device's health in plain Chinese for the technician: what is wrong and what to do,
// from the driver's stable code (drivers/contract.ts DeviceHealth.code). Unknown codes
// fall back to the state's words; the code and the driver's English message stay behind
// the fold for whoever reads logs.
import type { AgentDeviceReport } from '../../agent/technician/api-types';
import type { MessageKey } from '../shared/i18n';

const BY_CODE: Record<string, MessageKey> = {
  ok: 'technician.health.ok',
  disconnected: 'technician.health.disconnected',
  not_open: 'technician.health.connecting',
  connecting: 'technician.health.connecting',
  open_failed: 'technician.health.openFailed',
  invalid_location: 'technician.health.openFailed',
  unsupported_transport: 'technician.health.unsupportedTransport',
  unknown_profile: 'technician.health.unknownProfile',
  invalid_profile: 'technician.health.unknownProfile',
  profile_unreadable: 'technician.health.unknownProfile',
  paper_out: 'technician.health.paperOut',
  paper_near_end: 'technician.health.paperNearEnd',
  cover_open: 'technician.health.coverOpen',
  paper_jam: 'technician.health.paperJam',
  offline: 'technician.health.offline',
  cutter_error: 'technician.health.mechanical',
  head_error: 'technician.health.mechanical',
  unrecoverable_error: 'technician.health.mechanical',
  auto_recoverable_error: 'technician.health.mechanical',
  status_unknown: 'technician.health.noStatus',
  status_unavailable: 'technician.health.noStatus',
  timeout: 'technician.health.noAnswer',
  no_ack: 'technician.health.noAnswer',
};

export function healthWords(health: AgentDeviceReport['health']): MessageKey {
  const known = BY_CODE[health.code];
  if (known) return known;
  if (health.code.startsWith('sam_')) return 'technician.health.sam';
  return health.state === 'ok' ? 'technician.health.ok' : health.state === 'warning' ? 'technician.health.warning' : 'technician.health.fault';
}

/** "正常" / "需要注意" / "故障" next to the icon (colour is never the only cue). */
export function stateWords(state: AgentDeviceReport['health']['state']): MessageKey {
  return state === 'ok' ? 'device.health.ok' : state === 'warning' ? 'device.health.warning' : 'device.health.fault';
}
