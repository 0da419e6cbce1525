import { describe, expect, it } from 'vitest';
import { decodeResponseBody, encodeFrame, encodeRequest, encodeResponse, xorChecksum } from '../../../drivers/idcard/frame.js';
import { FrameParser, REQUEST_LIMITS, RESPONSE_LIMITS, type FrameEvent } from '../../../drivers/idcard/frame-parser.js';
import { hex, toHex } from './hex.js';

const frames = (events: FrameEvent[]) => events.filter((e) => e.kind === 'frame').map((e) => (e.kind === 'frame' ? toHex(e.body) : ''));
const errors = (events: FrameEvent[]) => events.flatMap((e) => (e.kind === 'error' ? [e.error.code] : []));

describe('SAM frame encoding', () => {
  it('computes the checksum as the XOR from the length field through the last data byte', () => {
    // 00 03 20 01 -> 03 ^ 20 ^ 01 = 22
    expect(xorChecksum(hex('00 03 20 01'))).toBe(0x22);
    expect(toHex(encodeRequest(0x20, 0x01))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });

  it('counts every byte after the length field, checksum included', () => {
    const frame = encodeRequest(0x60, 0x00, hex('01 02'));
    expect(toHex(frame)).toBe('AA AA AA 96 69 00 05 60 00 01 02 66');
    expect((frame[5]! << 8) | frame[6]!).toBe(frame.length - 7);
  });

  it('encodes the two documented response examples with computed checksums', () => {
    expect(toHex(encodeResponse({ sw3: 0x9f }, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(toHex(encodeResponse({ sw3: 0x41 }))).toBe('AA AA AA 96 69 00 04 00 00 41 45');
  });

  it('writes long lengths big-endian (a 1295-byte read answer has length 05 08)', () => {
    const frame = encodeResponse({ sw3: 0x90 }, new Uint8Array(4 + 256 + 1024));
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(5, 10))).toBe('05 08 00 00 90');
  });

  it('rejects bodies that do not fit a two-byte length and non-byte fields with typed errors', () => {
    expect(() => encodeFrame(new Uint8Array(0xffff))).toThrow(expect.objectContaining({ code: 'frame_too_long' }));
    expect(() => encodeRequest(0x100, 0)).toThrow(expect.objectContaining({ code: 'invalid_field' }));
  });

  it('decodes a response body into SW1 SW2 SW3 and data', () => {
    expect(decodeResponseBody(hex('00 00 9F 01 02'))).toEqual({ sw1: 0, sw2: 0, sw3: 0x9f, data: hex('01 02') });
    expect(() => decodeResponseBody(hex('00 00'))).toThrow(expect.objectContaining({ code: 'frame_too_short' }));
  });
});

describe('streaming frame parser', () => {
  const findOk = encodeResponse({ sw3: 0x9f }, new Uint8Array(4));
  const readFailed = encodeResponse({ sw3: 0x41 });

  it('given a frame delivered one byte at a time, emits it once, when complete', () => {
    const parser = new FrameParser();
    const events: FrameEvent[] = [];
    for (let i = 0; i < findOk.length; i++) {
      const out = parser.push(findOk.subarray(i, i + 1));
      if (i < findOk.length - 1) expect(out).toEqual([]);
      events.push(...out);
    }
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
    expect(parser.buffered).toBe(0);
  });

  it('given two frames coalesced in one chunk, emits both in order', () => {
    const chunk = new Uint8Array([...findOk, ...readFailed]);
    expect(frames(new FrameParser().push(chunk))).toEqual(['00 00 9F 00 00 00 00', '00 00 41']);
  });

  it('given garbage before a frame, reports it once and resyncs on the preamble', () => {
    const events = new FrameParser().push(new Uint8Array([0x00, 0xaa, 0x13, 0xaa, 0xaa, 0x96, ...findOk]));
    expect(errors(events)).toEqual(['garbage']);
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('keeps a preamble prefix split across chunks', () => {
    const parser = new FrameParser();
    expect(parser.push(findOk.subarray(0, 3))).toEqual([]);
    expect(frames(parser.push(findOk.subarray(3)))).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('given a wrong checksum, reports bad_checksum, emits nothing, and still finds the next frame', () => {
    const bad = findOk.slice();
    bad[bad.length - 1]! ^= 0x01;
    const events = new FrameParser().push(new Uint8Array([...bad, ...readFailed]));
    expect(errors(events)).toContain('bad_checksum');
    expect(frames(events)).toEqual(['00 00 41']);
  });

  it('given a length above the limit, reports frame_too_long and resyncs without buffering it', () => {
    const parser = new FrameParser(RESPONSE_LIMITS);
    const events = parser.push(new Uint8Array([...hex('AA AA AA 96 69 FF FF 00 00 90'), ...readFailed]));
    expect(errors(events)[0]).toBe('frame_too_long');
    expect(frames(events)).toEqual(['00 00 41']);
    expect(parser.buffered).toBe(0);
  });

  it('given a length too small for SW1 SW2 SW3, reports frame_too_short', () => {
    expect(errors(new FrameParser().push(hex('AA AA AA 96 69 00 02 00 02')))).toContain('frame_too_short');
  });

  it('finds a real frame hidden behind a false preamble that claimed a long length, once the claim fails', () => {
    const parser = new FrameParser();
    // A false start claiming 20 bytes swallows the real answer; the checksum of the
    // claimed span fails and the rescan finds the real frame inside it.
    const falseStart = hex('AA AA AA 96 69 00 14');
    const filler = new Uint8Array(20 - readFailed.length).fill(0x55);
    const events = parser.push(new Uint8Array([...falseStart, ...readFailed, ...filler]));
    expect(frames(events)).toEqual(['00 00 41']);
  });

  it('never buffers more than one maximal frame', () => {
    const parser = new FrameParser({ minLength: 4, maxLength: 100 });
    parser.push(hex('AA AA AA 96 69 00 64'));
    parser.push(new Uint8Array(5000).fill(0x33));
    expect(parser.buffered).toBeLessThanOrEqual(107);
  });

  it('zeroes and drops a partial frame on reset', () => {
    const parser = new FrameParser();
    parser.push(findOk.subarray(0, 9));
    parser.reset();
    expect(parser.buffered).toBe(0);
    expect(frames(parser.push(readFailed))).toEqual(['00 00 41']);
  });

  it('parses requests with request limits (CMD PARA, shorter minimum)', () => {
    const events = new FrameParser(REQUEST_LIMITS).push(encodeRequest(0x11, 0xff));
    expect(frames(events)).toEqual(['11 FF']);
  });
});
