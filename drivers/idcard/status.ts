// SW3 status byte of a SAM response (devices.md "Status SW3"), as data.
// `category` tells the reader what a status means for its state machine:
//   ok       the command did what was asked
//   no_card  nothing on the reader (normal while idle)
//   card     this card could not be read; try again or ask the visitor to re-place it
//   sam      the security module is broken or not authorised: the device cannot work
//   request  the module did not understand our frame (line noise or a driver bug)
//   device   any other failure of the module
// Unknown SW3 values map to category "device" with a code naming the byte.

export type SamStatusCategory = 'ok' | 'no_card' | 'card' | 'sam' | 'request' | 'device';

export interface SamStatus {
  readonly sw3: number;
  /** Stable code, used as DeviceError.code when the status is a failure. */
  readonly code: string;
  readonly meaning: string;
  readonly category: SamStatusCategory;
}

const table: readonly SamStatus[] = [
  { sw3: 0x90, code: 'success', meaning: 'operation succeeded', category: 'ok' },
  { sw3: 0x9f, code: 'card_found', meaning: 'a card was found', category: 'ok' },
  { sw3: 0x91, code: 'no_content', meaning: 'the card has no content for this item', category: 'ok' },
  { sw3: 0x10, code: 'request_checksum_error', meaning: 'the module received a request with a wrong checksum', category: 'request' },
  { sw3: 0x11, code: 'request_length_error', meaning: 'the module received a request with a wrong length', category: 'request' },
  { sw3: 0x21, code: 'bad_command', meaning: 'the module does not know this command', category: 'request' },
  { sw3: 0x23, code: 'unauthorised', meaning: 'the operation is not authorised', category: 'sam' },
  { sw3: 0x24, code: 'unknown_error', meaning: 'the module reported an unknown error', category: 'device' },
  { sw3: 0x31, code: 'card_authenticate_sam_failed', meaning: 'the card failed to authenticate the SAM', category: 'card' },
  { sw3: 0x32, code: 'sam_authenticate_card_failed', meaning: 'the SAM failed to authenticate the card', category: 'card' },
  { sw3: 0x33, code: 'verification_error', meaning: 'information verification failed', category: 'card' },
  { sw3: 0x40, code: 'unknown_card_type', meaning: 'the card type is not known to the module', category: 'card' },
  { sw3: 0x41, code: 'card_read_failed', meaning: 'reading the card failed', category: 'card' },
  { sw3: 0x47, code: 'get_random_failed', meaning: 'getting a random number from the card failed', category: 'card' },
  { sw3: 0x60, code: 'sam_self_test_failed', meaning: 'the SAM self-test failed', category: 'sam' },
  { sw3: 0x66, code: 'sam_not_authorised', meaning: 'the SAM is not authorised', category: 'sam' },
  { sw3: 0x80, code: 'find_card_failed', meaning: 'no card was found', category: 'no_card' },
  { sw3: 0x81, code: 'select_card_failed', meaning: 'selecting the card failed', category: 'card' },
];

export const SAM_STATUSES: ReadonlyMap<number, SamStatus> = new Map(table.map((s) => [s.sw3, s]));

export function samStatus(sw3: number): SamStatus {
  const known = SAM_STATUSES.get(sw3);
  if (known) return known;
  const hex = (sw3 & 0xff).toString(16).padStart(2, '0');
  return { sw3, code: `unknown_status_0x${hex}`, meaning: `the module returned unknown status 0x${hex}`, category: 'device' };
}
