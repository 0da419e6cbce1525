// Public surface of the ID card driver for the hall and the device agent.
// Codec internals (frame.ts, layouts.ts…) stay importable for tests and tools,
// but the hall should need only what is re-exported here.
import { SerialTransport } from '../transports/serial.js';
import { IdCardReader, type IdCardReaderOptions } from './reader.js';

export type { Gender, IdCardHealthCode, IdCardReaderDevice, IdCardRecord, IdCardType, IsoDate } from './contract.js';
export { IdCardErrorCode } from './errors.js';
export { SAM_STATUSES, samStatus, type SamStatus, type SamStatusCategory } from './status.js';
export { validateIdNumber, maskIdNumber, computeCheckDigit, type IdNumberValidation, type IdNumberInvalidReason, type IdNumberKind } from './id-number.js';
export { ageOn, compareIsoDates } from './dates.js';
export { NATIONS, nationName } from './nations.js';
export { IdCardReader, type IdCardReaderOptions } from './reader.js';
export { isCardValidOn } from './validity.js';
export { deriveStepTimeouts, largestAnswerBytes, MINIMUM_TIMEOUTS, MODULE_ALLOWANCE_MS, WIRE_ALLOWANCE_FACTOR, wireTimeMs, type StepTimeouts } from './step-timeouts.js';

export interface SerialIdCardReaderOptions extends IdCardReaderOptions {
  /** e.g. /dev/ttyUSB0 or a stable /dev/serial/by-id/… link. */
  path: string;
  /** Default 115200 (the module's factory setting). Opens the port at this speed and derives the step deadlines from it. */
  baudRate?: number;
}

/** A reader on a serial port (USB-serial or UART), 8N1. Call start() to begin. */
export function createSerialIdCardReader(options: SerialIdCardReaderOptions): IdCardReader {
  const { path, baudRate = 115200, ...readerOptions } = options;
  return new IdCardReader(new SerialTransport({ path, baudRate }), { ...readerOptions, baudRate });
}
