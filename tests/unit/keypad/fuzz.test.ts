import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallerKeypad } from '../../../drivers/keypad/caller-keypad.js';
import { encodeKeypadFrame } from '../../../drivers/keypad/codec.js';
import { KEYPAD_ERROR_CODES, type KeypadActionEvent } from '../../../drivers/keypad/contract.js';
import { parseKeypadAddresses, parseKeypadProfile } from '../../../drivers/keypad/profile.js';
import { shippedKeypadProfile } from '../../../drivers/keypad/profiles/index.js';
import type { DeviceError } from '../../../drivers/contract.js';
import { ProfileError } from '../../../drivers/rating/profile.js';
import { ManualClock } from '../rating/helpers/manual-clock.js';
import { MemoryTransport } from '../rating/helpers/memory-transport.js';

const profile = shippedKeypadProfile('servicehall-reference-keypad-v1');
const known = new Set<string>(KEYPAD_ERROR_CODES);

async function line() {
  const clock = new ManualClock();
  const transport = new MemoryTransport();
  const keypad = new CallerKeypad({ profile, addresses: parseKeypadAddresses([{ address: 3, counterNumber: 3 }]), transport, clock });
  const actions: KeypadActionEvent[] = [];
  const errors: DeviceError[] = [];
  keypad.onAction((a) => actions.push(a));
  keypad.onError((e) => errors.push(e));
  await keypad.open();
  return { clock, transport, actions, errors };
}

describe('caller keypad under random bytes', () => {
  it('bytes that cannot end a frame (no 16) never make an action, only known error codes', async () => {
    const noEnd = fc.uint8Array({ maxLength: 60 }).map((b) => b.filter((x) => x !== 0x16));
    await fc.assert(
      fc.asyncProperty(fc.array(noEnd, { maxLength: 8 }), async (chunks) => {
        const h = await line();
        for (const c of chunks) {
          h.transport.deliver(c);
          h.clock.advance(300);
        }
        expect(h.actions).toEqual([]);
        for (const e of h.errors) expect(known.has(e.code)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('any bytes at all never throw and only produce actions from well-formed frames of address 3', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), async (chunks) => {
        const h = await line();
        for (const c of chunks) h.transport.deliver(c);
        h.clock.advance(1000);
        for (const a of h.actions) expect(a.address).toBe(3);
        for (const e of h.errors) expect(known.has(e.code)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('key frames between noise without 68 bytes are all found, in order', async () => {
    const noise = fc.uint8Array({ maxLength: 20 }).map((b) => b.filter((x) => x !== 0x68));
    const key = fc.integer({ min: 1, max: 7 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(noise, key), { minLength: 1, maxLength: 6 }), async (parts) => {
        const h = await line();
        for (const [n, code] of parts) {
          h.transport.deliver(n);
          h.transport.deliver(encodeKeypadFrame(profile.frame, { address: 3, command: 1, data: Uint8Array.of(code) }));
          h.clock.advance(1000); // beyond debounce: each is a separate press
        }
        const byCode = ['', 'call_next', 'recall', 'no_show', 'finish', 'start', 'transfer', 'pause'];
        expect(h.actions.map((a) => a.action)).toEqual(parts.map(([, code]) => byCode[code]));
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON gives a keypad profile or a ProfileError', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        try {
          parseKeypadProfile(json);
        } catch (err) {
          expect(err).toBeInstanceOf(ProfileError);
        }
      }),
    );
  });
});
