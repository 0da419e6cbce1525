// Mongolian calls from a hall's recordings: the sentence's clips, the check that every
// recording is there, the player that takes clips from two folders, and the announcer saying
// the Mongolian after the Mandarin. Mutations checked: dropping 'counter-suffix' from
// planMongolian, or the 'pause' between the two sentences in Announcer.announce, fails here.
import { describe, expect, it } from 'vitest';
import { Announcer, MONGOLIAN_PREFIX, MONGOLIAN_RECORDINGS, RecordingPlayer, RoutingPlayer, missingRecordings, planMongolian, type VoiceManifest } from '../../../renderer/shared/announcer';

describe('Mongolian calls', () => {
  it('read the ticket and the counter digit by digit between the two recorded phrases', () => {
    expect(planMongolian({ ticketNumber: 'A012', counterNumber: 12 })).toEqual(['letter-a', 'digit-0', 'digit-1', 'digit-2', 'ticket-suffix', 'digit-1', 'digit-2', 'counter-suffix']);
    expect(() => planMongolian({ ticketNumber: 'a1', counterNumber: 1 })).toThrow(/ticket number/);
  });

  it('need every recording: a partial set is reported, a complete one is not', () => {
    const entry = { file: 'x.wav', durationMs: 300 };
    const all: VoiceManifest = Object.fromEntries(Object.keys(MONGOLIAN_RECORDINGS).map((id) => [id, entry]));
    expect(missingRecordings(all)).toEqual([]);
    const { ['counter-suffix']: _gone, ...partial } = all;
    expect(missingRecordings(partial)).toEqual(['counter-suffix']);
    expect(Object.keys(MONGOLIAN_RECORDINGS)).toHaveLength(10 + 26 + 2);
    // Every clip the sentence can use is on the recording list.
    for (const counterNumber of [1, 10, 99, 305, 999]) {
      for (const clip of planMongolian({ ticketNumber: 'ZZ987654', counterNumber })) expect(MONGOLIAN_RECORDINGS).toHaveProperty(clip);
    }
  });

  it('are played from their own folder, after the Mandarin and a pause', async () => {
    const zh = new RecordingPlayer();
    const mn = new RecordingPlayer();
    const announcer = new Announcer({
      player: new RoutingPlayer(zh, { [MONGOLIAN_PREFIX]: mn }),
      storage: null,
      locale: 'zh-CN',
      also: (call) => planMongolian(call).map((id) => MONGOLIAN_PREFIX + id),
    });
    announcer.start();
    announcer.enqueue({ callId: '1', ticketNumber: 'B7', counterNumber: 3 });
    await announcer.whenIdle();
    expect(zh.played).toEqual([['chime', 'please', 'letter-b', 'digit-7', 'ticket-suffix', 'go-to', 'digit-3', 'counter-suffix', 'pause']]);
    expect(mn.played).toEqual([['letter-b', 'digit-7', 'ticket-suffix', 'digit-3', 'counter-suffix']]);
  });
});
