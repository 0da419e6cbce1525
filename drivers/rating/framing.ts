// Byte framing for frame-based pads (serial, TCP): encode a payload into a
// frame, and a streaming decoder that finds frames in chunks that may be
// fragmented, coalesced or mixed with line noise.
// Contract: FrameDecoder.push never throws; every skipped or rejected byte run
// is reported as a DeviceError with a stable code; after a bad frame it
// resynchronises one byte past the rejected header, so a good frame that
// follows garbage is still found.
import { DeviceError } from '../contract.js';
import { CHECKSUM_SIZE, computeChecksum, type ChecksumAlgorithm } from './checksum.js';
import { concatBytes, toHex } from './hex.js';

export interface DelimitedFraming {
  kind: 'delimited';
  /** Optional start marker (e.g. STX). Payloads must not contain start or end. */
  start: Uint8Array;
  end: Uint8Array;
  maxLength: number;
  interByteTimeoutMs: number;
}

export interface LengthChecksumFraming {
  kind: 'length_checksum';
  header: Uint8Array;
  lengthSize: 1 | 2;
  lengthEndian: 'big' | 'little';
  /** payload: the length field counts the payload only; frame: every byte of the frame. */
  lengthCounts: 'payload' | 'frame';
  checksum: ChecksumAlgorithm;
  checksumCovers: 'payload' | 'length_and_payload' | 'header_through_payload';
  trailer: Uint8Array;
  maxPayload: number;
  interByteTimeoutMs: number;
}

export type Framing = DelimitedFraming | LengthChecksumFraming;

export type FrameDecodeResult = { kind: 'frame'; payload: Uint8Array } | { kind: 'error'; error: DeviceError };

/** Throws DeviceError('encode_failed') when the payload cannot be framed. */
export function encodeFrame(framing: Framing, payload: Uint8Array): Uint8Array {
  if (framing.kind === 'delimited') {
    if (payload.length > framing.maxLength) throw encodeFailed(`payload of ${payload.length} bytes exceeds maxLength ${framing.maxLength}`);
    if (indexOf(payload, framing.end) >= 0) throw encodeFailed('payload contains the end delimiter');
    if (framing.start.length > 0 && indexOf(payload, framing.start) >= 0) throw encodeFailed('payload contains the start marker');
    return concatBytes([framing.start, payload, framing.end]);
  }
  const f = framing;
  if (payload.length === 0 || payload.length > f.maxPayload) throw encodeFailed(`payload of ${payload.length} bytes is outside 1..${f.maxPayload}`);
  const csSize = CHECKSUM_SIZE[f.checksum];
  const lengthValue = f.lengthCounts === 'payload' ? payload.length : f.header.length + f.lengthSize + payload.length + csSize + f.trailer.length;
  if (lengthValue >= 2 ** (8 * f.lengthSize)) throw encodeFailed(`length ${lengthValue} does not fit ${f.lengthSize} byte(s)`);
  const length = writeLength(lengthValue, f.lengthSize, f.lengthEndian);
  const checksum = computeChecksum(f.checksum, checksumInput(f, f.header, length, payload));
  return concatBytes([f.header, length, payload, checksum, f.trailer]);
}

