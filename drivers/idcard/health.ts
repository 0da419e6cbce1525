// Health of an ID card reader: codes (contract.ts IdCardHealthCode) to states and
// plain sentences for the technician's page. Emits only when the code changes.
import type { DeviceHealth, DriverClock } from '../contract.js';
import type { IdCardHealthCode } from './contract.js';
import { Emitter } from '../emitter.js';

const STATES: Record<IdCardHealthCode, DeviceHealth['state']> = {
  ok: 'ok',
  protocol_error: 'warning',
  disconnected: 'fault',
  sam_failed: 'fault',
  timeout: 'fault',
  stopped: 'fault',
};

const MESSAGES: Record<IdCardHealthCode, string> = {
  ok: 'The ID card reader is working.',
  protocol_error: 'The ID card reader sent a corrupt or unexpected answer; retrying.',
  disconnected: 'The ID card reader is not connected (port closed or cable unplugged); reconnecting.',
  sam_failed: 'The security module (SAM) of the ID card reader failed; the reader cannot read cards.',
  timeout: 'The ID card reader did not answer in time.',
  stopped: 'The ID card reader driver is stopped.',
};

export class HealthTracker {
  readonly changes = new Emitter<DeviceHealth>();
  private current: DeviceHealth;

  constructor(private readonly clock: DriverClock) {
    this.current = { state: 'fault', code: 'stopped', message: MESSAGES.stopped, since: clock.now() };
  }

  get health(): DeviceHealth {
    return this.current;
  }

  /** `detail` refines the sentence (e.g. the SAM status meaning); it never holds personal data. */
  set(code: IdCardHealthCode, detail?: string): void {
    if (this.current.code === code) return;
    const message = detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code];
    this.current = { state: STATES[code], code, message, since: this.clock.now() };
    this.changes.emit(this.current);
  }
}
