// Caller keypad profiles shipped with ServiceHall.
import { DeviceError } from '../../contract.js';
import { parseKeypadProfile, type KeypadProfile } from '../profile.js';
import referenceKeypad from './reference-keypad.json' with { type: 'json' };

const SHIPPED: Readonly<Record<string, unknown>> = {
  'servicehall-reference-keypad-v1': referenceKeypad,
};

export const SHIPPED_KEYPAD_PROFILE_IDS: readonly string[] = Object.keys(SHIPPED);

/** Throws DeviceError('unknown_profile') for an id not shipped. */
export function shippedKeypadProfile(id: string): KeypadProfile {
  const json = SHIPPED[id];
  if (json === undefined) throw new DeviceError('unknown_profile', `no shipped caller keypad profile "${id}"; shipped: ${SHIPPED_KEYPAD_PROFILE_IDS.join(', ')}`);
  return parseKeypadProfile(json, `shipped profile ${id}`);
}
