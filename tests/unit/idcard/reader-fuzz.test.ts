// Whatever the module sends back to a read, the reader never crashes and never
// reports a card unless the answer is a complete, valid card.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../drivers/contract.js';
import { encodeFrame, encodeResponse } from '../../../drivers/idcard/frame.js';
import { IdCardReader } from '../../../drivers/idcard/reader.js';
import { encodeReadAnswer } from '../../../drivers/idcard/text-block.js';
import { loadIdCardFixture } from '../../fixtures/idcard/load.js';
import { ManualClock } from './helpers/manual-clock.js';
import { MemoryReaderLink } from './helpers/memory-link.js';

const garbageAnswer = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'raw bytes', bytes })),
  fc.uint8Array({ maxLength: 1400 }).map((data) => ({ kind: 'valid frame, random data', bytes: encodeResponse({ sw3: 0x90 }, data) })),
  fc.uint8Array({ minLength: 3, maxLength: 40 }).map((body) => ({ kind: 'valid frame, random status', bytes: encodeFrame(body) })),
  fc.integer({ min: 1, max: 1294 }).map((cut) => ({
    kind: 'truncated read',
    bytes: encodeResponse({ sw3: 0x90 }, encodeReadAnswer(loadIdCardFixture('resident-adult'))).subarray(0, cut),
  })),
);

describe('fuzz: reader against hostile read answers', () => {
  it('never emits a card and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(garbageAnswer, async ({ bytes }) => {
        const clock = new ManualClock();
        const link = new MemoryReaderLink(clock);
        link.model.insertCard(loadIdCardFixture('resident-adult'));
        link.rewrite = (request, frame) => (request === 'read_text_photo' ? bytes : frame);
        const reader = new IdCardReader(link, { clock, timeouts: { readCard: 500 } });
        const cards: unknown[] = [];
        const failures: unknown[] = [];
        reader.onCard((c) => cards.push(c));
        reader.onReadFailed((e) => failures.push(e));
        await reader.start();
        await clock.advance(5000);
        const health = reader.health.code;
        await reader.stop();
        expect(cards).toEqual([]);
        for (const f of failures) expect(f).toBeInstanceOf(DeviceError);
        // A random status byte may even read as a SAM failure; never a crash or an unknown code.
        expect(['ok', 'timeout', 'protocol_error', 'sam_failed']).toContain(health);
      }),
      { numRuns: 150 },
    );
  });
});
