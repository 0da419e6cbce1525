// Keyboard-mode pad through the real evdev transport. There is no /dev/input
// here, so a named pipe plays the input device: the transport reads it with
// the same file calls, and the test writes struct input_event records into it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../drivers/contract.js';
import type { RatingEvent } from '../../../drivers/rating/contract.js';
import { encodeInputEvent, EV_KEY, EV_SYN } from '../../../drivers/rating/evdev.js';
import { createRatingPad } from '../../../drivers/rating/open.js';
import { parseRatingProfile } from '../../../drivers/rating/profile.js';
import keyboardJson from '../../../drivers/rating/profiles/keyboard-mode-evdev.json' with { type: 'json' };
import type { RatingPad } from '../../../drivers/rating/rating-pad.js';
import { EvdevTransport } from '../../../drivers/rating/transports/evdev.js';
import { nextEvent } from './helpers.js';

const KEY_F4 = 62;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-evdev-'));
let pad: RatingPad | null = null;
const writers: number[] = [];

function fakeInputDevice(name: string): string {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

/** Opens the pipe's write end without blocking (O_RDWR on a FIFO), like a device appearing. */
function plugIn(file: string): number {
  const fd = fs.openSync(file, 'r+');
  writers.push(fd);
  return fd;
}

function keystroke(code: number): Buffer {
  const ev = (type: number, c: number, value: number) => encodeInputEvent({ seconds: 1_760_000_000, microseconds: 0, type, code: c, value }, 24);
  return Buffer.concat([ev(EV_KEY, code, 1), ev(EV_SYN, 0, 0), ev(EV_KEY, code, 0), ev(EV_SYN, 0, 0)]);
}

afterEach(async () => {
  await pad?.close();
  pad = null;
  for (const fd of writers.splice(0)) fs.closeSync(fd);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('keyboard-mode pad over the evdev transport (direct read, named pipe as the device)', () => {
  it('F4 pressed after start becomes 不满意; closing the device is a disconnect; it recovers when it comes back', async () => {
    const file = fakeInputDevice('usb-Generic_RatingPad-event-kbd');
    let writer = plugIn(file);
    const profile = parseRatingProfile({ ...keyboardJson, debounceMs: 0, transport: { kind: 'evdev', grab: false }, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    pad = createRatingPad(profile, { path: file });
    await pad.open();
    expect(pad.health.code).toBe('ok');

    await pad.startRating({ ratingId: 'r-1', counterNumber: 8, staffName: '王五', ticketNumber: 'C003' });
    const rated = nextEvent<RatingEvent>((l) => pad!.onRating(l));
    fs.writeSync(writer, keystroke(KEY_F4));
    expect(await rated).toMatchObject({ ratingId: 'r-1', level: 'dissatisfied' });

    const down = nextEvent<DeviceHealth>((l) => pad!.onHealth(l), (h) => h.code === 'disconnected');
    fs.closeSync(writers.pop()!);
    expect(await down).toMatchObject({ state: 'fault' });

    const up = nextEvent<DeviceHealth>((l) => pad!.onHealth(l), (h) => h.code === 'ok');
    writer = plugIn(file);
    await up;
    await pad.startRating({ ratingId: 'r-2', counterNumber: 8, staffName: '王五', ticketNumber: 'C004' });
    const again = nextEvent<RatingEvent>((l) => pad!.onRating(l));
    fs.writeSync(writer, keystroke(KEY_F4 - 3)); // F1
    expect(await again).toMatchObject({ ratingId: 'r-2', level: 'very_satisfied' });
  });

  it('a missing device is open_failed, with the path in the message', async () => {
    const transport = new EvdevTransport({ path: path.join(dir, 'no-such-event'), grab: false });
    await expect(transport.open()).rejects.toMatchObject({ code: 'open_failed', message: expect.stringContaining('no-such-event') });
  });

  it('grab mode refuses a device that cannot be grabbed (grab_failed), instead of leaking keys to the page', async () => {
    const file = fakeInputDevice('not-an-input-device');
    plugIn(file);
    const transport = new EvdevTransport({ path: file, grab: true });
    await expect(transport.open()).rejects.toMatchObject({ code: 'grab_failed' });
    expect(transport.isOpen).toBe(false);
  });

  it('grab mode without python3 makes the pad unavailable', async () => {
    const transport = new EvdevTransport({ path: '/dev/input/event0', grab: true, python: path.join(dir, 'no-python') });
    await expect(transport.open()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('the transport takes no commands', async () => {
    const transport = new EvdevTransport({ path: '/dev/input/event0', grab: false });
    await expect(transport.write()).rejects.toMatchObject({ code: 'not_supported' });
  });
});
