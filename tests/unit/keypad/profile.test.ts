import { describe, expect, it } from 'vitest';
import { parseKeypadAddresses, parseKeypadProfile } from '../../../drivers/keypad/profile.js';
import referenceKeypad from '../../../drivers/keypad/profiles/reference-keypad.json' with { type: 'json' };
import { SHIPPED_KEYPAD_PROFILE_IDS, shippedKeypadProfile } from '../../../drivers/keypad/profiles/index.js';
import type { ProfileError } from '../../../drivers/rating/profile.js';

function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect((err as ProfileError).code).toBe('profile_invalid');
    return (err as ProfileError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('accepted');
}

describe('caller keypad profiles', () => {
  it.each(SHIPPED_KEYPAD_PROFILE_IDS)('%s is valid', (id) => expect(shippedKeypadProfile(id).keys.length).toBeGreaterThan(0));

  it('maps every action of the reference keypad', () => {
    expect(new Set(shippedKeypadProfile('servicehall-reference-keypad-v1').keys.map((k) => k.action)).size).toBe(7);
  });

  it('points at the field: unknown action, bad data pattern, ambiguous keys, ack clashing with a key', () => {
    const json = structuredClone(referenceKeypad);
    json.keys[0]!.action = 'call_all';
    expect(issues(() => parseKeypadProfile(json))).toContainEqual(expect.stringMatching(/^keys\[0\]\.action:/));
    const json2 = structuredClone(referenceKeypad);
    json2.keys[1]!.data = '0Z';
    json2.keys[2]!.data = '??'; // would match every key-01 frame
    json2.ack.command = '0x01';
    expect(issues(() => parseKeypadProfile(json2))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^keys\[1\]\.data: "0Z" is not a byte pattern/),
        expect.stringMatching(/^keys\[2\]: also matches keys\[0\] \(call_next\)/),
        'ack.command: is also a key command',
      ]),
    );
  });

  it('refuses a preamble containing the frame start 68', () => {
    const json = structuredClone(referenceKeypad);
    json.frame.preamble = 'FE 68';
    expect(issues(() => parseKeypadProfile(json))).toContain('frame.preamble: must not contain 68, the frame start');
  });
});

describe('address maps (which counter each keypad is at)', () => {
  it('accepts a map with per-keypad key overrides', () => {
    const map = parseKeypadAddresses([
      { address: 3, counterNumber: 3 },
      { address: '0x10', counterNumber: 12, keys: [{ command: 2, action: 'call_next' }] },
    ]);
    expect(map[1]).toMatchObject({ address: 16, counterNumber: 12, keys: [{ command: 2, data: null, action: 'call_next' }] });
  });

  it('refuses an address or a counter listed twice, and an address above 255', () => {
    expect(
      issues(() =>
        parseKeypadAddresses([
          { address: 3, counterNumber: 3 },
          { address: 3, counterNumber: 4 },
          { address: 5, counterNumber: 3 },
        ]),
      ),
    ).toEqual(['[1].address: address 3 is listed twice', '[2].counterNumber: counter 3 has two keypads']);
    expect(issues(() => parseKeypadAddresses([{ address: 256, counterNumber: 1 }]))[0]).toMatch(/^\[0\]\.address:/);
  });
});
