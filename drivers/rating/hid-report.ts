// HID input reports → pressed key usages.
// A pad's report is either a keyboard report (boot layout: modifiers, reserved,
// six key usages, e.g. F1–F5 = 0x3A–0x3E on usage page 0x07) or a vendor report
// (usage page 0xFF00+) with the key in one byte. Both are "an array of key
// usages at an offset". node-hid gives one whole report per 'data' event; with
// numbered reports the first byte is the report id.
// Contract: parse never throws; a short or foreign report is a DeviceError
// result, never a press.
import { DeviceError } from '../contract.js';
import { toHex } from './hex.js';

export interface HidReportLayout {
  /** null: the device does not number its reports (no id byte). */
  reportId: number | null;
  /** Offset of the first key usage, counted after the report id byte. */
  keysOffset: number;
  /** How many key usage bytes follow (6 for a boot keyboard, 1 for most vendor pads). */
  keysCount: number;
  /**
   * on_change: a press is a usage that was absent from the previous report
   * (devices that send a release report, like keyboards); every_report: every
   * non-zero usage in every report is a press (devices that never send releases).
   */
  pressDetection: 'on_change' | 'every_report';
}

/** Keyboard page "ErrorRollOver": too many keys held; the report carries no key state. */
const ERROR_ROLL_OVER = 0x01;

export type HidParseResult = { kind: 'keys'; pressed: number[] } | { kind: 'error'; error: DeviceError };

export class HidKeyReportParser {
  private held = new Set<number>();

  constructor(private readonly layout: HidReportLayout) {}

  /** Forget held keys: after a reconnect the first report starts from nothing held. */
  reset(): void {
    this.held = new Set();
  }

  parse(report: Uint8Array): HidParseResult {
    const { reportId, keysOffset, keysCount } = this.layout;
    let body = report;
    if (reportId !== null) {
      if (report.length === 0 || report[0] !== reportId) {
        return fail(`report id ${report.length ? toHex(report.subarray(0, 1)) : 'missing'} is not ${toHex(Uint8Array.of(reportId))}: ${toHex(report)}`);
      }
      body = report.subarray(1);
    }
    if (body.length < keysOffset + keysCount) {
      return fail(`report of ${report.length} bytes is too short for ${keysCount} key byte(s) at offset ${keysOffset}: ${toHex(report)}`);
    }
    const usages = Array.from(body.subarray(keysOffset, keysOffset + keysCount)).filter((u) => u !== 0);
    if (usages.length > 0 && usages.every((u) => u === ERROR_ROLL_OVER) && keysCount > 1) return { kind: 'keys', pressed: [] };
    if (this.layout.pressDetection === 'every_report') return { kind: 'keys', pressed: [...new Set(usages)] };
    const now = new Set(usages);
    const pressed = [...now].filter((u) => !this.held.has(u));
    this.held = now;
    return { kind: 'keys', pressed };
  }
}

function fail(message: string): HidParseResult {
  return { kind: 'error', error: new DeviceError('bad_report', message) };
}
