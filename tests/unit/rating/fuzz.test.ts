// Garbage in, never a crash and never an invented rating.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATING_ERROR_CODES, RATING_LEVELS, type RatingLevel } from '../../../drivers/rating/contract.js';
import { concatBytes, indexOfBytes } from './helpers/bytes.js';
import { createPadCodec } from '../../../drivers/rating/pad-codec.js';
import { parseRatingProfile, ProfileError } from '../../../drivers/rating/profile.js';
import referenceSerialJson from '../../../drivers/rating/profiles/reference-serial.json' with { type: 'json' };
import { shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import { KEY_FRAME, padHarness } from './helpers/pad-harness.js';

const chunks = fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 12 });
const knownCodes = new Set<string>(RATING_ERROR_CODES);

describe('reference serial codec under random bytes', () => {
  it('never throws, reports only known error codes, and every key it finds is a real key frame in the input', () => {
    fc.assert(
      fc.property(chunks, fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (parts, gaps) => {
        const codec = createPadCodec(shippedRatingProfile('servicehall-reference-serial-v1'));
        let now = 0;
        const inputs = parts.flatMap((chunk, i) => {
          now += gaps[i] ?? 0;
          return codec.decode(chunk, now);
        });
        inputs.push(...codec.flush(now + 10_000));
        const all = concatBytes(parts);
        for (const input of inputs) {
          if (input.kind === 'error') expect(knownCodes.has(input.error.code)).toBe(true);
          if (input.kind === 'key') expect(indexOfBytes(all, KEY_FRAME[input.level])).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rating pad under random bytes', () => {
  it('random bytes with no key frame never produce a rating, only typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(chunks, async (parts) => {
        const all = concatBytes(parts);
        fc.pre(RATING_LEVELS.every((l) => indexOfBytes(all, KEY_FRAME[l]) < 0));
        const h = padHarness();
        await h.pad.open();
        await h.pad.startRating(h.request());
        for (const p of parts) {
          h.transport.deliver(p);
          h.clock.advance(50);
        }
        h.clock.advance(120_000);
        expect(h.ratings).toEqual([]);
        expect(h.timeouts).toHaveLength(1);
        for (const e of h.errors) expect(knownCodes.has(e.code)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a key frame hidden in noise (without STX bytes) is found, and rated once', async () => {
    const noise = fc.uint8Array({ maxLength: 30 }).map((b) => b.filter((x) => x !== 0x02));
    await fc.assert(
      fc.asyncProperty(noise, fc.constantFrom(...RATING_LEVELS), noise, fc.nat({ max: 20 }), async (before, level: RatingLevel, after, cut) => {
        const h = padHarness();
        await h.pad.open();
        await h.pad.startRating(h.request());
        const stream = concatBytes([before, KEY_FRAME[level], after, KEY_FRAME[level]]);
        const at = Math.min(cut, stream.length);
        h.transport.deliver(stream.subarray(0, at));
        h.transport.deliver(stream.subarray(at));
        h.clock.advance(1000);
        expect(h.ratings.map((r) => r.level)).toEqual([level]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('HID and evdev parsers under random input', () => {
  it('a random HID report is a press only if it is report 02 with a mapped usage', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 20 }), (reports) => {
        const codec = createPadCodec(shippedRatingProfile('servicehall-reference-hid-v1'));
        for (const report of reports) {
          for (const input of codec.decode(report, 0)) {
            if (input.kind === 'key') {
              expect(report[0]).toBe(0x02);
              expect(report[1]).toBeGreaterThanOrEqual(1);
              expect(report[1]).toBeLessThanOrEqual(5);
            }
            if (input.kind === 'error') expect(knownCodes.has(input.error.code)).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('random evdev bytes never throw, and a press needs an EV_KEY record with value 1', () => {
    fc.assert(
      fc.property(chunks, (parts) => {
        const codec = createPadCodec(shippedRatingProfile('keyboard-mode-evdev'));
        const presses = parts.flatMap((p) => codec.decode(p, 0)).filter((i) => i.kind === 'key').length;
        const all = concatBytes(parts);
        let candidates = 0;
        for (let at = 0; at + 24 <= all.length; at += 24) {
          const v = new DataView(all.buffer, all.byteOffset + at, 24);
          if (v.getUint16(16, true) === 1 && v.getInt32(20, true) === 1) candidates++;
        }
        expect(presses).toBeLessThanOrEqual(candidates);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('profile validation under random JSON', () => {
  it('anything at all gives a profile or a ProfileError, never another exception', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        try {
          parseRatingProfile(json);
        } catch (err) {
          expect(err).toBeInstanceOf(ProfileError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a reference profile with one field replaced by random JSON gives a profile or a ProfileError', () => {
    const paths = collectPaths(referenceSerialJson);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const json = structuredClone(referenceSerialJson) as unknown as Record<string, unknown>;
        setPath(json, path, value);
        try {
          parseRatingProfile(json);
        } catch (err) {
          expect(err).toBeInstanceOf(ProfileError);
          expect((err as ProfileError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

function collectPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => collectPaths(v, [...prefix, k]))].filter((p) => p.length > 0);
}

function setPath(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
