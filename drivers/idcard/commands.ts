// SAM commands (devices.md "Commands") and what counts as a proper answer to each.
// Danger: a response carries no command code. A late answer to an earlier command
// (after a timeout) looks like an answer to the current one; `checkAnswer` rejects
// replies whose status or size cannot belong to the command that was sent.
import { DeviceError } from '../contract.js';
import { idCardError, IdCardErrorCode } from './errors.js';
import { encodeRequest, type SamResponse } from './frame.js';
import { samStatus, type SamStatus } from './status.js';

export type SamCommandName =
  | 'reset_sam'
  | 'sam_status'
  | 'read_sam_id'
  | 'find_card'
  | 'select_card'
  | 'read_text_photo'
  | 'read_text_photo_fingerprint'
  | 'read_appended_address';

export interface SamCommand {
  readonly name: SamCommandName;
  readonly cmd: number;
  readonly para: number;
  /** SW3 values that answer this command successfully. */
  readonly ok: readonly number[];
  /** Smallest data size of a successful answer. */
  readonly minData: number;
}

export const SamCommands = {
  resetSam: { name: 'reset_sam', cmd: 0x10, para: 0xff, ok: [0x90], minData: 0 },
  samStatus: { name: 'sam_status', cmd: 0x11, para: 0xff, ok: [0x90], minData: 0 },
  readSamId: { name: 'read_sam_id', cmd: 0x12, para: 0xff, ok: [0x90], minData: 16 },
  findCard: { name: 'find_card', cmd: 0x20, para: 0x01, ok: [0x9f], minData: 0 },
  selectCard: { name: 'select_card', cmd: 0x20, para: 0x02, ok: [0x90], minData: 0 },
  readTextPhoto: { name: 'read_text_photo', cmd: 0x30, para: 0x01, ok: [0x90], minData: 4 },
  readTextPhotoFingerprint: { name: 'read_text_photo_fingerprint', cmd: 0x30, para: 0x10, ok: [0x90], minData: 6 },
  /** 91 "no content" is a proper answer: the card has no appended address. */
  readAppendedAddress: { name: 'read_appended_address', cmd: 0x30, para: 0x03, ok: [0x90, 0x91], minData: 0 },
} as const satisfies Record<string, SamCommand>;

export function encodeCommand(command: SamCommand): Uint8Array {
  return encodeRequest(command.cmd, command.para);
}

/** A failure status from the module; `code` is the status's stable code (status.ts). */
export class SamStatusError extends DeviceError {
  constructor(
    readonly status: SamStatus,
    readonly command: SamCommandName,
  ) {
    super(status.code, `${command}: ${status.meaning} (SW3 0x${status.sw3.toString(16).padStart(2, '0')})`);
    this.name = 'SamStatusError';
  }
}

/**
 * Returns the response if it is a successful answer to `command`; throws a
 * SamStatusError for a failure status and an unexpected_response DeviceError for a
 * success that belongs to another command. Find's 80 ("no card") is a
 * SamStatusError with code find_card_failed and category no_card.
 */
export function checkAnswer(command: SamCommand, response: SamResponse): SamResponse {
  const status = samStatus(response.sw3);
  if (command.ok.includes(response.sw3)) {
    if (response.sw3 === 0x90 && response.data.length < command.minData) {
      throw idCardError(IdCardErrorCode.unexpectedResponse, `${command.name}: answer has ${response.data.length} data bytes, needs ${command.minData}`);
    }
    return response;
  }
  if (status.category === 'ok') {
    throw idCardError(IdCardErrorCode.unexpectedResponse, `${command.name}: got "${status.code}", which answers another command`);
  }
  throw new SamStatusError(status, command.name);
}

/**
 * SAM id as printed on the module label, "DD.DD-N-NNNNNNNNN-NNNNNNNNN", decoded as
 * in open-source readers (bytes 0 and 2, then three little-endian u32). Vendors
 * differ in zero-padding; the hex form is exact.
 */
export function formatSamId(data: Uint8Array): { text: string; hex: string } {
  if (data.length < 16) throw idCardError(IdCardErrorCode.unexpectedResponse, `SAM id needs 16 bytes, got ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, 16);
  const d2 = (n: number): string => n.toString().padStart(2, '0');
  const text = `${d2(data[0]!)}.${d2(data[2]!)}-${view.getUint32(4, true)}-${view.getUint32(8, true).toString().padStart(9, '0')}-${view
    .getUint32(12, true)
    .toString()
    .padStart(9, '0')}`;
  const hex = Array.from(data.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return { text, hex };
}
