// Caller keypads over a real OS serial port: the driver opens a socat pty with
// the real serialport package; one emulator plays every keypad on the line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceError, DeviceHealth } from '../../../drivers/contract.js';
import type { CallerKeypad } from '../../../drivers/keypad/caller-keypad.js';
import type { KeypadActionEvent } from '../../../drivers/keypad/contract.js';
import { serialKeypadEmulator, type KeypadEmulator } from '../../../drivers/keypad/emulator.js';
import { createCallerKeypad } from '../../../drivers/keypad/open.js';
import { parseKeypadAddresses, parseKeypadProfile } from '../../../drivers/keypad/profile.js';
import referenceKeypad from '../../../drivers/keypad/profiles/reference-keypad.json' with { type: 'json' };
import { hexFixture } from '../../unit/rating/helpers/fixtures.js';
import { nextEvent, ReplugPort } from '../rating/helpers.js';

const profile = parseKeypadProfile({ ...referenceKeypad, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
const addresses = parseKeypadAddresses([
  { address: 3, counterNumber: 3 },
  { address: 5, counterNumber: 5 },
]);

let port: ReplugPort;
let emulator: KeypadEmulator;
let keypad: CallerKeypad;

beforeEach(async () => {
  port = await ReplugPort.create('usb-FTDI_RS485-if00-port0');
  emulator = serialKeypadEmulator(profile, port.devicePath);
  await emulator.open();
  keypad = createCallerKeypad(profile, { path: port.path }, addresses);
  await keypad.open();
});

afterEach(async () => {
  await keypad.close();
  await emulator.close().catch(() => undefined);
  await port.dispose();
});

describe('caller keypads on a socat pty line', () => {
  it('keypad 5 presses 呼叫 → call_next at counter 5; the keypad is acknowledged; the number shows on its display', async () => {
    const action = nextEvent<KeypadActionEvent>((l) => keypad.onAction(l));
    await emulator.press(5, 'call_next');
    expect(await action).toMatchObject({ address: 5, counterNumber: 5, action: 'call_next' });
    await emulator.waitUntil(() => emulator.acks(5) === 1, 'ack to keypad 5');

    await keypad.showNumber(5, 'A012');
    await emulator.waitUntil(() => emulator.displays.get(5) === 'A012', 'A012 on keypad 5');
  });

  it('noise and a corrupted frame on the line are typed errors; the good frame still acts', async () => {
    const errors: DeviceError[] = [];
    keypad.onError((e) => errors.push(e));
    const action = nextEvent<KeypadActionEvent>((l) => keypad.onAction(l));
    await emulator.sendRaw(hexFixture('keypad/rs485-noise-then-recall.hex')[0]!);
    expect(await action).toMatchObject({ address: 5, action: 'recall' });
    expect(errors.map((e) => e.code)).toEqual(expect.arrayContaining(['garbage', 'bad_checksum']));
  });

  it('unplug → fault disconnected → replug at the same path → ok, and keys work again', async () => {
    const down = nextEvent<DeviceHealth>((l) => keypad.onHealth(l), (h) => h.code === 'disconnected');
    await emulator.close().catch(() => undefined);
    await port.unplug();
    expect(await down).toMatchObject({ state: 'fault' });

    const up = nextEvent<DeviceHealth>((l) => keypad.onHealth(l), (h) => h.code === 'ok');
    await port.replug();
    emulator = serialKeypadEmulator(profile, port.devicePath);
    await emulator.open();
    await up;
    const action = nextEvent<KeypadActionEvent>((l) => keypad.onAction(l));
    await emulator.press(3, 'pause');
    expect(await action).toMatchObject({ address: 3, counterNumber: 3, action: 'pause' });
  });
});
