// Bundled printer profiles plus the custom ones a hall configuration carries.
// A custom profile is either complete, or names a base with `extends` and gives
// only what differs:
//   { "id": "acme-80", "extends": "generic-epson", "features": { "transmitStatus": false } }
// Merge rule: objects merge key by key, recursively; arrays and scalars replace
// the base's value whole (a status bit list is never half-merged). `name`
// defaults to "<id> (based on <base id>)" and `notes` are not inherited.
// A base may be bundled or another custom profile (chains allowed, cycles refused).
// Contract: buildPrinterProfileCatalog validates every custom profile at once
// (parsePrinterProfile after merging) and throws DeviceError('invalid_profile')
// naming the entry (index and id) and the bad field; get() throws
// DeviceError('unknown_profile') listing what is known.
import { DeviceError } from '../contract.js';
import { BUNDLED_PROFILE_IDS, loadPrinterProfile, parsePrinterProfile, type PrinterProfile } from './profile.js';

export interface PrinterProfileCatalog {
  /** Bundled ids first, then custom ids in the order given. */
  readonly ids: readonly string[];
  readonly customIds: readonly string[];
  /** The profile a device's `model` names. Throws DeviceError('unknown_profile'). */
  get(model: string): PrinterProfile;
}

type Json = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isPlainObject(value) && isPlainObject(base[key]) ? deepMerge(base[key] as Json, value) : value;
  }
  return out;
}

export function buildPrinterProfileCatalog(customProfiles: unknown = []): PrinterProfileCatalog {
  if (!Array.isArray(customProfiles)) {
    throw new DeviceError('invalid_profile', `custom printer profiles must be a list of profile objects (got ${typeof customProfiles})`);
  }
  const raw = new Map<string, { index: number; data: Json }>();
  customProfiles.forEach((entry: unknown, index) => {
    const where = `custom printer profile #${index + 1}`;
    if (!isPlainObject(entry)) throw new DeviceError('invalid_profile', `${where} must be an object`);
    const id = entry.id;
    if (typeof id !== 'string' || id === '') throw new DeviceError('invalid_profile', `${where}: field "id" is missing or not a string`);
    if (BUNDLED_PROFILE_IDS.includes(id)) {
      throw new DeviceError('invalid_profile', `${where} ("${id}"): id "${id}" is a bundled profile; give the custom one its own id and "extends": "${id}"`);
    }
    if (raw.has(id)) throw new DeviceError('invalid_profile', `${where} ("${id}"): id "${id}" is used twice`);
    raw.set(id, { index, data: entry });
  });

  const resolved = new Map<string, PrinterProfile>();
  const resolve = (id: string, chain: string[]): PrinterProfile => {
    const done = resolved.get(id);
    if (done) return done;
    const { index, data } = raw.get(id)!;
    const where = `custom printer profile #${index + 1} ("${id}")`;
    let merged: Json;
    if (data.extends === undefined) {
      merged = data;
    } else {
      const { extends: baseId, ...own } = data;
      if (typeof baseId !== 'string') throw new DeviceError('invalid_profile', `${where}: field "extends" must be a profile id`);
      if (chain.includes(baseId)) throw new DeviceError('invalid_profile', `${where}: "extends" makes a cycle (${[...chain, id, baseId].join(' → ')})`);
      let base: PrinterProfile;
      if (raw.has(baseId)) base = resolve(baseId, [...chain, id]);
      else if (BUNDLED_PROFILE_IDS.includes(baseId)) base = loadPrinterProfile(baseId);
      else throw new DeviceError('invalid_profile', `${where}: field "extends" names no known profile "${baseId}"; known: ${[...BUNDLED_PROFILE_IDS, ...raw.keys()].join(', ')}`);
      const { notes: _notes, ...inherited } = base;
      merged = deepMerge({ ...inherited, name: `${id} (based on ${base.id})` } as Json, own);
    }
    let profile: PrinterProfile;
    try {
      profile = parsePrinterProfile(merged);
    } catch (err) {
      throw new DeviceError('invalid_profile', `${where}: ${(err as Error).message}`, err);
    }
    resolved.set(id, profile);
    return profile;
  };
  for (const id of raw.keys()) resolve(id, []);

  const customIds = [...raw.keys()];
  const ids = [...BUNDLED_PROFILE_IDS, ...customIds];
  return {
    ids,
    customIds,
    get(model: string): PrinterProfile {
      const own = resolved.get(model);
      if (own) return own;
      if (BUNDLED_PROFILE_IDS.includes(model)) return loadPrinterProfile(model);
      throw new DeviceError(
        'unknown_profile',
        `no printer profile "${model}"; bundled: ${BUNDLED_PROFILE_IDS.join(', ')}${customIds.length ? `; custom: ${customIds.join(', ')}` : ''}`,
      );
    },
  };
}

/** One model against the bundled profiles plus a configuration's custom list (all of which are validated). */
export function resolvePrinterProfile(model: string, customProfiles: unknown = []): PrinterProfile {
  return buildPrinterProfileCatalog(customProfiles).get(model);
}
