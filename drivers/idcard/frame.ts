// SAM serial frame codec (devices.md "Frame"): pure bytes <-> messages, no I/O.
//   request:  AA AA AA 96 69 · LEN(2, BE) · CMD · PARA · data… · CHK
//   response: AA AA AA 96 69 · LEN(2, BE) · SW1 · SW2 · SW3 · data… · CHK
// LEN counts every byte after itself, checksum included. CHK is the XOR of every
// byte from LEN through the last data byte. The checksum is always computed here;
// never copy frames from samples (a public one is wrong).
import { idCardError, IdCardErrorCode } from './errors.js';

export const PREAMBLE: Readonly<Uint8Array> = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble plus the two length bytes. */
export const HEADER_SIZE = 7;
/** Largest value the two-byte length field can hold. */
export const MAX_LENGTH_FIELD = 0xffff;

const EMPTY = new Uint8Array(0);

export interface SamRequest {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  /** Bytes between SW3 and the checksum. May hold personal data: wipe with fill(0) when done. */
  data: Uint8Array;
}

/** XOR of bytes[start, end). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (CMD PARA data, or SW1 SW2 SW3 data) in preamble, length and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const lengthField = body.length + 1;
  if (lengthField > MAX_LENGTH_FIELD) {
    throw idCardError(IdCardErrorCode.frameTooLong, `frame body of ${body.length} bytes does not fit a two-byte length`);
  }
  const out = new Uint8Array(HEADER_SIZE + lengthField);
  out.set(PREAMBLE, 0);
  out[5] = lengthField >> 8;
  out[6] = lengthField & 0xff;
  out.set(body, HEADER_SIZE);
  out[out.length - 1] = xorChecksum(out, 5, out.length - 1);
  return out;
}

export function encodeRequest(cmd: number, para: number, data: Uint8Array = EMPTY): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = byte(cmd, 'cmd');
  body[1] = byte(para, 'para');
  body.set(data, 2);
  return encodeFrame(body);
}

/** Device side (emulator): SW1 and SW2 default to 00 as on every known module. */
export function encodeResponse(status: { sw1?: number; sw2?: number; sw3: number }, data: Uint8Array = EMPTY): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = byte(status.sw1 ?? 0, 'sw1');
  body[1] = byte(status.sw2 ?? 0, 'sw2');
  body[2] = byte(status.sw3, 'sw3');
  body.set(data, 3);
  return encodeFrame(body);
}

/** Body as emitted by FrameParser (length ≥ 3 with RESPONSE_LIMITS). `data` is a view into `body`. */
export function decodeResponseBody(body: Uint8Array): SamResponse {
  if (body.length < 3) throw idCardError(IdCardErrorCode.frameTooShort, `response body of ${body.length} bytes has no SW1 SW2 SW3`);
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

/** Body as emitted by FrameParser (length ≥ 2 with REQUEST_LIMITS). `data` is a view into `body`. */
export function decodeRequestBody(body: Uint8Array): SamRequest {
  if (body.length < 2) throw idCardError(IdCardErrorCode.frameTooShort, `request body of ${body.length} bytes has no CMD PARA`);
  return { cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
}

function byte(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw idCardError(IdCardErrorCode.invalidField, `${name} must be a byte, got ${value}`);
  }
  return value;
}
