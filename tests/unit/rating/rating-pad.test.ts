import { describe, expect, it } from 'vitest';
import { hexFixture, toHexString } from './helpers/fixtures.js';
import { CANCEL_FRAME, KEY_ACK_FRAME, KEY_FRAME, PAD_ACK, padHarness } from './helpers/pad-harness.js';

const [START_FRAME] = hexFixture('rating/reference-serial-start-counter3-zhangsan-A012.hex');

async function openPad() {
  const h = padHarness();
  await h.pad.open();
  return h;
}

describe('a rating at the counter (reference serial pad)', () => {
  it('given an open request, when the visitor presses 满意, then the hall gets exactly that rating', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request('r-1'));
    expect(h.transport.writtenHex()).toEqual([toHexString(START_FRAME!)]);
    h.transport.deliver(KEY_FRAME.satisfied);
    expect(h.ratings).toEqual([{ ratingId: 'r-1', level: 'satisfied', at: h.clock.now() }]);
    expect(h.transport.writtenHex().at(-1)).toBe(KEY_ACK_FRAME);
    expect(h.pad.activeRatingId).toBeNull();
  });

  it('one rating per service: a second press and a bounce are never a second rating', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.transport.deliver(KEY_FRAME.very_satisfied);
    h.transport.deliver(KEY_FRAME.very_satisfied); // contact bounce, same instant
    h.clock.advance(2000);
    h.transport.deliver(KEY_FRAME.very_dissatisfied); // changes their mind: too late
    expect(h.ratings.map((r) => r.level)).toEqual(['very_satisfied']);
    expect(h.presses.map((p) => p.outcome)).toEqual(['accepted', 'bounce', 'no_rating']);
  });

  it('a press before the request opens is ignored, and does not count for the next request', async () => {
    const h = await openPad();
    h.transport.deliver(KEY_FRAME.very_dissatisfied);
    expect(h.presses).toEqual([expect.objectContaining({ level: 'very_dissatisfied', outcome: 'no_rating' })]);
    h.clock.advance(5000);
    await h.pad.startRating(h.request());
    expect(h.ratings).toEqual([]);
    h.transport.deliver(KEY_FRAME.basic);
    expect(h.ratings.map((r) => r.level)).toEqual(['basic']);
  });

  it('a press within the debounce time after the previous press is bounce, even across requests', async () => {
    const h = await openPad();
    h.transport.deliver(KEY_FRAME.satisfied);
    await h.pad.startRating(h.request());
    h.clock.advance(50); // < debounceMs 150
    h.transport.deliver(KEY_FRAME.satisfied);
    expect(h.ratings).toEqual([]);
    h.clock.advance(500);
    h.transport.deliver(KEY_FRAME.satisfied);
    expect(h.ratings).toHaveLength(1);
  });

  it('a timeout is reported as a timeout, never as a level, and the pad is told to stop asking', async () => {
    const h = await openPad();
    await h.pad.startRating({ ...h.request('r-9'), timeoutMs: 30_000 });
    h.clock.advance(29_999);
    expect(h.timeouts).toEqual([]);
    h.clock.advance(1);
    expect(h.timeouts).toEqual([{ ratingId: 'r-9', at: h.clock.now() }]);
    expect(h.ratings).toEqual([]);
    await Promise.resolve();
    expect(h.transport.writtenHex().at(-1)).toBe(CANCEL_FRAME);
    h.transport.deliver(KEY_FRAME.satisfied); // late press
    expect(h.ratings).toEqual([]);
  });

  it('uses the profile timeout when the request gives none', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.clock.advance(h.pad.profile.timeoutMs);
    expect(h.timeouts).toHaveLength(1);
  });

  it('cancel ends the request without a rating and sends the cancel frame; a stale ratingId is ignored', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request('r-1'));
    await h.pad.cancel('r-other');
    expect(h.pad.activeRatingId).toBe('r-1');
    await h.pad.cancel('r-1');
    expect(h.cancels).toEqual([{ ratingId: 'r-1', reason: 'host', at: h.clock.now() }]);
    expect(h.transport.writtenHex().at(-1)).toBe(CANCEL_FRAME);
    h.transport.deliver(KEY_FRAME.satisfied);
    h.clock.advance(120_000);
    expect(h.ratings).toEqual([]);
    expect(h.timeouts).toEqual([]);
  });

  it('a new request supersedes an open one: the old one ends as cancelled, the press rates the new one', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request('r-1'));
    await h.pad.startRating(h.request('r-2'));
    expect(h.cancels).toEqual([expect.objectContaining({ ratingId: 'r-1', reason: 'superseded' })]);
    h.transport.deliver(KEY_FRAME.basic);
    expect(h.ratings).toEqual([expect.objectContaining({ ratingId: 'r-2', level: 'basic' })]);
    h.clock.advance(120_000);
    expect(h.timeouts).toEqual([]);
  });

  it('rejects bad requests with invalid_request and sends nothing', async () => {
    const h = await openPad();
    await expect(h.pad.startRating({ ...h.request(), counterNumber: 0 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(h.pad.startRating({ ...h.request(), ratingId: '' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(h.pad.startRating({ ...h.request(), timeoutMs: -5 })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(h.transport.written).toEqual([]);
    expect(h.pad.activeRatingId).toBeNull();
  });

  it('sends named prompts, and refuses one the profile lacks', async () => {
    const h = await openPad();
    await h.pad.prompt('please_rate');
    expect(h.transport.writtenHex()).toEqual(['02 02 33 01 30 03']);
    await expect(h.pad.prompt('sing')).rejects.toMatchObject({ code: 'not_supported' });
  });

  it('garbage and unknown keys become typed errors, never ratings', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.transport.deliver([0x00, 0xff, 0x13]);
    h.transport.deliver([0x02, 0x02, 0x4b, 0x09, 0x40, 0x03]); // well-formed, unknown key 09
    h.transport.deliver([0x02, 0x02, 0x4b, 0x02, 0x4c, 0x03]); // 满意 with a wrong checksum
    expect(h.ratings).toEqual([]);
    // After a bad checksum the decoder rescans byte by byte, so the tail shows up as bad_length / garbage too.
    expect(h.errors.map((e) => e.code).slice(0, 3)).toEqual(['garbage', 'unknown_key', 'bad_checksum']);
    expect(h.pad.activeRatingId).not.toBeNull();
  });

  it('recovers a key frame cut off by line noise once the line goes quiet', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.transport.deliver([0x02, 0x30, ...KEY_FRAME.dissatisfied]); // a false header swallows the real frame
    expect(h.ratings).toEqual([]);
    h.clock.advance(200);
    expect(h.ratings.map((r) => r.level)).toEqual(['dissatisfied']);
  });
});

describe('acknowledgements', () => {
  it('warns no_ack when the pad does not acknowledge the start, and clears when it does', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.clock.advance(1000);
    expect(h.pad.health).toMatchObject({ state: 'warning', code: 'no_ack' });
    h.transport.deliver(PAD_ACK);
    expect(h.pad.health).toMatchObject({ state: 'ok', code: 'ok' });
    expect(h.health.map((x) => x.code)).toEqual(['ok', 'no_ack', 'ok']);
  });

  it('stays ok when the pad acknowledges in time', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request());
    h.transport.deliver(PAD_ACK);
    h.clock.advance(5000);
    expect(h.health.map((x) => x.code)).toEqual(['ok']);
  });
});

