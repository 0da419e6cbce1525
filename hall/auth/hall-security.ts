// The hall configuration's `security` section turned into the objects the
// service uses, and the start-time file checks. One place, so service.ts only
// wires (docs/security.md describes every setting).
import type { HallConfig } from '../config/schema.js';
import { configPermissionWarning, secureDataFolder } from '../runtime/data-permissions.js';
import { PinVerifier } from './pin.js';
import { PinLockout } from './tokens.js';

export function pinVerifierOf(config: HallConfig): PinVerifier {
  return new PinVerifier(config.security.pinHashing.cost, config.security.pin.minLength);
}

export function pinLockoutOf(config: HallConfig): PinLockout {
  const l = config.security.pinLockout;
  return new PinLockout({ staffMaxFailures: l.staffMaxFailures, terminalMaxFailures: l.terminalMaxFailures, windowMs: l.windowMinutes * 60_000, lockMs: l.lockMinutes * 60_000 });
}

/**
 * Tightens the data folder's permissions (before the database opens) and returns the
 * warnings to show the technician: what was tightened, and a readable configuration file.
 */
export function secureHallFiles(dataDir: string, configPath: string): string[] {
  const warnings = secureDataFolder(dataDir).map((change) => `tightened permissions of ${change}`);
  const config = configPermissionWarning(configPath);
  if (config) warnings.push(config);
  return warnings;
}
