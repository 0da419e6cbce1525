import { describe, expect, it } from 'vitest';
import { PlaybackError } from '../../../renderer/shared/announcer/errors';
import { planAnnouncement } from '../../../renderer/shared/announcer/plan';
import { RecordingPlayer } from '../../../renderer/shared/announcer/player';
import { Announcer, DEFAULT_STORAGE_KEY, DONE_LIMIT, SEEN_LIMIT, type AnnouncerOptions } from '../../../renderer/shared/announcer/queue';
import { FakeClock, ManualPlayer, MemoryStorage, spokenTicket } from './fakes';

function setup(overrides: Partial<AnnouncerOptions> = {}) {
  const clock = new FakeClock();
  const storage = new MemoryStorage();
  const player = new ManualPlayer();
  const options: AnnouncerOptions = { player, storage, clock, locale: 'zh-CN', ...overrides };
  return { clock, storage, player, announcer: new Announcer(options), options };
}

const call = (n: number, counterNumber = 3) => ({ callId: `evt-${n}`, ticketNumber: `A${String(n).padStart(3, '0')}`, counterNumber });

describe('Announcer: order, no overlap, no loss', () => {
  it('given a burst of 20 calls within 100 ms, announces all 20 in call order, one at a time', async () => {
    const { clock, player, announcer } = setup();
    announcer.start();
    for (let n = 1; n <= 20; n++) {
      expect(announcer.enqueue(call(n))).toEqual({ status: 'queued' });
      clock.advance(5);
    }
    for (let n = 1; n <= 20; n++) {
      const playing = await player.next();
      expect(announcer.snapshot().current?.callId).toBe(`evt-${n}`);
      expect(announcer.snapshot().pending).toHaveLength(20 - n);
      playing.finish();
    }
    await announcer.whenIdle();
    expect(player.calls.map((c) => spokenTicket(c.clips))).toEqual(Array.from({ length: 20 }, (_, i) => call(i + 1).ticketNumber));
    expect(player.maxInFlight).toBe(1);
    const { done, current, pending, lastAnnouncedCallId } = announcer.snapshot();
    expect(done.map((d) => [d.callId, d.outcome])).toEqual(Array.from({ length: 20 }, (_, i) => [`evt-${i + 1}`, 'played']));
    expect([current, pending.length, lastAnnouncedCallId]).toEqual([null, 0, 'evt-20']);
  });

  it('plays the exact planned clips for each call', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.start();
    announcer.enqueue({ callId: 1, ticketNumber: 'A012', counterNumber: 3 });
    await announcer.whenIdle();
    expect(player.played).toEqual([planAnnouncement({ ticketNumber: 'A012', counterNumber: 3 }, 'zh-CN')]);
  });

  it('says each call `times` times as the hall sets it, from the next call on', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player, times: 2 });
    announcer.start();
    announcer.enqueue(call(1));
    await announcer.whenIdle();
    announcer.setTimes(3);
    announcer.enqueue(call(2));
    await announcer.whenIdle();
    expect(player.played.map((clips) => clips.filter((id) => id === 'counter-suffix').length)).toEqual([2, 3]);
    expect(announcer.snapshot().times).toBe(3);
    expect(() => announcer.setTimes(4)).toThrow(/times/);
    expect(() => new Announcer({ player, storage: null, locale: 'zh-CN', times: 0 })).toThrow(/times/);
  });
});

describe('Announcer: dedupe by callId', () => {
  it('a reconnect replaying the same events announces nothing twice', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.start();
    for (const n of [1, 2, 3]) announcer.enqueue(call(n));
    for (const n of [1, 2, 3]) expect(announcer.enqueue(call(n))).toEqual({ status: 'duplicate' });
    await announcer.whenIdle();
    for (const n of [1, 2, 3]) expect(announcer.enqueue(call(n))).toEqual({ status: 'duplicate' });
    expect(announcer.enqueue(call(4))).toEqual({ status: 'queued' });
    await announcer.whenIdle();
    expect(player.played.map(spokenTicket)).toEqual(['A001', 'A002', 'A003', 'A004']);
  });

  it('treats sequence number 7 and "7" as the same call; a recall comes with a new id and is announced', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.start();
    expect(announcer.enqueue({ callId: 7, ticketNumber: 'B7', counterNumber: 1 }).status).toBe('queued');
    expect(announcer.enqueue({ callId: '7', ticketNumber: 'B7', counterNumber: 1 }).status).toBe('duplicate');
    expect(announcer.enqueue({ callId: 8, ticketNumber: 'B7', counterNumber: 1 }).status).toBe('queued');
    await announcer.whenIdle();
    expect(player.played).toHaveLength(2);
  });

  it('remembers the last SEEN_LIMIT call ids; older ones fall out of the window', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.start();
    for (let n = 0; n <= SEEN_LIMIT; n++) announcer.enqueue({ callId: n, ticketNumber: 'A1', counterNumber: 1 });
    await announcer.whenIdle();
    expect(announcer.enqueue({ callId: 1, ticketNumber: 'A1', counterNumber: 1 }).status).toBe('duplicate');
    expect(announcer.enqueue({ callId: 0, ticketNumber: 'A1', counterNumber: 1 }).status).toBe('queued');
  });
});

