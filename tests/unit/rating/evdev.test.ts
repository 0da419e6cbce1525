import { describe, expect, it } from 'vitest';
import { encodeInputEvent, EV_KEY, EV_SYN, EvdevEventParser } from '../../../drivers/rating/evdev.js';
import { concatBytes } from '../../../drivers/rating/hex.js';
import { createPadCodec } from '../../../drivers/rating/pad-codec.js';
import { parseRatingProfile } from '../../../drivers/rating/profile.js';
import keyboardModeJson from '../../../drivers/rating/profiles/keyboard-mode-evdev.json' with { type: 'json' };
import { shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import { toHexString } from './helpers/fixtures.js';

const KEY_F2 = 60;
const KEY_3 = 4;
const MSC_SCAN = 4;

/** What a USB keyboard-mode pad writes for one key: scan code, key down, sync, key up, sync. */
function keystroke(code: number, size: 16 | 24, second = 1_760_000_000): Uint8Array {
  const ev = (type: number, c: number, value: number, usec: number) => encodeInputEvent({ seconds: second, microseconds: usec, type, code: c, value }, size);
  return concatBytes([ev(MSC_SCAN, 4, 0x7003b, 1), ev(EV_KEY, code, 1, 1), ev(EV_SYN, 0, 0, 1), ev(EV_KEY, code, 0, 90_000), ev(EV_SYN, 0, 0, 90_000)]);
}

describe('struct input_event parsing', () => {
  it('lays out a 64-bit record as two 8-byte time fields, type, code, value (little endian)', () => {
    const bytes = encodeInputEvent({ seconds: 1, microseconds: 2, type: EV_KEY, code: KEY_F2, value: 1 }, 24);
    expect(toHexString(bytes)).toBe('01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 01 00 3C 00 01 00 00 00');
  });

  it('lays out a 32-bit record in 16 bytes', () => {
    const bytes = encodeInputEvent({ seconds: 1, microseconds: 2, type: EV_KEY, code: KEY_F2, value: 1 }, 16);
    expect(toHexString(bytes)).toBe('01 00 00 00 02 00 00 00 01 00 3C 00 01 00 00 00');
  });

  it('reassembles records split across reads', () => {
    const parser = new EvdevEventParser(24);
    const bytes = keystroke(KEY_F2, 24);
    const events = [parser.push(bytes.subarray(0, 30)), parser.push(bytes.subarray(30, 31)), parser.push(bytes.subarray(31))].flat();
    expect(events).toHaveLength(5);
    expect(events[1]).toEqual({ kind: 'event', event: { seconds: 1_760_000_000, microseconds: 1, type: EV_KEY, code: KEY_F2, value: 1 } });
  });

  it('flags records read with the wrong size for this kernel', () => {
    const parser = new EvdevEventParser(16);
    const results = parser.push(keystroke(KEY_F2, 24));
    expect(results.some((r) => r.kind === 'error' && r.error.code === 'bad_event')).toBe(true);
  });
});

describe('keyboard-mode pad profile', () => {
  it.each([16, 24] as const)('turns the F2 keystroke into one "satisfied" press (%i-byte records)', (size) => {
    const json = structuredClone(keyboardModeJson);
    json.input.eventSize = size;
    const codec = createPadCodec(parseRatingProfile(json));
    expect(codec.decode(keystroke(KEY_F2, size), 0)).toEqual([{ kind: 'key', level: 'satisfied' }]);
  });

  it('maps the digit row too, ignores autorepeat, and reports an unmapped key', () => {
    const codec = createPadCodec(shippedRatingProfile('keyboard-mode-evdev'));
    expect(codec.decode(keystroke(KEY_3, 24), 0)).toEqual([{ kind: 'key', level: 'basic' }]);
    const repeat = encodeInputEvent({ seconds: 0, microseconds: 0, type: EV_KEY, code: KEY_3, value: 2 }, 24);
    expect(codec.decode(repeat, 0)).toEqual([]);
    const keyA = encodeInputEvent({ seconds: 0, microseconds: 0, type: EV_KEY, code: 30, value: 1 }, 24);
    expect(codec.decode(keyA, 0)).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'unknown_key' }) }]);
  });

  it('has no commands: a keyboard-mode pad cannot be told anything', () => {
    const codec = createPadCodec(shippedRatingProfile('keyboard-mode-evdev'));
    expect(codec.encodeStart({ counterNumber: 1, staffName: '', ticketNumber: '' })).toBeNull();
    expect(codec.encodeCancel()).toBeNull();
  });
});
