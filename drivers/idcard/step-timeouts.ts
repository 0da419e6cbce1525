// Per-step deadlines derived from the link speed. A step's answer has to cross
// the wire (bytes × 10 bits ÷ baud, 8N1) after the module has worked on it; at
// 9600 baud a 1295-byte read answer alone takes 1.35 s, and a busy PC reading a
// USB-serial adapter that hands over one byte at a time stretches that further.
//   timeout = max(floor, module allowance + WIRE_ALLOWANCE_FACTOR × wire time of
//             (request frame + largest answer frame that step can return))
// The floors are the fixed values used before (never go below them); the wire
// time is counted twice: once for the bits, once as allowance for adapter
// latency and byte-at-a-time delivery on a loaded machine.
// Contract: pure functions; deriveStepTimeouts throws DeviceError('invalid_option')
// for a baud rate that is not a positive integer.
import { DeviceError } from '../contract.js';

export interface StepTimeouts {
  samStatus: number;
  findCard: number;
  selectCard: number;
  readCard: number;
  appendedAddress: number;
}

export type Step = keyof StepTimeouts;

/** The fixed deadlines used before they were derived; derived ones never go below. */
export const MINIMUM_TIMEOUTS: Readonly<StepTimeouts> = { samStatus: 1500, findCard: 2000, selectCard: 1500, readCard: 4000, appendedAddress: 1500 };

/** Module working time allowed per step (typical: find ~0.8 s, select ~0.3 s, read ~1.1 s). */
export const MODULE_ALLOWANCE_MS: Readonly<StepTimeouts> = { samStatus: 1000, findCard: 1500, selectCard: 1000, readCard: 2500, appendedAddress: 1000 };

export const WIRE_ALLOWANCE_FACTOR = 2;

/** AA AA AA 96 69 · LEN(2) · CMD · PARA · CHK. */
export const REQUEST_FRAME_BYTES = 10;

/** Preamble (5) + LEN (2) + SW1–SW3 (3) + checksum (1); data comes on top. */
const ANSWER_OVERHEAD = 11;
const TEXT = 256;
const PHOTO = 1024;
const FINGERPRINT_MAX = 1024;

/** Largest answer frame (bytes on the wire) a step can receive. */
export function largestAnswerBytes(step: Step, options: { withFingerprint?: boolean } = {}): number {
  switch (step) {
    case 'samStatus':
      return ANSWER_OVERHEAD + 16; // the same deadline serves "read SAM id" (16 data bytes)
    case 'findCard':
      return ANSWER_OVERHEAD + 4;
    case 'selectCard':
      return ANSWER_OVERHEAD + 8;
    case 'readCard':
      // 30 01: text length, photo length (2 bytes each); 30 10 adds a fingerprint length and up to 1024 bytes.
      return ANSWER_OVERHEAD + (options.withFingerprint ? 6 + TEXT + PHOTO + FINGERPRINT_MAX : 4 + TEXT + PHOTO);
    case 'appendedAddress':
      return ANSWER_OVERHEAD + 70;
  }
}

/** Time `bytes` take on an 8N1 serial line (10 bits per byte). */
export function wireTimeMs(bytes: number, baudRate: number): number {
  return (bytes * 10 * 1000) / baudRate;
}

export function deriveStepTimeouts(baudRate: number, options: { withFingerprint?: boolean } = {}): StepTimeouts {
  if (!Number.isInteger(baudRate) || baudRate <= 0) {
    throw new DeviceError('invalid_option', `ID card reader baudRate must be a positive integer (got ${JSON.stringify(baudRate)})`);
  }
  const derive = (step: Step): number => {
    const wire = wireTimeMs(REQUEST_FRAME_BYTES + largestAnswerBytes(step, options), baudRate);
    return Math.max(MINIMUM_TIMEOUTS[step], Math.ceil(MODULE_ALLOWANCE_MS[step] + WIRE_ALLOWANCE_FACTOR * wire));
  };
  return {
    samStatus: derive('samStatus'),
    findCard: derive('findCard'),
    selectCard: derive('selectCard'),
    readCard: derive('readCard'),
    appendedAddress: derive('appendedAddress'),
  };
}
