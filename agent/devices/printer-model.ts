// Which printer profile a device's `model` names: a custom profile carried by
// the hall configuration or terminal.json, else a bundled one. Contract: throws
// DeviceError('unknown_profile' | 'invalid_profile') with a message naming the
// model and what is known; openDevice turns that into the device's fault health.
import { DeviceError } from '../../drivers/contract.js';
import { BUNDLED_PROFILE_IDS, loadPrinterProfile, parsePrinterProfile, type PrinterProfile } from '../../drivers/printer/index.js';

export function resolvePrinterModel(model: string, custom: readonly unknown[]): PrinterProfile {
  const own = custom.find((p) => typeof p === 'object' && p !== null && (p as { id?: unknown }).id === model);
  if (own !== undefined) return parsePrinterProfile(own);
  if (BUNDLED_PROFILE_IDS.includes(model)) return loadPrinterProfile(model);
  const customIds = custom.map((p) => (p as { id?: unknown }).id).filter((id) => typeof id === 'string');
  throw new DeviceError('unknown_profile', `no printer profile "${model}"; bundled: ${BUNDLED_PROFILE_IDS.join(', ')}${customIds.length ? `; custom: ${customIds.join(', ')}` : ''}`);
}