describe('Announcer: failures are visible and never stall the queue', () => {
  it('marks a call failed with the player reason and goes on with the next', async () => {
    const { player, announcer } = setup();
    announcer.start();
    for (const n of [1, 2, 3, 4]) announcer.enqueue(call(n));
    (await player.next()).fail(new PlaybackError('audio-unavailable', 'audio output is suspended'));
    (await player.next()).fail(new Error('device vanished'));
    (await player.next()).finish();
    (await player.next()).fail(new PlaybackError('playback-timeout', 'did not end'));
    await announcer.whenIdle();
    expect(announcer.snapshot().done.map((d) => [d.callId, d.outcome, d.reason])).toEqual([
      ['evt-1', 'failed', 'audio-unavailable'],
      ['evt-2', 'failed', 'playback-failed'],
      ['evt-3', 'played', null],
      ['evt-4', 'failed', 'playback-timeout'],
    ]);
    expect(announcer.snapshot().lastAnnouncedCallId).toBe('evt-4');
  });

  it('survives a player that throws instead of returning a promise', async () => {
    const { announcer } = setup({
      player: {
        playClips: () => {
          throw new Error('not a promise');
        },
      },
    });
    announcer.start();
    announcer.enqueue(call(1));
    await announcer.whenIdle();
    expect(announcer.snapshot().done[0]).toMatchObject({ outcome: 'failed', reason: 'playback-failed' });
  });

  it('rejects a call it cannot say, records it as failed, and keeps announcing', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.start();
    expect(announcer.enqueue({ callId: 'evt-x', ticketNumber: 'a012', counterNumber: 3 })).toMatchObject({ status: 'rejected', reason: 'invalid-ticket-number' });
    expect(announcer.enqueue({ callId: 'evt-y', ticketNumber: 'A012', counterNumber: 1000 })).toMatchObject({ status: 'rejected', reason: 'invalid-counter-number' });
    expect(announcer.enqueue({ callId: '', ticketNumber: 'A012', counterNumber: 1 })).toMatchObject({ status: 'rejected', reason: 'invalid-call-id' });
    expect(announcer.enqueue({ callId: 'evt-x', ticketNumber: 'a012', counterNumber: 3 }).status).toBe('duplicate');
    announcer.enqueue(call(1));
    await announcer.whenIdle();
    expect(announcer.snapshot().done.map((d) => [d.outcome, d.reason])).toEqual([
      ['failed', 'invalid-ticket-number'],
      ['failed', 'invalid-counter-number'],
      ['failed', 'invalid-call-id'],
      ['played', null],
    ]);
    expect(player.played).toHaveLength(1);
  });

  it('with expireAfterMs, a call that waited too long is marked expired instead of played late', async () => {
    const player = new RecordingPlayer();
    const { clock, announcer } = setup({ player, expireAfterMs: 10 * 60_000 });
    announcer.enqueue(call(1));
    clock.advance(10 * 60_000 + 1);
    announcer.enqueue(call(2));
    announcer.start();
    await announcer.whenIdle();
    expect(announcer.snapshot().done.map((d) => [d.callId, d.outcome, d.reason])).toEqual([
      ['evt-1', 'failed', 'expired'],
      ['evt-2', 'played', null],
    ]);
  });

  it('keeps only the last DONE_LIMIT finished calls, oldest first', async () => {
    const { announcer } = setup({ player: new RecordingPlayer() });
    announcer.start();
    for (let n = 1; n <= DONE_LIMIT + 5; n++) announcer.enqueue(call(n));
    await announcer.whenIdle();
    const done = announcer.snapshot().done;
    expect(done).toHaveLength(DONE_LIMIT);
    expect([done[0]?.callId, done.at(-1)?.callId]).toEqual(['evt-6', `evt-${DONE_LIMIT + 5}`]);
  });
});

