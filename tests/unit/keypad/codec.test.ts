import { describe, expect, it } from 'vitest';
import { encodeKeypadFrame, KeypadFrameDecoder, type KeypadFrameFormat } from '../../../drivers/keypad/codec.js';
import { shippedKeypadProfile } from '../../../drivers/keypad/profiles/index.js';
import { hexFixture, toHexString } from '../rating/helpers/fixtures.js';
import { hex } from '../rating/helpers/memory-transport.js';

const format = shippedKeypadProfile('servicehall-reference-keypad-v1').frame;
const [KEY_CALL_NEXT, HOST_ACK, HOST_DISPLAY] = hexFixture('keypad/reference-keypad-frames.hex');

describe('keypad frame FF 68 L L 68 A C D… CS 16', () => {
  it('encodes a key frame, an ack and a display frame to the hand-computed bytes', () => {
    expect(toHexString(encodeKeypadFrame(format, { address: 3, command: 0x01, data: hex('01') }))).toBe(toHexString(KEY_CALL_NEXT!));
    expect(toHexString(encodeKeypadFrame(format, { address: 3, command: 0x81, data: hex('01') }))).toBe(toHexString(HOST_ACK!));
    expect(toHexString(encodeKeypadFrame(format, { address: 3, command: 0x21, data: new TextEncoder().encode('A012') }))).toBe(toHexString(HOST_DISPLAY!));
  });

  it('M-Bus-style checksum from the address, when a profile says so', () => {
    const mbus: KeypadFrameFormat = { ...format, checksumFrom: 'address' };
    expect(toHexString(encodeKeypadFrame(mbus, { address: 3, command: 0x01, data: hex('01') }))).toBe('FF 68 03 03 68 03 01 01 05 16');
  });

  it('decodes a frame arriving byte by byte', () => {
    const decoder = new KeypadFrameDecoder(format);
    const results = Array.from(KEY_CALL_NEXT!, (b) => decoder.push(Uint8Array.of(b), 0)).flat();
    expect(results).toEqual([{ kind: 'frame', frame: { address: 3, command: 1, data: hex('01') } }]);
  });

  it('skips wake bytes silently, reports noise and a bad checksum, and finds the good frame after them', () => {
    const [line] = hexFixture('keypad/rs485-noise-then-recall.hex');
    const results = new KeypadFrameDecoder(format).push(line!, 0);
    expect(results.filter((r) => r.kind === 'frame')).toEqual([{ kind: 'frame', frame: { address: 5, command: 1, data: hex('02') } }]);
    const codes = results.flatMap((r) => (r.kind === 'error' ? [r.error.code] : []));
    expect(codes[0]).toBe('garbage');
    expect(codes).toContain('bad_checksum');
  });

  it('rejects mismatched length bytes, an out-of-range length and a wrong end byte', () => {
    const codes = (bytes: string) => new KeypadFrameDecoder(format).push(hex(bytes), 0).flatMap((r) => (r.kind === 'error' ? [r.error.code] : ['FRAME']));
    expect(codes('68 03 04 68 03 01 01 6D 16')[0]).toBe('bad_length');
    expect(codes('68 01 01 68 03 6B 16')[0]).toBe('bad_length');
    expect(codes('68 03 03 68 03 01 01 6D 17')[0]).toBe('bad_trailer');
  });

  it('gives up on a truncated frame after a pause and recovers a frame it had swallowed', () => {
    const decoder = new KeypadFrameDecoder(format);
    // A header with length 20 swallows the real key frame that follows.
    expect(decoder.push(hex(`68 14 14 68 ${toHexString(KEY_CALL_NEXT!)}`), 0)).toEqual([]);
    const results = decoder.flush(format.interByteTimeoutMs);
    expect(results[0]).toMatchObject({ kind: 'error', error: { code: 'truncated_frame' } });
    expect(results.filter((r) => r.kind === 'frame')).toHaveLength(1);
  });
});
