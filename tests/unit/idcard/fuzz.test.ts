// Bad input never crashes the codec and never yields a card: random bytes,
// truncated frames, oversized lengths, wrong checksums, corrupted text blocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../drivers/contract.js';
import { parseReadAnswer, parseTextBlock } from '../../../drivers/idcard/card.js';
import { checkAnswer, SamCommands } from '../../../drivers/idcard/commands.js';
import { decodeResponseBody, encodeFrame, encodeResponse, HEADER_SIZE, PREAMBLE, xorChecksum } from '../../../drivers/idcard/frame.js';
import { FrameParser, RESPONSE_LIMITS } from '../../../drivers/idcard/frame-parser.js';
import { validateIdNumber } from '../../../drivers/idcard/id-number.js';
import { encodeReadAnswer, encodeTextBlock } from '../../../drivers/idcard/text-block.js';
import { ID_CARD_FIXTURES, loadIdCardFixture } from '../../fixtures/idcard/load.js';

/** Runs chunks through the whole receive path; returns the cards it produced. Throws only DeviceErrors from parsing. */
function cardsFrom(chunks: Uint8Array[]): unknown[] {
  const parser = new FrameParser();
  const cards: unknown[] = [];
  for (const chunk of chunks) {
    for (const event of parser.push(chunk)) {
      expect(parser.buffered).toBeLessThanOrEqual(HEADER_SIZE + RESPONSE_LIMITS.maxLength);
      if (event.kind !== 'frame') {
        expect(event.error).toBeInstanceOf(DeviceError);
        continue;
      }
      try {
        const answer = checkAnswer(SamCommands.readTextPhoto, decodeResponseBody(event.body));
        cards.push(parseReadAnswer(answer.data, { withFingerprint: false }));
      } catch (err) {
        expect(err).toBeInstanceOf(DeviceError);
      }
    }
  }
  return cards;
}

const validReadFrame = (): Uint8Array => encodeResponse({ sw3: 0x90 }, encodeReadAnswer(loadIdCardFixture('resident-adult')));

/** Random bytes with the preamble sprinkled in, so the parser's frame paths get exercised. */
const noisyBytes = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constant(Uint8Array.from(PREAMBLE)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xffff })).map(([len]) => Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff)) },
  ),
  { maxLength: 40 },
);

describe('fuzz: the receive path never crashes and never yields a card from bad input', () => {
  it('random bytes (with stray preambles and lengths)', () => {
    fc.assert(
      fc.property(noisyBytes, (chunks) => {
        expect(cardsFrom(chunks)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('any truncation of a valid read answer, however it is split', () => {
    const frame = validReadFrame();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: frame.length - 1 }), fc.integer({ min: 1, max: 300 }), (cut, chunkSize) => {
        const part = frame.subarray(0, cut);
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < part.length; i += chunkSize) chunks.push(part.subarray(i, i + chunkSize));
        expect(cardsFrom(chunks)).toEqual([]);
      }),
    );
  });

  it('a valid read answer with a wrong checksum byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), (delta) => {
        const frame = validReadFrame();
        frame[frame.length - 1]! ^= delta;
        expect(cardsFrom([frame])).toEqual([]);
      }),
    );
  });

  it('any single corrupted byte in a valid read answer (checksum left as sent)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 1294 }), fc.integer({ min: 1, max: 255 }), (pos, delta) => {
        const frame = validReadFrame();
        frame[pos]! ^= delta;
        expect(cardsFrom([frame])).toEqual([]);
      }),
    );
  });

  it('oversized and undersized length fields', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: RESPONSE_LIMITS.maxLength + 1, max: 0xffff }), fc.integer({ min: 0, max: 3 })), fc.uint8Array({ maxLength: 200 }), (len, tail) => {
        expect(cardsFrom([Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff, ...tail)])).toEqual([]);
      }),
    );
  });

  it('read answers whose declared lengths disagree with the data (checksum recomputed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (textLen, photoLen) => {
        const data = encodeReadAnswer(loadIdCardFixture('resident-adult'));
        fc.pre(textLen !== 256 || photoLen !== 1024);
        data[0] = textLen >> 8;
        data[1] = textLen & 0xff;
        data[2] = photoLen >> 8;
        data[3] = photoLen & 0xff;
        expect(cardsFrom([encodeResponse({ sw3: 0x90 }, data)])).toEqual([]);
      }),
    );
  });
});

describe('fuzz: text blocks that pass the frame checks', () => {
  it('a random 256-byte block is rejected with a typed error (or is a fully valid card)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (block) => {
        try {
          const card = parseTextBlock(block);
          expect(validateIdNumber(card.idNumber).ok || card.cardType === 'foreign_permanent_2017').toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(DeviceError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random byte edits to real cards either keep a valid card or are rejected, never crash', () => {
    const fixtures = ID_CARD_FIXTURES.filter((n) => n !== 'resident-bad-check-digit');
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (name, edits) => {
          const block = encodeTextBlock(loadIdCardFixture(name));
          for (const [pos, value] of edits) block[pos] = value;
          // Frame it properly so only the card rules stand between the noise and a record.
          const data = new Uint8Array([1, 0, 4, 0, ...block, ...new Uint8Array(1024)]);
          const frame = encodeFrame(new Uint8Array([0, 0, 0x90, ...data]));
          expect(xorChecksum(frame, 5, frame.length - 1)).toBe(frame[frame.length - 1]);
          for (const card of cardsFrom([frame]) as { idNumber: string; cardType: string }[]) {
            expect(card.cardType === 'foreign_permanent_2017' || validateIdNumber(card.idNumber).ok).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
