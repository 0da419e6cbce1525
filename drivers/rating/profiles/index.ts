// Profiles shipped with ServiceHall. A hall may add its own JSON files
// (loadRatingProfile); these are validated the same way, at first use.
import { DeviceError } from '../../contract.js';
import { parseRatingProfile, type RatingProfile } from '../profile.js';
import keyboardModeEvdev from './keyboard-mode-evdev.json' with { type: 'json' };
import referenceHid from './reference-hid.json' with { type: 'json' };
import referenceSerial from './reference-serial.json' with { type: 'json' };

const SHIPPED: Readonly<Record<string, unknown>> = {
  'servicehall-reference-serial-v1': referenceSerial,
  'servicehall-reference-hid-v1': referenceHid,
  'keyboard-mode-evdev': keyboardModeEvdev,
};

export const SHIPPED_RATING_PROFILE_IDS: readonly string[] = Object.keys(SHIPPED);

/** Throws DeviceError('unknown_profile') for an id not shipped. */
export function shippedRatingProfile(id: string): RatingProfile {
  const json = SHIPPED[id];
  if (json === undefined) {
    throw new DeviceError('unknown_profile', `no shipped rating pad profile "${id}"; shipped: ${SHIPPED_RATING_PROFILE_IDS.join(', ')}`);
  }
  return parseRatingProfile(json, `shipped profile ${id}`);
}
