// Stable error codes of the ID card driver. Every failure the driver reports is a
// DeviceError (drivers/contract.ts) whose `code` is one of these strings; screens
// and logs key on the code, never on the message.
// Danger: messages must never contain an ID number, a name or raw text-block bytes.
import { DeviceError } from '../contract.js';

export const IdCardErrorCode = {
  // Framing (frame.ts)
  garbage: 'garbage',
  badChecksum: 'bad_checksum',
  frameTooShort: 'frame_too_short',
  frameTooLong: 'frame_too_long',
  // Exchange (channel.ts, reader.ts)
  timeout: 'timeout',
  disconnected: 'disconnected',
  unexpectedResponse: 'unexpected_response',
  stopped: 'stopped',
  // SW3 statuses that mean failure carry the status code from status.ts.
  // Card content (card.ts)
  readLengthMismatch: 'read_length_mismatch',
  textBlockTooShort: 'text_block_too_short',
  unknownCardType: 'unknown_card_type',
  invalidField: 'invalid_field',
  invalidIdNumber: 'invalid_id_number',
  inconsistentCard: 'inconsistent_card',
  invalidDate: 'invalid_date',
} as const;

export type IdCardErrorCode = (typeof IdCardErrorCode)[keyof typeof IdCardErrorCode];

export function idCardError(code: string, message: string, cause?: unknown): DeviceError {
  return new DeviceError(code, message, cause);
}

/** Narrowing helper for catch blocks. */
export function isDeviceError(err: unknown): err is DeviceError {
  return err instanceof DeviceError;
}
