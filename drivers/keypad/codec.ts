// The caller keypad frame, shaped like a meter-bus long frame:
//   [preamble] 68 L L 68 A C D… CS 16
// ASSUMPTIONS (no vendor document; docs/devices/keypad.md):
// - L counts A, C and the data bytes, and is sent twice (both must agree);
// - CS is the sum mod 256 of the bytes from the second 68 through the last
//   data byte (checksumFrom 'second_start'); M-Bus proper starts at A
//   ('address'); the profile chooses;
// - the preamble (FF here) is a wake-up byte; any run of FF/FE before a frame
//   is skipped silently.
// Contract: the decoder never throws; after a bad frame it resynchronises one
// byte past the rejected 68, so a good frame after garbage is still found.
import { DeviceError } from '../contract.js';

export interface KeypadFrameFormat {
  preamble: Uint8Array;
  checksumFrom: 'second_start' | 'address';
  maxData: number;
  interByteTimeoutMs: number;
}

export interface KeypadFrame {
  address: number;
  command: number;
  data: Uint8Array;
}

export type KeypadDecodeResult = { kind: 'frame'; frame: KeypadFrame } | { kind: 'error'; error: DeviceError };

const START = 0x68;
const END = 0x16;
const WAKE_BYTES = new Set([0xff, 0xfe]);

export function encodeKeypadFrame(format: KeypadFrameFormat, frame: KeypadFrame): Uint8Array {
  const { address, command, data } = frame;
  if (data.length > format.maxData) throw new DeviceError('encode_failed', `keypad frame data of ${data.length} bytes exceeds maxData ${format.maxData}`);
  const length = 2 + data.length;
  const body = Uint8Array.of(START, length, length, START, address, command, ...data);
  const checksum = sum8(body.subarray(format.checksumFrom === 'second_start' ? 3 : 4));
  return Uint8Array.of(...format.preamble, ...body, checksum, END);
}

export class KeypadFrameDecoder {
  private buf: Uint8Array = new Uint8Array(0);
  private lastDataAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly format: KeypadFrameFormat) {}

  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array, now: number): KeypadDecodeResult[] {
    const out = this.flush(now);
    this.lastDataAt = now;
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    this.decode(out);
    return out;
  }

  /** After interByteTimeoutMs of quiet: drop the stuck frame start and decode what follows it. */
  flush(now: number): KeypadDecodeResult[] {
    const out: KeypadDecodeResult[] = [];
    if (this.buf.length === 0 || now - this.lastDataAt < this.format.interByteTimeoutMs) return out;
    out.push(error('truncated_frame', `incomplete keypad frame after a pause: ${hex(this.buf)}`));
    while (this.buf.length > 0) {
      this.buf = this.buf.subarray(1);
      this.decode(out);
    }
    return out;
  }

  private decode(out: KeypadDecodeResult[]): void {
    for (;;) {
      const start = this.buf.indexOf(START);
      if (start < 0) return this.skip(this.buf.length, out);
      this.skip(start, out);
      if (this.buf.length < 4) return;
      const [, l1, l2, second] = this.buf;
      if (second !== START || l1 !== l2) {
        out.push(error('bad_length', `not a keypad frame header: ${hex(this.buf.subarray(0, 4))}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const length = l1!;
      if (length < 2 || length > this.format.maxData + 2) {
        out.push(error('bad_length', `keypad frame length ${length} is outside 2..${this.format.maxData + 2}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = 4 + length + 2;
      if (this.buf.length < total) return;
      const frame = this.buf.subarray(0, total);
      if (frame[total - 1] !== END) {
        out.push(error('bad_trailer', `keypad frame does not end with 16: ${hex(frame)}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const expected = sum8(frame.subarray(this.format.checksumFrom === 'second_start' ? 3 : 4, 4 + length));
      if (frame[total - 2] !== expected) {
        out.push(error('bad_checksum', `keypad checksum ${hex(frame.subarray(total - 2, total - 1))} should be ${hex(Uint8Array.of(expected))}: ${hex(frame)}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      out.push({ kind: 'frame', frame: { address: frame[4]!, command: frame[5]!, data: frame.slice(6, 4 + length) } });
      this.buf = this.buf.subarray(total);
    }
  }

  /** Drops `count` leading bytes; wake-up bytes go silently, anything else is reported. */
  private skip(count: number, out: KeypadDecodeResult[]): void {
    if (count <= 0) return;
    const dropped = this.buf.subarray(0, count);
    if (!dropped.every((b) => WAKE_BYTES.has(b))) out.push(error('garbage', `skipped ${count} bytes outside any keypad frame: ${hex(dropped)}`));
    this.buf = this.buf.subarray(count);
  }
}

function sum8(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}

function error(code: string, message: string): KeypadDecodeResult {
  return { kind: 'error', error: new DeviceError(code, message) };
}

export function hex(bytes: Uint8Array, max = 48): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}
