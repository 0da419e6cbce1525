// Gender codes, GB/T 2261.1, as stored in the card's one-character gender field.
import type { Gender } from './contract.js';

export const GENDERS: Readonly<Record<string, Gender>> = Object.freeze({
  '0': 'unknown',
  '1': 'male',
  '2': 'female',
  '9': 'unspecified',
});

export function genderFromCode(code: string): Gender | undefined {
  return Object.hasOwn(GENDERS, code) ? GENDERS[code] : undefined;
}

/** Code for the emulator and tests. */
export function genderCode(gender: Gender): string {
  const entry = Object.entries(GENDERS).find(([, g]) => g === gender);
  return entry![0];
}