describe('link health, unplug and replug', () => {
  it('reports disconnected on unplug, retries with growing backoff, and recovers on replug', async () => {
    const h = await openPad();
    h.transport.unplug();
    expect(h.pad.health).toMatchObject({ state: 'fault', code: 'disconnected' });
    expect(h.clock.pendingDelays()).toEqual([500]);
    h.clock.advance(500);
    await Promise.resolve();
    expect(h.pad.health.code).toBe('open_failed');
    expect(h.clock.pendingDelays()).toEqual([1000]);
    h.clock.advance(1000);
    await Promise.resolve();
    expect(h.clock.pendingDelays()).toEqual([2000]);
    h.transport.replug();
    h.clock.advance(2000);
    await Promise.resolve();
    expect(h.pad.health).toMatchObject({ state: 'ok', code: 'ok' });
    expect(h.health.map((x) => x.code)).toEqual(['ok', 'disconnected', 'open_failed', 'ok']);
  });

  it('while unplugged, startRating rejects disconnected so the hall can use the screen', async () => {
    const h = await openPad();
    h.transport.unplug();
    await expect(h.pad.startRating(h.request())).rejects.toMatchObject({ code: 'disconnected' });
    expect(h.pad.activeRatingId).toBeNull();
  });

  it('a request survives a short unplug: the start is sent again on reconnect and the press still counts', async () => {
    const h = await openPad();
    await h.pad.startRating({ ...h.request('r-5'), timeoutMs: 60_000 });
    h.transport.unplug();
    h.transport.replug();
    h.clock.advance(500);
    await Promise.resolve();
    await Promise.resolve();
    expect(h.transport.writtenHex().filter((w) => w === toHexString(START_FRAME!))).toHaveLength(2);
    h.transport.deliver(KEY_FRAME.satisfied);
    expect(h.ratings).toEqual([expect.objectContaining({ ratingId: 'r-5', level: 'satisfied' })]);
  });

  it('a pad absent at startup reports open_failed and keeps retrying', async () => {
    const h = padHarness();
    h.transport.present = false;
    await h.pad.open();
    expect(h.pad.health).toMatchObject({ state: 'fault', code: 'open_failed' });
    h.transport.replug();
    h.clock.advance(500);
    await Promise.resolve();
    expect(h.pad.health.code).toBe('ok');
  });

  it('close ends an open request as cancelled(closed) and stops retrying', async () => {
    const h = await openPad();
    await h.pad.startRating(h.request('r-7'));
    await h.pad.close();
    expect(h.cancels).toEqual([expect.objectContaining({ ratingId: 'r-7', reason: 'closed' })]);
    expect(h.pad.health.code).toBe('closed');
    h.clock.advance(600_000);
    expect(h.transport.opens).toBe(1);
    expect(h.timeouts).toEqual([]);
  });
});
