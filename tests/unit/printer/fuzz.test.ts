// Garbage in, no crash out: the decoder, the status parsers, the emulator's
// protocol core and the preview survive random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../drivers/contract.js';
import { scanAll } from '../../../drivers/printer/command-scanner.js';
import { decodeEscPos } from '../../../drivers/printer/decoder.js';
import { EmulatedPrinter } from '../../../drivers/printer/emulator-core.js';
import { renderPreviewSvg } from '../../../drivers/printer/preview.js';
import { BUNDLED_PROFILE_IDS, loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { parseAsbBlock, parseRealtimeReply, parseTransmitReply, StatusStreamParser } from '../../../drivers/printer/status.js';

const profiles = BUNDLED_PROFILE_IDS.map(loadPrinterProfile);
// Random bytes biased towards command prefixes, so commands are actually exercised.
const escposish = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x1b, 0x1c, 0x1d, 0x10, 0x0a, 0x28, 0x6b, 0x76, 0x30, 0x56)), { maxLength: 400 }).map((a) => Uint8Array.from(a));

const typedOrNothing = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toBe('bad_status_reply');
  }
};

describe('fuzz', () => {
  it('decodeEscPos never throws and always makes progress', () => {
    fc.assert(
      fc.property(escposish, (bytes) => {
        const doc = decodeEscPos(bytes);
        expect(Array.isArray(doc.elements)).toBe(true);
        const { rest } = scanAll(bytes);
        expect(rest).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('the preview renders whatever the decoder produced', () => {
    fc.assert(
      fc.property(escposish, (bytes) => {
        const svg = renderPreviewSvg(decodeEscPos(bytes), { paperWidthDots: 576 });
        expect(svg.startsWith('<svg')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('StatusStreamParser never throws, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 20 }), fc.boolean(), (chunks, expecting) => {
        const parser = new StatusStreamParser(() => expecting);
        for (const chunk of chunks) for (const ev of parser.push(chunk)) expect(['realtime', 'asb', 'transmit', 'garbage']).toContain(ev.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('single-reply parsers throw only typed bad_status_reply errors, for every profile', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 300 }), fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }), (byte, n, block) => {
        for (const profile of profiles) {
          typedOrNothing(() => parseRealtimeReply(n, byte, profile));
          typedOrNothing(() => parseTransmitReply(byte, profile));
          typedOrNothing(() => parseAsbBlock(block, profile));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the emulator core answers every status request and never throws on garbage', () => {
    fc.assert(
      fc.property(fc.array(escposish, { maxLength: 5 }), (chunks) => {
        const sent: number[] = [];
        const printer = new EmulatedPrinter(profiles[0]!, (b) => sent.push(...b));
        for (const chunk of chunks) printer.receive(chunk);
        printer.connectionReset();
        printer.receive(Uint8Array.of(0x10, 0x04, 0x01));
        expect(sent.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
