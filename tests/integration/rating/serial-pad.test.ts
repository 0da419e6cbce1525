// The reference serial rating pad over real OS serial ports: the driver opens
// a socat pty with the real serialport package, the emulator plays the pad on
// the other end, speaking the SHR-1 wire protocol.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemDriverClock, type DeviceError, type DeviceHealth, type DriverClock } from '../../../drivers/contract.js';
import type { KeyPressEvent, RatingEvent, RatingTimeoutEvent } from '../../../drivers/rating/contract.js';
import { serialPadEmulator, type FramePadEmulator } from '../../../drivers/rating/emulator/frame-pad.js';
import { createRatingPad } from '../../../drivers/rating/open.js';
import { parseRatingProfile } from '../../../drivers/rating/profile.js';
import referenceSerialJson from '../../../drivers/rating/profiles/reference-serial.json' with { type: 'json' };
import type { RatingPad } from '../../../drivers/rating/rating-pad.js';
import { ManualClock } from '../../unit/rating/helpers/manual-clock.js';
import { nextEvent, ReplugPort } from './helpers.js';

// The shipped profile, with a fast reconnect so the test does not wait half a second per retry,
// and no debounce: on the real clock the emulator presses faster than any hand, and debounce
// is covered by the unit tests on the injected clock.
const profile = parseRatingProfile({ ...referenceSerialJson, debounceMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
const fixture = (name: string) => fs.readFileSync(new URL(`../../fixtures/rating/${name}`, import.meta.url), 'utf8');
const hexLines = (text: string) => text.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim());
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

let port: ReplugPort;
let emulator: FramePadEmulator;
let pad: RatingPad;

async function setUp(clock: DriverClock = systemDriverClock) {
  port = await ReplugPort.create('usb-ServiceHall_SHR-1-if00-port0');
  emulator = serialPadEmulator(profile, port.devicePath);
  await emulator.open();
  pad = createRatingPad(profile, { path: port.path }, { clock });
  await pad.open();
}

const request = (ratingId: string) => ({ ratingId, counterNumber: 3, staffName: '张三', ticketNumber: 'A012' });

afterEach(async () => {
  await pad?.close();
  await emulator?.close().catch(() => undefined);
  await port?.dispose();
});

describe('serial rating pad over a socat pty pair', () => {
  beforeEach(() => setUp());

  it('start → the pad shows the prompt → the visitor presses 满意 → the hall gets the rating', async () => {
    expect(pad.health.code).toBe('ok');
    await pad.startRating(request('r-1'));
    const start = await emulator.waitFor('start');
    expect(toHex(start.payload)).toBe(hexLines(fixture('reference-serial-start-counter3-zhangsan-A012.hex'))[0]!.split(' ').slice(2, -2).join(' '));
    expect(emulator.showingPrompt).toBe(true);

    const rated = nextEvent<RatingEvent>((l) => pad.onRating(l));
    await emulator.press('satisfied');
    expect(await rated).toMatchObject({ ratingId: 'r-1', level: 'satisfied' });
    await emulator.waitFor('key_ack');
    expect(emulator.showingPrompt).toBe(false);
    expect(pad.health.code).toBe('ok'); // the emulator acknowledged the start
  });

  it('a press before start is ignored; the press after start is the rating', async () => {
    const early = nextEvent<KeyPressEvent>((l) => pad.onKeyPress(l));
    await emulator.press('very_dissatisfied');
    expect(await early).toMatchObject({ level: 'very_dissatisfied', outcome: 'no_rating' });

    await pad.startRating(request('r-2'));
    await emulator.waitFor('start');
    const rated = nextEvent<RatingEvent>((l) => pad.onRating(l));
    await emulator.press('very_satisfied');
    expect(await rated).toMatchObject({ ratingId: 'r-2', level: 'very_satisfied' });
  });

  it('line noise and a corrupted frame become typed errors; the good frame still rates', async () => {
    const errors: DeviceError[] = [];
    pad.onError((e) => errors.push(e));
    await pad.startRating(request('r-3'));
    await emulator.waitFor('start');
    const rated = nextEvent<RatingEvent>((l) => pad.onRating(l));
    const noisy = hexLines(fixture('reference-serial-noisy-cable.hex'))[0]!;
    await emulator.sendRaw(Uint8Array.from(noisy.split(' '), (h) => parseInt(h, 16)));
    expect(await rated).toMatchObject({ ratingId: 'r-3', level: 'satisfied' });
    expect(errors.map((e) => e.code)).toEqual(expect.arrayContaining(['garbage', 'bad_length']));
  });

  it('unplug → fault disconnected → replug at the same path → ok, and rating works again', { timeout: 90_000 }, async () => {
    // Generous waits: socat and the reconnect backoff are slow on a loaded 2-core machine (this failed once at 10 s).
    const down = nextEvent<DeviceHealth>((l) => pad.onHealth(l), (h) => h.code === 'disconnected', 30_000);
    await emulator.close().catch(() => undefined);
    await port.unplug();
    expect(await down).toMatchObject({ state: 'fault', code: 'disconnected' });
    await expect(pad.startRating(request('r-4'))).rejects.toMatchObject({ code: 'disconnected' });

    const up = nextEvent<DeviceHealth>((l) => pad.onHealth(l), (h) => h.code === 'ok', 30_000);
    await port.replug();
    emulator = serialPadEmulator(profile, port.devicePath);
    await emulator.open();
    expect(await up).toMatchObject({ state: 'ok' });

    await pad.startRating(request('r-5'));
    await emulator.waitFor('start');
    const rated = nextEvent<RatingEvent>((l) => pad.onRating(l));
    await emulator.press('basic');
    expect(await rated).toMatchObject({ ratingId: 'r-5', level: 'basic' });
  });
});

describe('serial rating pad timeout (injected clock, real port)', () => {
  it('no press until the timeout → onTimeout, no level, and the pad receives the cancel frame', async () => {
    const clock = new ManualClock();
    await setUp(clock);
    const ratings: RatingEvent[] = [];
    pad.onRating((r) => ratings.push(r));
    const timedOut = nextEvent<RatingTimeoutEvent>((l) => pad.onTimeout(l));
    await pad.startRating({ ...request('r-6'), timeoutMs: 60_000 });
    await emulator.waitFor('start');
    clock.advance(60_000);
    expect(await timedOut).toMatchObject({ ratingId: 'r-6' });
    await emulator.waitFor('cancel');
    expect(emulator.showingPrompt).toBe(false);

    const late = nextEvent<KeyPressEvent>((l) => pad.onKeyPress(l));
    await emulator.press('satisfied');
    expect(await late).toMatchObject({ outcome: 'no_rating' });
    expect(ratings).toEqual([]);
  });
});
