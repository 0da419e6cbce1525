// Printer status: real-time replies (DLE EOT n), automatic status back blocks
// (GS a, 4 bytes) and GS r replies, decoded per model profile, and the mapping
// to DeviceHealth.
// Telling replies apart (Epson/Citizen "identification of send status"):
//   byte & 0x93 == 0x12 → DLE EOT reply      (0xx1xx10)
//   byte & 0x93 == 0x10 → first byte of ASB   (0xx1xx00), three more bytes follow
//   byte & 0x90 == 0x00 → GS r reply, or ASB bytes 2–4 (0xx0xxxx)
//   0x11 / 0x13         → XON / XOFF flow control, ignored
// Contract: StatusStreamParser never throws, whatever arrives, however fragmented.
import { DeviceError, type DeviceHealth } from '../contract.js';
import type { PrinterStatus } from './contract.js';
import { bitMask, type PrinterProfile, type StatusBitRule, type StatusFlag } from './profile.js';

export type RealtimeRequest = 1 | 2 | 3 | 4;
export type StatusFlags = Record<StatusFlag, boolean>;

export function isRealtimeReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function isAsbFirstByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

function applyRules(flags: Partial<StatusFlags>, byte: number, rules: readonly StatusBitRule[]): void {
  for (const rule of rules) {
    if (byte & bitMask(rule)) flags[rule.flag] = true;
    else flags[rule.flag] ??= false;
  }
}

/** Decodes one DLE EOT n reply. Throws DeviceError('bad_status_reply') when its fixed bits are wrong. */
export function parseRealtimeReply(n: RealtimeRequest, byte: number, profile: PrinterProfile): Partial<StatusFlags> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255 || !isRealtimeReply(byte)) {
    throw new DeviceError('bad_status_reply', `DLE EOT ${n} reply 0x${byte.toString(16)} does not have the fixed bits of a status reply`);
  }
  const flags: Partial<StatusFlags> = {};
  applyRules(flags, byte, profile.status.realtime[`${n}`]);
  return flags;
}

/** Decodes a 4-byte ASB block. Throws DeviceError('bad_status_reply') on a malformed block. */
export function parseAsbBlock(block: ArrayLike<number>, profile: PrinterProfile): Partial<StatusFlags> {
  if (block.length !== 4 || !isAsbFirstByte(block[0]!) || [1, 2, 3].some((i) => (block[i]! & 0x90) !== 0)) {
    throw new DeviceError('bad_status_reply', `not an automatic status block: ${Array.from(block, (b) => b.toString(16)).join(' ')}`);
  }
  const flags: Partial<StatusFlags> = {};
  profile.status.asb.bytes.forEach((rules, i) => applyRules(flags, block[i]!, rules));
  return flags;
}

/** Decodes a GS r 1 reply (paper sensors). Throws DeviceError('bad_status_reply'). */
export function parseTransmitReply(byte: number, profile: PrinterProfile): Partial<StatusFlags> {
  if ((byte & 0x90) !== 0) throw new DeviceError('bad_status_reply', `GS r reply 0x${byte.toString(16)} has wrong fixed bits`);
  const flags: Partial<StatusFlags> = {};
  applyRules(flags, byte, profile.status.transmit);
  return flags;
}

/** Builds a full status from flags (missing flags read as false). */
export function toPrinterStatus(flags: Partial<StatusFlags>, source: PrinterStatus['source']): PrinterStatus {
  const f = (k: StatusFlag) => flags[k] === true;
  return {
    online: !f('offline'),
    coverOpen: f('coverOpen'),
    paperNearEnd: f('paperNearEnd'),
    paperOut: f('paperOut'),
    cutterError: f('cutterError'),
    unrecoverable: f('unrecoverable'),
    autoRecoverable: f('autoRecoverable'),
    paperJam: f('paperJam'),
    headError: f('headError'),
    feedButton: f('feedButton'),
    error: f('error'),
    source,
  };
}

/** Merges the four DLE EOT replies into one status. Flags set by any reply win. */
export function statusFromRealtime(replies: Record<RealtimeRequest, number>, profile: PrinterProfile): PrinterStatus {
  const merged: Partial<StatusFlags> = {};
  for (const n of [1, 2, 3, 4] as const) {
    for (const [flag, on] of Object.entries(parseRealtimeReply(n, replies[n], profile)) as [StatusFlag, boolean][]) {
      merged[flag] = (merged[flag] ?? false) || on;
    }
  }
  return toPrinterStatus(merged, 'realtime');
}

export type StatusEvent =
  | { kind: 'realtime'; byte: number }
  | { kind: 'asb'; block: Uint8Array }
  | { kind: 'transmit'; byte: number }
  | { kind: 'garbage'; byte: number };

/**
 * Splits the printer → host byte stream into replies. GS r replies and ASB
 * continuation bytes share a bit pattern, so a 0xx0xxxx byte outside an ASB
 * block is a GS r reply only while one is expected (`expectTransmit`).
 */
export class StatusStreamParser {
  private asb: number[] | null = null;

  constructor(private readonly expectTransmit: () => boolean = () => false) {}

  push(chunk: Uint8Array): StatusEvent[] {
    const events: StatusEvent[] = [];
    for (const byte of chunk) {
      if (this.asb) {
        if ((byte & 0x90) === 0) {
          this.asb.push(byte);
          if (this.asb.length === 4) {
            events.push({ kind: 'asb', block: Uint8Array.from(this.asb) });
            this.asb = null;
          }
          continue;
        }
        if (byte === 0x11 || byte === 0x13) continue;
        for (const b of this.asb) events.push({ kind: 'garbage', byte: b });
        this.asb = null;
      }
      if (byte === 0x11 || byte === 0x13) continue;
      if (isRealtimeReply(byte)) events.push({ kind: 'realtime', byte });
      else if (isAsbFirstByte(byte)) this.asb = [byte];
      else if ((byte & 0x90) === 0 && this.expectTransmit()) events.push({ kind: 'transmit', byte });
      else events.push({ kind: 'garbage', byte });
    }
    return events;
  }

  reset(): void {
    this.asb = null;
  }
}

type HealthVerdict = Omit<DeviceHealth, 'since'>;

/** The fault (or warning) a status means, most serious first. */
export function healthFromStatus(status: PrinterStatus): HealthVerdict {
  if (status.paperOut) return { state: 'fault', code: 'paper_out', message: 'The printer is out of paper.' };
  if (status.coverOpen) return { state: 'fault', code: 'cover_open', message: 'The printer cover is open.' };
  if (status.paperJam) return { state: 'fault', code: 'paper_jam', message: 'Paper is jammed in the printer.' };
  if (status.cutterError) return { state: 'fault', code: 'cutter_error', message: 'The paper cutter reports an error.' };
  if (status.unrecoverable) return { state: 'fault', code: 'unrecoverable_error', message: 'The printer reports an unrecoverable error; power-cycle it.' };
  if (status.headError) return { state: 'fault', code: 'head_error', message: 'The print head is too hot or lifted.' };
  if (status.autoRecoverable) return { state: 'fault', code: 'auto_recoverable_error', message: 'The printer stopped for a self-clearing error (e.g. head temperature).' };
  if (!status.online) return { state: 'fault', code: 'offline', message: 'The printer is offline.' };
  if (status.paperNearEnd) return { state: 'warning', code: 'paper_near_end', message: 'The paper roll is nearly used up.' };
  return { state: 'ok', code: 'ok', message: 'The printer is ready.' };
}
