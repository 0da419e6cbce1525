import { describe, expect, it } from 'vitest';
import { computeChecksum } from '../../../drivers/rating/checksum.js';
import { encodeFrame, FrameDecoder, type Framing } from '../../../drivers/rating/framing.js';
import { shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import { hexFixture, toHexString } from './helpers/fixtures.js';
import { hex } from './helpers/memory-transport.js';

const reference = shippedRatingProfile('servicehall-reference-serial-v1');
const framing = (reference.input as { framing: Framing }).framing;

function decodeAll(decoder: FrameDecoder, chunks: Uint8Array[], now = 0) {
  return chunks.flatMap((c) => decoder.push(c, now));
}

describe('checksums', () => {
  it('computes the Modbus CRC of a known request (01 03 00 00 00 01 → 84 0A)', () => {
    expect(toHexString(computeChecksum('crc16_modbus', hex('01 03 00 00 00 01')))).toBe('84 0A');
  });
  it('computes XOR and 8-bit sum', () => {
    expect(toHexString(computeChecksum('xor8', hex('02 4B 01')))).toBe('48');
    expect(toHexString(computeChecksum('sum8', hex('FF 02')))).toBe('01');
  });
});

describe('reference serial pad framing (SHR-1)', () => {
  it('encodes the key frames exactly as the fixture computed by hand', () => {
    const golden = hexFixture('rating/reference-serial-keys-1-to-5.hex');
    golden.forEach((frame, i) => expect(toHexString(encodeFrame(framing, Uint8Array.of(0x4b, i + 1)))).toBe(toHexString(frame)));
  });

  it('decodes a frame that arrives one byte at a time', () => {
    const decoder = new FrameDecoder(framing);
    const bytes = hex('02 02 4B 03 4A 03');
    const results = decodeAll(decoder, Array.from(bytes, (b) => Uint8Array.of(b)));
    expect(results).toEqual([{ kind: 'frame', payload: hex('4B 03') }]);
  });

  it('decodes two frames coalesced into one chunk', () => {
    const decoder = new FrameDecoder(framing);
    const results = decoder.push(hex('02 02 4B 01 48 03 02 01 06 07 03'), 0);
    expect(results.map((r) => r.kind === 'frame' && toHexString(r.payload))).toEqual(['4B 01', '06']);
  });

  it('reports noise, a bad length and a bad checksum, and still finds the good frames (noisy cable fixture)', () => {
    const [noisy] = hexFixture('rating/reference-serial-noisy-cable.hex');
    const results = new FrameDecoder(framing).push(noisy!, 0);
    const frames = results.filter((r) => r.kind === 'frame').map((r) => r.kind === 'frame' && toHexString(r.payload));
    const codes = results.flatMap((r) => (r.kind === 'error' ? [r.error.code] : []));
    expect(frames).toEqual(['4B 02', '4B 02']);
    expect(codes).toContain('garbage');
    expect(codes).toContain('bad_length');
    expect(codes).toContain('bad_checksum');
  });

  it('rejects a frame whose trailer is wrong', () => {
    const results = new FrameDecoder(framing).push(hex('02 02 4B 01 48 04'), 0);
    expect(results.some((r) => r.kind === 'error' && r.error.code === 'bad_trailer')).toBe(true);
    expect(results.some((r) => r.kind === 'frame')).toBe(false);
  });

  it('gives up on a truncated frame after a pause and recovers a good frame it had swallowed', () => {
    const decoder = new FrameDecoder(framing);
    // "02 30": a header with a plausible length 0x30 swallows the key frame that follows.
    expect(decoder.push(hex('02 30 02 02 4B 05 4C 03'), 0)).toEqual([]);
    expect(decoder.pending).toBe(8);
    expect(decoder.flush(10)).toEqual([]); // not quiet long enough yet
    const results = decoder.flush(framing.interByteTimeoutMs);
    expect(results[0]).toMatchObject({ kind: 'error', error: { code: 'truncated_frame' } });
    expect(results.filter((r) => r.kind === 'frame')).toEqual([{ kind: 'frame', payload: hex('4B 05') }]);
    expect(decoder.pending).toBe(0);
  });

  it('refuses to frame an empty or oversized payload', () => {
    expect(() => encodeFrame(framing, new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'encode_failed' }));
    expect(() => encodeFrame(framing, new Uint8Array(65))).toThrow(expect.objectContaining({ code: 'encode_failed' }));
  });
});

describe('other framings a profile can describe', () => {
  const crcFraming: Framing = {
    kind: 'length_checksum',
    header: hex('AA 55'),
    lengthSize: 2,
    lengthEndian: 'little',
    lengthCounts: 'frame',
    checksum: 'crc16_modbus',
    checksumCovers: 'header_through_payload',
    trailer: new Uint8Array(0),
    maxPayload: 300,
    interByteTimeoutMs: 100,
  };

  it('round-trips a two-byte little-endian whole-frame length with CRC-16', () => {
    const frame = encodeFrame(crcFraming, hex('10 20 30'));
    expect(toHexString(frame.subarray(0, 4))).toBe('AA 55 09 00'); // 2 header + 2 length + 3 payload + 2 CRC
    expect(toHexString(frame.subarray(7))).toBe(toHexString(computeChecksum('crc16_modbus', hex('AA 55 09 00 10 20 30'))));
    expect(new FrameDecoder(crcFraming).push(frame, 0)).toEqual([{ kind: 'frame', payload: hex('10 20 30') }]);
  });

  it('decodes ASCII lines with a delimiter and reports an over-long line', () => {
    const lines: Framing = { kind: 'delimited', start: new Uint8Array(0), end: hex('0D 0A'), maxLength: 8, interByteTimeoutMs: 100 };
    const decoder = new FrameDecoder(lines);
    const text = new TextEncoder().encode('K3\r\n\r\nTOOLONGLINE!\r\nK1\r\n');
    const results = decoder.push(text, 0);
    expect(results.filter((r) => r.kind === 'frame').map((r) => r.kind === 'frame' && new TextDecoder().decode(r.payload))).toEqual(['K3', 'K1']);
    expect(results.some((r) => r.kind === 'error' && r.error.code === 'frame_too_long')).toBe(true);
  });

  it('resynchronises an STX/ETX framing when a frame is cut by a new start', () => {
    const stx: Framing = { kind: 'delimited', start: hex('02'), end: hex('03'), maxLength: 16, interByteTimeoutMs: 100 };
    const results = new FrameDecoder(stx).push(hex('02 4B 02 4B 31 03'), 0);
    expect(results[0]).toMatchObject({ kind: 'error', error: { code: 'truncated_frame' } });
    expect(results[1]).toEqual({ kind: 'frame', payload: hex('4B 31') });
  });

  it('refuses a delimited payload that contains its delimiter', () => {
    const lines: Framing = { kind: 'delimited', start: new Uint8Array(0), end: hex('0A'), maxLength: 8, interByteTimeoutMs: 100 };
    expect(() => encodeFrame(lines, hex('41 0A 42'))).toThrow(expect.objectContaining({ code: 'encode_failed' }));
  });
});
