// The ID card reader driver over real OS serial ports: socat pty pairs, the real
// `serialport` package on both ends, the emulator speaking the wire protocol.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceError, DeviceHealth } from '../../../drivers/contract.js';
import type { IdCardRecord } from '../../../drivers/idcard/contract.js';
import { startIdCardEmulator, type IdCardEmulator } from '../../../drivers/idcard/emulator.js';
import { createSerialIdCardReader } from '../../../drivers/idcard/index.js';
import type { IdCardReader } from '../../../drivers/idcard/reader.js';
import { ID_CARD_FIXTURES, loadIdCardFixture } from '../../fixtures/idcard/load.js';
import { createStablePort, waitFor, type StablePort } from './stable-port.js';

let port: StablePort;
let emulator: IdCardEmulator;
let reader: IdCardReader;
let cards: IdCardRecord[];
let failures: DeviceError[];
let health: DeviceHealth[];
const codes = () => health.map((h) => h.code);

beforeEach(async () => {
  port = await createStablePort();
  emulator = await startIdCardEmulator({ path: port.pair!.b });
  // Polling every 30 ms stands in for the real 1 s; reconnects are quick too.
  reader = createSerialIdCardReader({ path: port.path, pollIntervalMs: 30, reconnect: { initialMs: 50, maxMs: 200 } });
  cards = [];
  failures = [];
  health = [];
  reader.onCard((c) => cards.push(c));
  reader.onReadFailed((e) => failures.push(e));
  reader.onHealth((h) => health.push(h));
});

afterEach(async () => {
  await reader.stop();
  await emulator.close();
  await port.dispose();
});

/** Waits until the emulator has seen `n` more requests of a kind (find_card: polls). */
async function morePolls(n: number, request = 'find_card'): Promise<void> {
  const count = () => emulator.requests.filter((r) => r === request).length;
  const target = count() + n;
  await waitFor(`${n} more ${request}`, () => count() >= target);
}

describe('ID card reader over a pty', () => {
  it('given a card on the reader, a full find/select/read cycle yields exactly one card', async () => {
    await reader.start();
    await waitFor('ok', () => codes().includes('ok'));
    emulator.insertCard(loadIdCardFixture('resident-elderly'));
    await waitFor('a card', () => cards.length === 1);
    await morePolls(10);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ name: '其其格', validTo: 'long_term', maskedIdNumber: '150102********0621' });
    expect(emulator.requests.filter((r) => r === 'read_text_photo')).toHaveLength(1);
  });

  it('reads every fixture card type end to end, and rejects the bad check digit', async () => {
    await reader.start();
    for (const name of ID_CARD_FIXTURES) {
      const before = cards.length + failures.length;
      emulator.insertCard(loadIdCardFixture(name));
      await waitFor(`outcome for ${name}`, () => cards.length + failures.length > before);
      emulator.removeCard();
      await morePolls(2);
    }
    expect(cards.map((c) => c.cardType)).toEqual([
      'resident', 'resident', 'resident', 'resident', 'resident', 'foreign_permanent_2017', 'foreign_permanent_2023', 'hmt_residence_permit',
    ]);
    expect(failures.map((f) => f.code)).toEqual(['invalid_id_number']);
  });

  it('given the card removed and put back, reports it once per insertion', async () => {
    await reader.start();
    emulator.insertCard(loadIdCardFixture('resident-adult'));
    await waitFor('first card', () => cards.length === 1);
    emulator.removeCard();
    await morePolls(3);
    emulator.insertCard(loadIdCardFixture('resident-adult'));
    await waitFor('second card', () => cards.length === 2);
    await morePolls(5);
    expect(cards).toHaveLength(2);
  });

  it('SAM failure → health sam_failed, no card; SAM back → ok and the card is read', async () => {
    emulator.setSamFailure(true);
    emulator.insertCard(loadIdCardFixture('resident-adult'));
    await reader.start();
    await waitFor('sam_failed', () => reader.health.code === 'sam_failed');
    expect(reader.health.state).toBe('fault');
    await morePolls(5, 'sam_status'); // while failed it keeps checking the SAM, never reads
    expect(cards).toEqual([]);
    emulator.setSamFailure(false);
    await waitFor('card after recovery', () => cards.length === 1);
    expect(codes()).toEqual(['sam_failed', 'ok']);
  });

  it('unplug (socat killed) → disconnected; a new pty at the same path → recovers by itself', async () => {
    await reader.start();
    emulator.insertCard(loadIdCardFixture('resident-adult'));
    await waitFor('card', () => cards.length === 1);
    await emulator.close();
    await port.unplug();
    await waitFor('disconnected', () => reader.health.code === 'disconnected');
    const pair = await port.plug();
    emulator = await startIdCardEmulator({ path: pair.b, card: loadIdCardFixture('foreigner-2023') });
    await waitFor('ok again', () => reader.health.code === 'ok');
    await waitFor('card after replug', () => cards.length === 2);
    expect(cards[1]!.cardType).toBe('foreign_permanent_2023');
    expect(codes()).toEqual(['ok', 'disconnected', 'ok']);
  });

  it('slow answers (module-like delays, scaled) still read one card', async () => {
    emulator.setDelays({ find_card: 80, select_card: 30, read_text_photo: 110 });
    emulator.insertCard(loadIdCardFixture('hmt-residence-permit'));
    await reader.start();
    await waitFor('card', () => cards.length === 1);
    expect(codes()).toEqual(['ok']);
  });

  it('fragmented answers (7-byte writes) are reassembled', async () => {
    emulator.setFragmentation({ chunkSize: 7, gapMs: 1 });
    emulator.insertCard(loadIdCardFixture('foreigner-2017'));
    await reader.start();
    await waitFor('card', () => cards.length === 1);
    expect(cards[0]!.englishName).toBe('MILLER, ANNA KATHERINE');
    expect(codes()).toEqual(['ok']);
  });

  it('line noise before an answer is skipped without any health change', async () => {
    await reader.start();
    await waitFor('ok', () => reader.health.code === 'ok');
    emulator.injectGarbage(Uint8Array.of(0x00, 0xff, 0xaa, 0xaa, 0x13, 0x96));
    emulator.insertCard(loadIdCardFixture('resident-rare-character-name'));
    await waitFor('card', () => cards.length === 1);
    expect(cards[0]!.name).toBe('陈䶮');
    expect(codes()).toEqual(['ok']);
  });

  it('a corrupted answer gives protocol_error, then the card is read on a later poll', async () => {
    await reader.start();
    await waitFor('ok', () => reader.health.code === 'ok');
    emulator.insertCard(loadIdCardFixture('resident-adult'));
    emulator.corruptNextAnswer();
    await waitFor('card', () => cards.length === 1);
    expect(codes()).toEqual(['ok', 'protocol_error', 'ok']);
  });

  it('a silent module gives timeout, and ok once it answers again', async () => {
    reader = createSerialIdCardReader({ path: port.path, pollIntervalMs: 30, timeouts: { findCard: 100, samStatus: 100 } });
    reader.onHealth((h) => health.push(h));
    await reader.start();
    await waitFor('ok', () => reader.health.code === 'ok');
    emulator.setSilent(true);
    await waitFor('timeout', () => reader.health.code === 'timeout');
    emulator.setSilent(false);
    await waitFor('ok again', () => reader.health.code === 'ok');
  });

  it('reads the SAM id', async () => {
    await reader.start();
    await waitFor('ok', () => reader.health.code === 'ok');
    await expect(reader.readSamId()).resolves.toMatchObject({ text: '05.01-20260101-000012345-000067890' });
  });
});
