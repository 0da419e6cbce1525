// HID pads cannot be emulated on this machine (no /dev/uhid): the fake bus
// stands in for node-hid behind HidTransport's backend seam, so reports take
// the same HidTransport → report parser → RatingPad path as a real pad's.
import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../drivers/contract.js';
import { DeviceError } from '../../../drivers/contract.js';
import type { RatingEvent } from '../../../drivers/rating/contract.js';
import { FakeHidBus } from '../../../drivers/rating/emulator/fake-hid.js';
import { createRatingPad } from '../../../drivers/rating/open.js';
import { shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import { HidTransport } from '../../../drivers/transports/hid.js';
import { ManualClock } from './helpers/manual-clock.js';
import { hex } from './helpers/memory-transport.js';

const profile = shippedRatingProfile('servicehall-reference-hid-v1');

async function hidPad() {
  const bus = new FakeHidBus();
  const device = bus.plug(profile);
  const clock = new ManualClock();
  const pad = createRatingPad(profile, {}, { clock, hidBackend: bus.backend });
  const ratings: RatingEvent[] = [];
  const health: DeviceHealth[] = [];
  pad.onRating((r) => ratings.push(r));
  pad.onHealth((h) => health.push(h));
  await pad.open();
  return { bus, device, clock, pad, ratings, health };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('HID rating pad (reference vendor-page profile, fake HID bus)', () => {
  it('start sends the output report; a key report becomes the rating', async () => {
    const h = await hidPad();
    expect(h.pad.health.code).toBe('ok');
    await h.pad.startRating({ ratingId: 'r-1', counterNumber: 12, staffName: '李四', ticketNumber: 'B007' });
    expect(Array.from(h.device.written[0]!)).toEqual([0x03, 0x01, 0x00, 0x0c, 0, 0, 0, 0, 0]);
    h.device.press('very_satisfied');
    expect(h.ratings).toEqual([expect.objectContaining({ ratingId: 'r-1', level: 'very_satisfied' })]);
  });

  it('a press before start is not a rating; a foreign report is a typed error', async () => {
    const h = await hidPad();
    const errors: string[] = [];
    h.pad.onError((e) => errors.push(e.code));
    h.device.press('dissatisfied');
    h.device.sendReport(hex('07 01 02 03'));
    expect(h.ratings).toEqual([]);
    expect(errors).toEqual(['bad_report']);
  });

  it('unplug → fault disconnected; replug → ok, and the held-key state starts fresh', async () => {
    const h = await hidPad();
    h.device.sendReport(hex('02 02')); // key held when the cable is pulled
    h.bus.unplug();
    expect(h.pad.health).toMatchObject({ state: 'fault', code: 'disconnected' });
    h.clock.advance(1000);
    await flush();
    expect(h.pad.health.code).toBe('not_found');
    const replugged = h.bus.plug(profile);
    h.clock.advance(2000);
    await flush();
    expect(h.pad.health.code).toBe('ok');
    await h.pad.startRating({ ratingId: 'r-2', counterNumber: 1, staffName: '', ticketNumber: 'A001' });
    replugged.sendReport(hex('02 02')); // same key as before the unplug: a new press on a new device
    expect(h.ratings).toEqual([expect.objectContaining({ ratingId: 'r-2', level: 'satisfied' })]);
    expect(h.health.map((x) => x.code)).toEqual(['ok', 'disconnected', 'not_found', 'ok']);
  });

  it('a missing native node-hid makes only this pad unavailable, without retry storms', async () => {
    const clock = new ManualClock();
    const unavailable = () => Promise.reject(new DeviceError('unavailable', 'node-hid cannot load (is libusb-1.0 installed?): libusb-1.0.so.0: cannot open shared object file'));
    const pad = createRatingPad(profile, {}, { clock, hidBackend: unavailable });
    await pad.open();
    expect(pad.health).toMatchObject({ state: 'fault', code: 'unavailable' });
    expect(clock.pendingDelays()).toEqual([]);
    await expect(pad.startRating({ ratingId: 'r', counterNumber: 1, staffName: '', ticketNumber: '' })).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('with the real node-hid (lazily imported), an absent pad is not_found (or unavailable without libusb), never a crash', async () => {
    const transport = new HidTransport({ vendorId: 0x1209, productId: 0xfffe });
    const err = await transport.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeviceError);
    expect(['not_found', 'unavailable']).toContain((err as DeviceError).code);
  });
});
