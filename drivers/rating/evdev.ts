// Linux evdev: struct input_event records read from /dev/input/eventN, for
// keyboard-mode pads (the pad types "1"…"5" or F1…F5 like a USB keyboard).
//   struct input_event { struct timeval time; __u16 type; __u16 code; __s32 value; }
// 24 bytes on 64-bit kernels (two 8-byte time fields), 16 bytes on 32-bit ones,
// host byte order (little endian on x86 and ARM).
// Contract: the parser never throws; reads may split records, so a partial
// record waits for the rest. A type above EV_MAX means the record size is
// wrong for this machine (or the stream is not evdev): reported as bad_event.
import { DeviceError } from '../contract.js';
import { concatBytes } from './hex.js';

export const EV_SYN = 0x00;
export const EV_KEY = 0x01;
const EV_MAX = 0x1f;

/** Key values: 0 release, 1 press, 2 autorepeat (ignored: holding a key is not a second rating). */
export const KEY_PRESS = 1;

export interface InputEvent {
  seconds: number;
  microseconds: number;
  type: number;
  code: number;
  value: number;
}

export type EvdevParseResult = { kind: 'event'; event: InputEvent } | { kind: 'error'; error: DeviceError };

export class EvdevEventParser {
  private rest: Uint8Array = new Uint8Array(0);

  constructor(private readonly eventSize: 16 | 24) {}

  reset(): void {
    this.rest = new Uint8Array(0);
  }

  push(chunk: Uint8Array): EvdevParseResult[] {
    const buf = this.rest.length ? concatBytes([this.rest, chunk]) : chunk;
    const whole = buf.length - (buf.length % this.eventSize);
    const out: EvdevParseResult[] = [];
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (let at = 0; at < whole; at += this.eventSize) {
      const event = this.read(view, at);
      if (event.type > EV_MAX) {
        out.push({ kind: 'error', error: new DeviceError('bad_event', `event type ${event.type} is not an evdev type: is eventSize ${this.eventSize} right for this kernel?`) });
      } else {
        out.push({ kind: 'event', event });
      }
    }
    this.rest = buf.slice(whole);
    return out;
  }

  private read(view: DataView, at: number): InputEvent {
    const wide = this.eventSize === 24;
    const seconds = wide ? Number(view.getBigInt64(at, true)) : view.getInt32(at, true);
    const microseconds = wide ? Number(view.getBigInt64(at + 8, true)) : view.getInt32(at + 4, true);
    const t = wide ? 16 : 8;
    return { seconds, microseconds, type: view.getUint16(at + t, true), code: view.getUint16(at + t + 2, true), value: view.getInt32(at + t + 4, true) };
  }
}

/** Builds the bytes of one record, for tests and the emulated evdev source. */
export function encodeInputEvent(event: InputEvent, eventSize: 16 | 24): Uint8Array {
  const out = new Uint8Array(eventSize);
  const view = new DataView(out.buffer);
  const wide = eventSize === 24;
  if (wide) {
    view.setBigInt64(0, BigInt(event.seconds), true);
    view.setBigInt64(8, BigInt(event.microseconds), true);
  } else {
    view.setInt32(0, event.seconds, true);
    view.setInt32(4, event.microseconds, true);
  }
  const t = wide ? 16 : 8;
  view.setUint16(t, event.type, true);
  view.setUint16(t + 2, event.code, true);
  view.setInt32(t + 4, event.value, true);
  return out;
}

/** Key codes from linux/input-event-codes.h that pads are known to send. Profiles may also give numbers. */
export const EVDEV_KEY_CODES: Readonly<Record<string, number>> = {
  KEY_ESC: 1,
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`KEY_${n}`, n + 1])),
  KEY_0: 11,
  ...Object.fromEntries(Array.from('QWERTYUIOP', (c, i) => [`KEY_${c}`, 16 + i])),
  KEY_ENTER: 28,
  ...Object.fromEntries(Array.from('ASDFGHJKL', (c, i) => [`KEY_${c}`, 30 + i])),
  ...Object.fromEntries(Array.from('ZXCVBNM', (c, i) => [`KEY_${c}`, 44 + i])),
  KEY_SPACE: 57,
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [`KEY_F${n}`, 58 + n])),
  KEY_F11: 87,
  KEY_F12: 88,
  KEY_KP7: 71,
  KEY_KP8: 72,
  KEY_KP9: 73,
  KEY_KP4: 75,
  KEY_KP5: 76,
  KEY_KP6: 77,
  KEY_KP1: 79,
  KEY_KP2: 80,
  KEY_KP3: 81,
  KEY_KP0: 82,
  KEY_KPENTER: 96,
};
