import { describe, expect, it } from 'vitest';
import type { DeviceError } from '../../../drivers/contract.js';
import { CallerKeypad } from '../../../drivers/keypad/caller-keypad.js';
import { encodeKeypadFrame } from '../../../drivers/keypad/codec.js';
import type { KeypadActionEvent, KeypadAction } from '../../../drivers/keypad/contract.js';
import { parseKeypadAddresses } from '../../../drivers/keypad/profile.js';
import { shippedKeypadProfile } from '../../../drivers/keypad/profiles/index.js';
import { hexFixture, toHexString } from '../rating/helpers/fixtures.js';
import { ManualClock } from '../rating/helpers/manual-clock.js';
import { MemoryTransport } from '../rating/helpers/memory-transport.js';

const profile = shippedKeypadProfile('servicehall-reference-keypad-v1');
const [KEY_CALL_NEXT, HOST_ACK, HOST_DISPLAY] = hexFixture('keypad/reference-keypad-frames.hex');
const KEY_CODE: Record<KeypadAction, number> = { call_next: 1, recall: 2, no_show: 3, finish: 4, start: 5, transfer: 6, pause: 7 };

async function keypadLine() {
  const clock = new ManualClock();
  const transport = new MemoryTransport();
  const addresses = parseKeypadAddresses([
    { address: 3, counterNumber: 3 },
    { address: 5, counterNumber: 5 },
    { address: 9, counterNumber: 9, keys: [{ command: 0x31, action: 'call_next' }] },
  ]);
  const keypad = new CallerKeypad({ profile, addresses, transport, clock });
  const actions: KeypadActionEvent[] = [];
  const errors: DeviceError[] = [];
  keypad.onAction((a) => actions.push(a));
  keypad.onError((e) => errors.push(e));
  await keypad.open();
  const key = (address: number, action: KeypadAction) => encodeKeypadFrame(profile.frame, { address, command: 1, data: Uint8Array.of(KEY_CODE[action]) });
  return { clock, transport, keypad, actions, errors, key };
}

describe('caller keypad line', () => {
  it('keypad 3 presses 呼叫 → call_next at counter 3, and the keypad gets its ack', async () => {
    const h = await keypadLine();
    h.transport.deliver(KEY_CALL_NEXT!);
    expect(h.actions).toEqual([{ address: 3, counterNumber: 3, action: 'call_next', at: h.clock.now() }]);
    await Promise.resolve();
    expect(h.transport.writtenHex()).toEqual([toHexString(HOST_ACK!)]);
  });

  it('maps each key of the reference keypad to its action', async () => {
    const h = await keypadLine();
    for (const action of Object.keys(KEY_CODE) as KeypadAction[]) {
      h.transport.deliver(h.key(5, action));
      h.clock.advance(1000);
    }
    expect(h.actions.map((a) => a.action)).toEqual(['call_next', 'recall', 'no_show', 'finish', 'start', 'transfer', 'pause']);
    expect(h.actions.every((a) => a.counterNumber === 5)).toBe(true);
  });

  it('a retransmitted or bouncing key is one press (and is acked each time); after debounce it is a new press', async () => {
    const h = await keypadLine();
    h.transport.deliver(h.key(3, 'call_next'));
    h.clock.advance(100);
    h.transport.deliver(h.key(3, 'call_next')); // the keypad did not hear the ack
    await Promise.resolve();
    expect(h.actions).toHaveLength(1);
    expect(h.transport.written).toHaveLength(2);
    h.clock.advance(1000);
    h.transport.deliver(h.key(3, 'call_next'));
    expect(h.actions).toHaveLength(2);
  });

  it('two keypads pressing at once are two actions', async () => {
    const h = await keypadLine();
    h.transport.deliver([...h.key(3, 'call_next'), ...h.key(5, 'call_next')]);
    expect(h.actions.map((a) => a.counterNumber)).toEqual([3, 5]);
  });

  it('a per-keypad key map overrides the profile for that keypad only', async () => {
    const h = await keypadLine();
    h.transport.deliver(encodeKeypadFrame(profile.frame, { address: 9, command: 0x31, data: new Uint8Array(0) }));
    h.transport.deliver(h.key(9, 'recall'));
    expect(h.actions).toEqual([expect.objectContaining({ address: 9, counterNumber: 9, action: 'call_next' })]);
    expect(h.errors.map((e) => e.code)).toEqual(['unknown_key']);
  });

  it('an unmapped address or unknown key is a typed error, never an action, and is not acked', async () => {
    const h = await keypadLine();
    h.transport.deliver(h.key(77, 'call_next'));
    h.transport.deliver(encodeKeypadFrame(profile.frame, { address: 3, command: 1, data: Uint8Array.of(0x09) }));
    expect(h.actions).toEqual([]);
    expect(h.errors.map((e) => e.code)).toEqual(['unknown_address', 'unknown_key']);
    expect(h.transport.written).toEqual([]);
  });

  it('shows the called number on the keypad of a counter', async () => {
    const h = await keypadLine();
    await h.keypad.showNumber(3, 'A012');
    expect(h.transport.writtenHex()).toEqual([toHexString(HOST_DISPLAY!)]);
    await expect(h.keypad.showNumber(42, 'A013')).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('unplug → fault disconnected → retry → ok', async () => {
    const h = await keypadLine();
    h.transport.unplug();
    expect(h.keypad.health).toMatchObject({ state: 'fault', code: 'disconnected' });
    await expect(h.keypad.showNumber(3, 'A1')).rejects.toMatchObject({ code: 'disconnected' });
    h.transport.replug();
    h.clock.advance(500);
    await Promise.resolve();
    expect(h.keypad.health.code).toBe('ok');
    h.transport.deliver(KEY_CALL_NEXT!);
    expect(h.actions).toHaveLength(1);
  });
});