describe('Announcer: persistence across a display reload', () => {
  it('resumes after a reload mid-announcement: the cut-off call is replayed first, then the rest, in order', async () => {
    const first = setup();
    first.announcer.start();
    for (const n of [1, 2, 3, 4]) first.announcer.enqueue(call(n));
    (await first.player.next()).finish();
    await first.player.next(); // evt-2 is playing when the page reloads

    const player = new ManualPlayer();
    const reloaded = new Announcer({ ...first.options, player });
    expect(reloaded.snapshot().current).toBeNull();
    expect(reloaded.snapshot().pending.map((p) => p.callId)).toEqual(['evt-2', 'evt-3', 'evt-4']);
    expect(reloaded.snapshot().lastAnnouncedCallId).toBe('evt-1');
    reloaded.start();
    for (let i = 0; i < 3; i++) (await player.next()).finish();
    await reloaded.whenIdle();
    expect(player.calls.map((c) => spokenTicket(c.clips))).toEqual(['A002', 'A003', 'A004']);
    expect(reloaded.enqueue(call(1)).status).toBe('duplicate');
    expect(reloaded.enqueue(call(3)).status).toBe('duplicate');
  });

  it('restores nothing and reports it when the stored state is corrupt, then works normally', async () => {
    const storage = new MemoryStorage();
    storage.setItem(DEFAULT_STORAGE_KEY, '{"version":1,"queue":[');
    const player = new RecordingPlayer();
    const announcer = new Announcer({ player, storage, locale: 'zh-CN', clock: new FakeClock() });
    expect(announcer.snapshot().storageError).toMatch(/discarded/);
    announcer.start();
    announcer.enqueue(call(1));
    await announcer.whenIdle();
    expect(player.played).toHaveLength(1);
  });

  it('skips a stored item it cannot say but keeps the others', () => {
    const storage = new MemoryStorage();
    const good = { callId: 'evt-1', ticketNumber: 'A001', counterNumber: 3, enqueuedAt: 1 };
    const bad = { callId: 'evt-2', ticketNumber: 'a002', counterNumber: 3, enqueuedAt: 2 };
    storage.setItem(DEFAULT_STORAGE_KEY, JSON.stringify({ version: 1, queue: [bad, good], seen: [], lastAnnouncedCallId: null }));
    const announcer = new Announcer({ player: new RecordingPlayer(), storage, locale: 'zh-CN' });
    expect(announcer.snapshot().pending.map((p) => p.callId)).toEqual(['evt-1']);
    expect(announcer.snapshot().storageError).toMatch(/1 stored/);
  });

  it('keeps announcing when storage refuses writes, and says so in the snapshot', async () => {
    const { storage, player, announcer } = setup();
    storage.failWrites = true;
    announcer.start();
    announcer.enqueue(call(1));
    expect(announcer.snapshot().storageError).toMatch(/not writable/);
    (await player.next()).finish();
    await announcer.whenIdle();
    expect(announcer.snapshot().done[0]?.outcome).toBe('played');
  });

  it('keeps separate queues under separate storage keys', () => {
    const { storage, announcer } = setup({ storageKey: 'display-east' });
    announcer.enqueue(call(1));
    const other = new Announcer({ player: new RecordingPlayer(), storage, locale: 'zh-CN', storageKey: 'display-west' });
    expect(other.snapshot().pending).toEqual([]);
    expect(new Announcer({ player: new RecordingPlayer(), storage, locale: 'zh-CN', storageKey: 'display-east' }).snapshot().pending).toHaveLength(1);
  });
});

describe('Announcer: observable state', () => {
  it('notifies subscribers on every change and keeps the snapshot object stable between changes', async () => {
    const { player, announcer } = setup();
    const seen: string[] = [];
    const unsubscribe = announcer.subscribe((s) => seen.push(`${s.current?.callId ?? '-'}|${s.pending.length}|${s.done.length}`));
    expect(announcer.snapshot()).toBe(announcer.snapshot());
    announcer.enqueue(call(1));
    announcer.start();
    const before = announcer.snapshot();
    (await player.next()).finish();
    await announcer.whenIdle();
    expect(announcer.snapshot()).not.toBe(before);
    expect(seen).toEqual(['-|1|0', 'evt-1|0|0', '-|0|1']);
    unsubscribe();
    announcer.enqueue(call(2));
    expect(seen).toHaveLength(3);
  });

  it('a throwing listener does not stop the announcements', async () => {
    const player = new RecordingPlayer();
    const { announcer } = setup({ player });
    announcer.subscribe(() => {
      throw new Error('broken view');
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      announcer.start();
      announcer.enqueue(call(1));
      await announcer.whenIdle();
    } finally {
      console.error = original;
    }
    expect(player.played).toHaveLength(1);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('stop() lets the current call finish and keeps the rest queued until start()', async () => {
    const { player, announcer } = setup();
    announcer.start();
    for (const n of [1, 2]) announcer.enqueue(call(n));
    const playing = await player.next();
    announcer.stop();
    playing.finish();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(announcer.snapshot().pending.map((p) => p.callId)).toEqual(['evt-2']);
    expect(player.calls).toHaveLength(1);
    announcer.start();
    (await player.next()).finish();
    await announcer.whenIdle();
    expect(announcer.snapshot().done.map((d) => d.callId)).toEqual(['evt-1', 'evt-2']);
  });
});