export class FrameDecoder {
  private buf: Uint8Array = new Uint8Array(0);
  private lastDataAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly framing: Framing) {}

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  /** Feeds one chunk received at clock time `now`; returns the frames and errors it completes. */
  push(chunk: Uint8Array, now: number): FrameDecodeResult[] {
    const out = this.flush(now);
    this.lastDataAt = now;
    this.buf = this.buf.length === 0 ? Uint8Array.from(chunk) : concatBytes([this.buf, chunk]);
    this.decode(out);
    return out;
  }

  /** Bytes waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /**
   * Call when the line has been quiet for interByteTimeoutMs. The waiting bytes
   * can no longer complete the frame they started (a truncated frame, or a
   * false header in noise whose length swallowed real frames): the first byte
   * is dropped and the rest decoded again, so a good frame inside is not lost.
   */
  flush(now: number): FrameDecodeResult[] {
    const out: FrameDecodeResult[] = [];
    if (this.buf.length === 0 || now - this.lastDataAt < this.framing.interByteTimeoutMs) return out;
    out.push(error('truncated_frame', `incomplete frame after a pause: ${toHex(this.buf)}`));
    while (this.buf.length > 0) {
      this.buf = this.buf.subarray(1);
      this.decode(out);
    }
    return out;
  }

  private decode(out: FrameDecodeResult[]): void {
    if (this.framing.kind === 'delimited') this.decodeDelimited(this.framing, out);
    else this.decodeLengthChecksum(this.framing, out);
  }

  private skip(count: number, out: FrameDecodeResult[]): void {
    if (count <= 0) return;
    out.push(error('garbage', `skipped ${count} bytes outside any frame: ${toHex(this.buf.subarray(0, count))}`));
    this.buf = this.buf.subarray(count);
  }

  /** No marker in the buffer: keep only a tail that could be the beginning of one. */
  private keepTail(markerLength: number, out: FrameDecodeResult[]): void {
    this.skip(this.buf.length - Math.min(this.buf.length, markerLength - 1), out);
  }

  private decodeDelimited(f: DelimitedFraming, out: FrameDecodeResult[]): void {
    for (;;) {
      if (f.start.length > 0) {
        const at = indexOf(this.buf, f.start);
        if (at < 0) return this.keepTail(f.start.length, out);
        this.skip(at, out);
      }
      const bodyAt = f.start.length;
      const endAt = indexOf(this.buf, f.end, bodyAt);
      const nextStart = f.start.length > 0 ? indexOf(this.buf, f.start, bodyAt) : -1;
      if (nextStart >= 0 && (endAt < 0 || nextStart < endAt)) {
        out.push(error('truncated_frame', `a frame start arrived before the previous frame ended: ${toHex(this.buf.subarray(0, nextStart))}`));
        this.buf = this.buf.subarray(nextStart);
        continue;
      }
      if (endAt < 0) {
        if (this.buf.length - bodyAt > f.maxLength) {
          out.push(error('frame_too_long', `no end delimiter within ${f.maxLength} bytes`));
          this.buf = f.start.length > 0 ? this.buf.subarray(1) : new Uint8Array(0);
          continue;
        }
        return;
      }
      const payload = this.buf.slice(bodyAt, endAt);
      this.buf = this.buf.subarray(endAt + f.end.length);
      if (payload.length > f.maxLength) out.push(error('frame_too_long', `frame of ${payload.length} bytes exceeds maxLength ${f.maxLength}`));
      else if (payload.length > 0) out.push({ kind: 'frame', payload });
    }
  }

  private decodeLengthChecksum(f: LengthChecksumFraming, out: FrameDecodeResult[]): void {
    const csSize = CHECKSUM_SIZE[f.checksum];
    const overhead = f.header.length + f.lengthSize + csSize + f.trailer.length;
    for (;;) {
      const at = indexOf(this.buf, f.header);
      if (at < 0) return this.keepTail(f.header.length, out);
      this.skip(at, out);
      const lengthAt = f.header.length;
      if (this.buf.length < lengthAt + f.lengthSize) return;
      const lengthField = this.buf.subarray(lengthAt, lengthAt + f.lengthSize);
      const lengthValue = readLength(lengthField, f.lengthEndian);
      const payloadLength = f.lengthCounts === 'payload' ? lengthValue : lengthValue - overhead;
      if (payloadLength < 1 || payloadLength > f.maxPayload) {
        out.push(error('bad_length', `length field ${toHex(lengthField)} gives a payload of ${payloadLength} bytes, allowed 1..${f.maxPayload}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = overhead + payloadLength;
      if (this.buf.length < total) return;
      const frame = this.buf.subarray(0, total);
      const payloadAt = lengthAt + f.lengthSize;
      const payload = frame.slice(payloadAt, payloadAt + payloadLength);
      const trailer = frame.subarray(total - f.trailer.length);
      if (!equalBytes(trailer, f.trailer)) {
        out.push(error('bad_trailer', `frame does not end with ${toHex(f.trailer)}: ${toHex(frame)}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const expected = computeChecksum(f.checksum, checksumInput(f, f.header, lengthField, payload));
      const actual = frame.subarray(payloadAt + payloadLength, payloadAt + payloadLength + csSize);
      if (!equalBytes(expected, actual)) {
        out.push(error('bad_checksum', `checksum ${toHex(actual)} should be ${toHex(expected)}: ${toHex(frame)}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      this.buf = this.buf.subarray(total);
      out.push({ kind: 'frame', payload });
    }
  }
}

function checksumInput(f: LengthChecksumFraming, header: Uint8Array, length: Uint8Array, payload: Uint8Array): Uint8Array {
  switch (f.checksumCovers) {
    case 'payload':
      return payload;
    case 'length_and_payload':
      return concatBytes([length, payload]);
    case 'header_through_payload':
      return concatBytes([header, length, payload]);
  }
}

function writeLength(value: number, size: 1 | 2, endian: 'big' | 'little'): Uint8Array {
  if (size === 1) return Uint8Array.of(value);
  return endian === 'big' ? Uint8Array.of(value >>> 8, value & 0xff) : Uint8Array.of(value & 0xff, value >>> 8);
}

function readLength(field: Uint8Array, endian: 'big' | 'little'): number {
  if (field.length === 1) return field[0]!;
  return endian === 'big' ? (field[0]! << 8) | field[1]! : (field[1]! << 8) | field[0]!;
}

export function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from <= haystack.length ? from : -1;
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function error(code: string, message: string): FrameDecodeResult {
  return { kind: 'error', error: new DeviceError(code, message) };
}

function encodeFailed(message: string): DeviceError {
  return new DeviceError('encode_failed', `cannot frame command: ${message}`);
}
