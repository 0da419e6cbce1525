// The polling reader over an in-memory link to the real protocol model, on a
// manual clock: long sessions, faults and reconnects run in milliseconds.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceError, DeviceHealth } from '../../../drivers/contract.js';
import type { IdCardRecord } from '../../../drivers/idcard/contract.js';
import { IdCardReader, type IdCardReaderOptions } from '../../../drivers/idcard/reader.js';
import { loadIdCardFixture } from '../../fixtures/idcard/load.js';
import { ManualClock } from './helpers/manual-clock.js';
import { MemoryReaderLink } from './helpers/memory-link.js';

let reader: IdCardReader | null = null;

async function setup(options: IdCardReaderOptions = {}) {
  const clock = new ManualClock();
  const link = new MemoryReaderLink(clock);
  link.latencyMs = 50;
  reader = new IdCardReader(link, { clock, ...options });
  const cards: IdCardRecord[] = [];
  const failures: DeviceError[] = [];
  const health: DeviceHealth[] = [];
  reader.onCard((c) => cards.push(c));
  reader.onReadFailed((e) => failures.push(e));
  reader.onHealth((h) => health.push(h));
  const codes = () => health.map((h) => h.code);
  return { clock, link, reader, cards, failures, health, codes };
}

afterEach(async () => {
  await reader?.stop();
  reader = null;
});

describe('IdCardReader polling', () => {
  it('given a card left on the reader for an hour, reports it exactly once', async () => {
    const { clock, link, reader, cards, codes } = await setup();
    link.model.insertCard(loadIdCardFixture('resident-elderly'));
    await reader.start();
    await clock.advance(60 * 60 * 1000);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.name).toBe('其其格');
    expect(codes()).toEqual(['ok']);
    // About one find per second, and only one select/read.
    expect(link.requests.filter((r) => r === 'find_card').length).toBeGreaterThan(3000);
    expect(link.requests.filter((r) => r === 'read_text_photo')).toHaveLength(1);
  });

  it('given the card removed and put back, reports it again', async () => {
    const { clock, link, reader, cards } = await setup();
    await reader.start();
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await clock.advance(5000);
    link.model.removeCard();
    await clock.advance(3000);
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await clock.advance(5000);
    link.model.removeCard();
    link.model.insertCard(loadIdCardFixture('foreigner-2023'));
    await clock.advance(500); // swapped between two polls: no failed find seen
    link.model.removeCard();
    await clock.advance(1500);
    link.model.insertCard(loadIdCardFixture('foreigner-2023'));
    await clock.advance(3000);
    expect(cards.map((c) => c.cardType)).toEqual(['resident', 'resident', 'foreign_permanent_2023']);
  });

  it('honours a configured poll interval', async () => {
    const { clock, link, reader } = await setup({ pollIntervalMs: 250 });
    await reader.start();
    await clock.advance(10_000);
    const finds = link.requests.filter((r) => r === 'find_card').length;
    expect(finds).toBeGreaterThan(30);
    expect(finds).toBeLessThan(41);
  });

  it('reads with fingerprint (30 10) and the appended address (30 03) when configured', async () => {
    const { clock, link, reader, cards } = await setup({ withFingerprint: true, readAppendedAddress: true });
    link.model.fingerprintSize = 1024;
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await reader.start();
    await clock.advance(3000);
    expect(link.requests).toContain('read_text_photo_fingerprint');
    expect(cards[0]!.appendedAddress).toBe('内蒙古自治区包头市青山区示例路2号');
  });
});

describe('IdCardReader card failures', () => {
  it('a card with a bad check digit fails once per insertion and never becomes a card', async () => {
    const { clock, link, reader, cards, failures } = await setup();
    link.model.insertCard(loadIdCardFixture('resident-bad-check-digit'));
    await reader.start();
    await clock.advance(30_000);
    expect(cards).toEqual([]);
    expect(failures.map((f) => f.code)).toEqual(['invalid_id_number']);
  });

  it('a transient read failure (41) is retried on the next poll', async () => {
    const { clock, link, reader, cards, failures, codes } = await setup();
    link.model.insertCard(loadIdCardFixture('hmt-residence-permit'));
    link.model.failNext('read_text_photo', 0x41);
    await reader.start();
    await clock.advance(5000);
    expect(failures.map((f) => f.code)).toEqual(['card_read_failed']);
    expect(cards).toHaveLength(1);
    expect(codes()).toEqual(['ok']);
  });

  it('gives up on a card after the configured attempts until it is removed', async () => {
    const { clock, link, reader, cards, failures } = await setup({ readAttemptsPerCard: 2 });
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    for (let i = 0; i < 5; i++) {
      link.model.failNext('select_card', 0x81);
      await (i === 0 ? reader.start() : clock.advance(1000));
    }
    expect(failures).toHaveLength(2);
    expect(cards).toEqual([]);
  });
});

