// A device's health in words a 大厅主任 understands: what is wrong and what to do, in Chinese,
// for every health code the hall's drivers, device agents and registry report (the technician's
// English sentence, the code, ports and ids stay behind the admin page's fold).
// Contract: every code in HEALTH_WORDS has a problem and an action message; a code the drivers
// start reporting without an entry here fails tests/unit/renderer/device-health-words.test.ts.
// An unknown code at run time still gets words, from its state (故障 — 请联系技术人员).
import type { DeviceDTO } from '../../../hall/api/dto';
import type { MessageKey } from '../i18n';

/** What is wrong (said after the device's kind: 打印机「缺纸」) and what the manager should do. */
export interface HealthWords {
  problem: MessageKey;
  action: MessageKey;
}

const w = (problem: string, action: string): HealthWords => ({ problem: `deviceWords.problem.${problem}` as MessageKey, action: `deviceWords.action.${action}` as MessageKey });

/** Health code → words. Codes from drivers/printer, drivers/idcard, drivers/rating (link supervisor,
 *  shared by the keypad), drivers/transports, agent/devices/open-device.ts and hall/devices. */
export const HEALTH_WORDS: Readonly<Record<string, HealthWords>> = {
  ok: w('ok', 'none'),
  // Printer status (drivers/printer/status.ts, printer.ts)
  paper_out: w('paperOut', 'changePaper'),
  paper_near_end: w('paperNearEnd', 'preparePaper'),
  cover_open: w('coverOpen', 'closeCover'),
  paper_jam: w('paperJam', 'clearJam'),
  cutter_error: w('cutterError', 'clearJam'),
  head_error: w('headError', 'waitCool'),
  auto_recoverable_error: w('autoRecoverable', 'waitCool'),
  unrecoverable_error: w('unrecoverable', 'powerCycle'),
  offline: w('offline', 'checkPower'),
  status_unknown: w('statusUnknown', 'technician'),
  write_stalled: w('writeStalled', 'checkPower'),
  // Links (printers, readers, pads, keypads)
  disconnected: w('disconnected', 'checkCable'),
  not_open: w('notOpen', 'wait'),
  closed: w('closed', 'technician'),
  open_failed: w('openFailed', 'checkCable'),
  not_found: w('notFound', 'checkCable'),
  permission_denied: w('permissionDenied', 'technician'),
  unavailable: w('unavailable', 'technician'),
  grab_failed: w('grabFailed', 'technician'),
  timeout: w('timeout', 'checkCable'),
  // ID card reader (drivers/idcard/health.ts)
  protocol_error: w('protocolError', 'watch'),
  sam_failed: w('samFailed', 'technician'),
  stopped: w('stopped', 'technician'),
  // Rating pad (drivers/rating/rating-pad.ts)
  no_ack: w('noAck', 'watch'),
  // Declared but not usable (agent/devices/open-device.ts: the configuration or the profile)
  unsupported_transport: w('badSetup', 'technician'),
  invalid_location: w('badSetup', 'technician'),
  invalid_option: w('badSetup', 'technician'),
  not_supported: w('badSetup', 'technician'),
  invalid_profile: w('badModel', 'technician'),
  unknown_profile: w('badModel', 'technician'),
  profile_unreadable: w('badModel', 'technician'),
  // The terminal's device agent (hall/devices/device-registry.ts)
  agent_offline: w('agentOffline', 'checkTerminal'),
  agent_never_connected: w('agentNeverConnected', 'checkTerminal'),
};

const BY_STATE: Record<DeviceDTO['health']['state'], HealthWords> = {
  ok: w('ok', 'none'),
  warning: w('warning', 'watch'),
  fault: w('fault', 'technician'),
};

export function healthWords(health: Pick<DeviceDTO['health'], 'state' | 'code'>): HealthWords {
  return HEALTH_WORDS[health.code] ?? BY_STATE[health.state] ?? BY_STATE.fault;
}

/** A device needs someone's attention (a fault, or a warning such as 纸将用完). */
export function hasProblem(device: Pick<DeviceDTO, 'health'>): boolean {
  return device.health.state !== 'ok';
}
