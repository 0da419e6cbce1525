import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRatingProfile, parseRatingProfile, ProfileError } from '../../../drivers/rating/profile.js';
import { SHIPPED_RATING_PROFILE_IDS, shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import referenceSerial from '../../../drivers/rating/profiles/reference-serial.json' with { type: 'json' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit profile JSON freely
type Json = Record<string, any>;

function issuesOf(json: unknown): string[] {
  try {
    parseRatingProfile(json, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    return (err as ProfileError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('profile was accepted');
}

function variant(patch: (p: Json) => void): unknown {
  const copy = structuredClone(referenceSerial) as Json;
  patch(copy);
  return copy;
}

describe('shipped rating pad profiles', () => {
  it.each(SHIPPED_RATING_PROFILE_IDS)('%s is valid and maps all five levels', (id) => {
    const profile = shippedRatingProfile(id);
    expect(profile.id).toBe(id);
  });

  it('ships at least a serial frame pad, a HID pad and a keyboard-mode pad', () => {
    const kinds = SHIPPED_RATING_PROFILE_IDS.map((id) => shippedRatingProfile(id).transport.kind);
    expect(kinds).toEqual(expect.arrayContaining(['serial', 'hid', 'evdev']));
  });

  it('names an unknown shipped profile in a typed error', () => {
    expect(() => shippedRatingProfile('acme-9000')).toThrow(expect.objectContaining({ code: 'unknown_profile' }));
  });
});

describe('profile validation errors point at the field', () => {
  it('a missing level', () => {
    const issues = issuesOf(variant((p) => (p.input.keys[4].level = 'dissatisfied')));
    expect(issues).toEqual([expect.stringMatching(/^input\.keys: no key for very_dissatisfied/)]);
  });

  it('a level name that is not one of the five', () => {
    expect(issuesOf(variant((p) => (p.input.keys[0].level = 'excellent')))[0]).toMatch(/^input\.keys\[0\]\.level:/);
  });

  it('bad hex in a key pattern and in the framing header', () => {
    const issues = issuesOf(
      variant((p) => {
        p.input.keys[2].match = '4B 0G';
        p.input.framing.header = '0';
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^input\.keys\[2\]\.match: "4B 0G" is not a byte pattern/), expect.stringMatching(/^input\.framing\.header:/)]),
    );
  });

  it('two levels that the same frame would match', () => {
    const issues = issuesOf(variant((p) => (p.input.keys[1].match = '4B ??')));
    expect(issues.some((i) => /^input\.keys\[1\]\.match: also matches input\.keys\[0\]/.test(i))).toBe(true);
  });

  it('an acknowledgement pattern that looks like a key', () => {
    expect(issuesOf(variant((p) => (p.ack.fromPad = '4B 03')))).toContainEqual(expect.stringMatching(/^ack\.fromPad: matches the same frames as input\.keys\[2\]/));
  });

  it('a placeholder in the cancel command and a bad template token', () => {
    const issues = issuesOf(
      variant((p) => {
        p.commands.cancel = '32 {ticket}';
        p.commands.start = '31 {room}';
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'commands.cancel: placeholders are only allowed in commands.start',
        expect.stringMatching(/^commands\.start: unknown placeholder \{room\}/),
      ]),
    );
  });

  it('frames over a HID transport, and commands to a keyboard-mode pad', () => {
    expect(issuesOf(variant((p) => (p.transport = { kind: 'hid', vendorId: 1, productId: 2 })))).toContainEqual(
      expect.stringMatching(/^input\.kind: frames need a serial or tcp transport/),
    );
    const evdev = structuredClone(shippedRatingProfileJson('keyboard-mode-evdev')) as Json;
    evdev.commands = { start: '31' };
    expect(issuesOf(evdev)).toContainEqual(expect.stringMatching(/^commands: a keyboard-mode \(evdev\) pad cannot receive commands/));
  });

  it('an unknown evdev key name', () => {
    const evdev = structuredClone(shippedRatingProfileJson('keyboard-mode-evdev')) as Json;
    evdev.input.keys[0].key = 'KEY_SMILE';
    expect(issuesOf(evdev)).toContainEqual(expect.stringMatching(/^input\.keys\[0\]\.key: unknown key name "KEY_SMILE"/));
  });

  it('unknown fields (a typo) and wrong types', () => {
    const issues = issuesOf(
      variant((p) => {
        p.debounce = 100;
        p.transport.baudRate = '9600';
      }),
    );
    expect(issues.some((i) => i.startsWith('transport.baudRate:'))).toBe(true);
    expect(issues.some((i) => i.includes('debounce'))).toBe(true);
  });

  it('the message lists every issue with the file name', () => {
    expect(() => parseRatingProfile({ schemaVersion: 2 }, 'acme.json')).toThrow(/^acme\.json is not a valid profile:\n {2}schemaVersion:/);
    expect(() => parseRatingProfile({ schemaVersion: 2 }, 'acme.json')).toThrow(expect.objectContaining({ code: 'profile_invalid' }));
  });
});

describe('loading a profile file', () => {
  it('loads a technician-written file and reports JSON syntax errors as profile_invalid', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rating-profile-'));
    const good = path.join(dir, 'acme.json');
    fs.writeFileSync(good, JSON.stringify({ ...referenceSerial, id: 'acme-r5' }));
    expect((await loadRatingProfile(good)).id).toBe('acme-r5');
    const bad = path.join(dir, 'broken.json');
    fs.writeFileSync(bad, '{ "schemaVersion": 1, ');
    await expect(loadRatingProfile(bad)).rejects.toMatchObject({ code: 'profile_invalid' });
    await expect(loadRatingProfile(path.join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'profile_unreadable' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

function shippedRatingProfileJson(id: string): unknown {
  const file = { 'keyboard-mode-evdev': 'keyboard-mode-evdev.json' }[id]!;
  return JSON.parse(fs.readFileSync(new URL(`../../../drivers/rating/profiles/${file}`, import.meta.url), 'utf8'));
}