describe('IdCardReader health', () => {
  it('reports sam_failed while the SAM fails, and recovers by itself', async () => {
    const { clock, link, reader, cards, health, codes } = await setup();
    link.model.setSamFailure('self_test');
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await reader.start();
    await clock.advance(10_000);
    expect(codes()).toEqual(['sam_failed']);
    expect(health[0]).toMatchObject({ state: 'fault', since: expect.any(Number) });
    expect(cards).toEqual([]);
    link.model.setSamFailure(null);
    await clock.advance(3000);
    expect(codes()).toEqual(['sam_failed', 'ok']);
    expect(cards).toHaveLength(1);
  });

  it('reports timeout when the module goes silent, and ok when it answers again', async () => {
    const { clock, link, reader, codes } = await setup();
    await reader.start();
    await clock.advance(1000);
    link.silent = true;
    await clock.advance(10_000);
    expect(codes()).toEqual(['ok', 'timeout']);
    link.silent = false;
    await clock.advance(5000);
    expect(codes()).toEqual(['ok', 'timeout', 'ok']);
  });

  it('reports protocol_error (a warning) for a corrupt answer and recovers', async () => {
    const { clock, link, reader, cards, health } = await setup();
    await reader.start();
    await clock.advance(1000);
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    link.mutateNext = (frame) => {
      const bad = frame.slice();
      bad[bad.length - 1]! ^= 0x5a;
      return bad;
    };
    await clock.advance(5000);
    expect(health.map((h) => [h.code, h.state])).toEqual([
      ['ok', 'ok'],
      ['protocol_error', 'warning'],
      ['ok', 'ok'],
    ]);
    expect(cards).toHaveLength(1);
  });

  it('tolerates line noise before an answer without any health change', async () => {
    const { clock, link, reader, cards, codes } = await setup();
    await reader.start();
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    link.mutateNext = (frame) => new Uint8Array([0x00, 0xff, 0xaa, 0x13, ...frame]);
    await clock.advance(5000);
    expect(codes()).toEqual(['ok']);
    expect(cards).toHaveLength(1);
  });

  it('on unplug reports disconnected, retries with growing backoff, and recovers on replug', async () => {
    const { clock, link, reader, cards, codes } = await setup({ reconnect: { initialMs: 500, factor: 2, maxMs: 4000 } });
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await reader.start();
    await clock.advance(2000);
    expect(cards).toHaveLength(1);
    const unpluggedAt = clock.now();
    link.unplug();
    await clock.advance(20_000);
    expect(codes()).toEqual(['ok', 'disconnected']);
    const gaps = link.openAttempts.filter((t) => t > unpluggedAt).map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!));
    expect(gaps.slice(1, 5)).toEqual([500, 1000, 2000, 4000]);
    expect(Math.max(...gaps)).toBe(4000);
    link.replug();
    await clock.advance(6000);
    expect(codes()).toEqual(['ok', 'disconnected', 'ok']);
    // The card still lying there is read again after the reconnect (documented).
    expect(cards).toHaveLength(2);
  });

  it('stop() closes the port, reports stopped, and nothing fires afterwards', async () => {
    const { clock, link, reader, cards, codes } = await setup();
    await reader.start();
    await clock.advance(1000);
    await reader.stop();
    expect(link.isOpen).toBe(false);
    expect(codes()).toEqual(['ok', 'stopped']);
    link.model.insertCard(loadIdCardFixture('resident-adult'));
    await clock.advance(10_000);
    expect(cards).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stop() during the very first poll settles without the clock moving', async () => {
    const { link, reader, codes } = await setup();
    await reader.start();
    await reader.stop();
    expect(link.isOpen).toBe(false);
    expect(codes()).toEqual([]); // it never got to ok
    expect(reader.health.code).toBe('stopped');
  });

  it('reads the SAM id between polls', async () => {
    const { clock, reader } = await setup();
    await reader.start();
    const samId = reader.readSamId();
    await clock.advance(1000);
    await expect(samId).resolves.toMatchObject({ text: '05.01-20260101-000012345-000067890' });
  });
});
