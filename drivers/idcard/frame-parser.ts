// Streaming frame parser for the SAM protocol. Feed it chunks exactly as the
// transport delivers them (fragmented, coalesced, with line noise); it returns,
// in order, complete frames whose checksum matched and typed errors.
//
// Contracts:
// - Never throws on any input; never emits a frame whose checksum or length is wrong.
// - Resyncs on the preamble: bytes before a preamble are reported as one "garbage" error.
// - A candidate frame with a bad checksum, or a length below minLength or above
//   maxLength, is reported and rescanned from its second byte, so a real frame
//   hidden inside a false start is still found.
// - Memory is bounded: the buffer never exceeds HEADER_SIZE + maxLength bytes.
// - Privacy: consumed bytes are zeroed; emitted bodies are copies that the caller
//   must wipe when done (they may hold a text block with an ID number).
// Danger: a false preamble in noise that declares a long length holds back the
// frames behind it until that many bytes arrive; the reader's command timeout
// then calls reset().
import type { DeviceError } from '../contract.js';
import { idCardError, IdCardErrorCode } from './errors.js';
import { HEADER_SIZE, MAX_LENGTH_FIELD, PREAMBLE, xorChecksum } from './frame.js';

export type FrameEvent = { kind: 'frame'; body: Uint8Array } | { kind: 'error'; error: DeviceError };

export interface FrameLimits {
  /** Smallest accepted length field: body bytes + checksum. */
  minLength: number;
  /** Largest accepted length field; bounds the buffer. */
  maxLength: number;
}

/** The longest real response is 30 10 with a 1024-byte fingerprint: length 2314. */
export const RESPONSE_LIMITS: FrameLimits = { minLength: 4, maxLength: 4096 };
/** Requests carry at most a few data bytes (60 xx sets the baud rate). */
export const REQUEST_LIMITS: FrameLimits = { minLength: 3, maxLength: 64 };

export class FrameParser {
  private readonly buf: Uint8Array;
  private used = 0;
  private readonly limits: FrameLimits;

  constructor(limits: FrameLimits = RESPONSE_LIMITS) {
    if (limits.minLength < 1 || limits.maxLength > MAX_LENGTH_FIELD || limits.minLength > limits.maxLength) {
      throw idCardError(IdCardErrorCode.invalidField, `bad frame limits ${limits.minLength}..${limits.maxLength}`);
    }
    this.limits = limits;
    this.buf = new Uint8Array(HEADER_SIZE + limits.maxLength);
  }

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.used;
  }

  /** Drops (and zeroes) everything buffered, e.g. after a command timed out. */
  reset(): void {
    this.buf.fill(0, 0, this.used);
    this.used = 0;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(this.buf.length - this.used, chunk.length - offset);
      this.buf.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      this.scan(events);
    }
    return events;
  }

  private scan(events: FrameEvent[]): void {
    const buf = this.buf;
    const end = this.used;
    let pos = 0;
    let skipped = 0;
    const flushGarbage = (): void => {
      if (skipped === 0) return;
      events.push({ kind: 'error', error: idCardError(IdCardErrorCode.garbage, `skipped ${skipped} bytes before a frame preamble`) });
      skipped = 0;
    };

    for (;;) {
      const start = this.findPreamble(pos, end);
      skipped += start - pos;
      pos = start;
      if (end - pos < HEADER_SIZE) break; // partial preamble or header: wait
      const length = (buf[pos + 5]! << 8) | buf[pos + 6]!;
      if (length < this.limits.minLength || length > this.limits.maxLength) {
        flushGarbage();
        const code = length < this.limits.minLength ? IdCardErrorCode.frameTooShort : IdCardErrorCode.frameTooLong;
        events.push({ kind: 'error', error: idCardError(code, `frame length field ${length} outside ${this.limits.minLength}..${this.limits.maxLength}`) });
        pos += 1; // the false start's first byte is reported by this error, not as garbage
        continue;
      }
      const total = HEADER_SIZE + length;
      if (end - pos < total) break; // wait for the rest
      const expected = xorChecksum(buf, pos + 5, pos + total - 1);
      if (expected !== buf[pos + total - 1]) {
        flushGarbage();
        events.push({ kind: 'error', error: idCardError(IdCardErrorCode.badChecksum, `frame checksum mismatch over ${total} bytes`) });
        pos += 1;
        continue;
      }
      flushGarbage();
      events.push({ kind: 'frame', body: buf.slice(pos + HEADER_SIZE, pos + total - 1) });
      pos += total;
    }
    flushGarbage();
    // Keep the unconsumed tail at the front; zero what was consumed.
    if (pos > 0) {
      buf.copyWithin(0, pos, end);
      this.used = end - pos;
      buf.fill(0, this.used, end);
    }
  }

  /**
   * Index of the first full preamble at or after `from`, or of a preamble prefix
   * running into the end of the buffer, or `end` if there is neither.
   */
  private findPreamble(from: number, end: number): number {
    const buf = this.buf;
    for (let i = from; i < end; i++) {
      if (buf[i] !== PREAMBLE[0]) continue;
      let k = 1;
      while (k < PREAMBLE.length && i + k < end && buf[i + k] === PREAMBLE[k]) k++;
      if (k === PREAMBLE.length || i + k === end) return i;
    }
    return end;
  }
}
