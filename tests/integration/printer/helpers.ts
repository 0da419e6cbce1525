// Waiting on driver events (never on elapsed time) in printer integration tests.
import { systemDriverClock, type DeviceHealth, type DriverClock } from '../../../drivers/contract.js';
import type { TicketPrinter } from '../../../drivers/printer/printer.js';

/** Resolves when the printer's health code becomes `code`; rejects after a generous deadline. */
export function healthBecomes(printer: TicketPrinter, code: string, deadlineMs = 15_000): Promise<DeviceHealth> {
  return new Promise((resolve, reject) => {
    if (printer.health().code === code) return resolve(printer.health());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`health stayed ${printer.health().code}, expected ${code}`));
    }, deadlineMs);
    const off = printer.onHealth((h) => {
      if (h.code !== code) return;
      clearTimeout(timer);
      off();
      resolve(h);
    });
  });
}

/** Fast polling so the tests run quickly; the contract does not depend on these values. */
export const quickTimings = { pollIntervalMs: 150, replyTimeoutMs: 2000, confirmTimeoutMs: 3000, reconnectInitialMs: 50, reconnectMaxMs: 400 };

/** True when `bytes` hold only real-time status requests (DLE EOT n): nothing printable was sent. */
export function onlyStatusRequests(bytes: Uint8Array): boolean {
  if (bytes.length % 3 !== 0) return false;
  for (let i = 0; i < bytes.length; i += 3) if (bytes[i] !== 0x10 || bytes[i + 1] !== 0x04) return false;
  return true;
}

/** The system clock, recording every timeout the driver arms (ms), so tests can check its waits are bounded without timing anything. */
export function recordingClock(): DriverClock & { armed: number[] } {
  const armed: number[] = [];
  return {
    armed,
    now: () => systemDriverClock.now(),
    setTimeout(fn, ms) {
      armed.push(ms);
      return systemDriverClock.setTimeout(fn, ms);
    },
  };
}

/** Whether `bytes` contain `needle` anywhere. */
export function containsBytes(bytes: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
