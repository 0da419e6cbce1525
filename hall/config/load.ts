// Loads and validates the hall configuration file.
// Contract: returns a consistent HallConfig, or throws ConfigError whose
// message lists every problem as "<file>: <json path>: <reason>", so a
// technician can fix a wrong value without reading code.
import fs from 'node:fs';
import { hallConfigSchema, type HallConfig } from './schema.js';
import { formatPath } from '../../protocol/http-json.js';
import { configWarnings } from './service-desk-warnings.js';
import { migratePolicyIds, uncappedPolicyWarnings } from './policy-config.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('config');

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`hall configuration ${file} is not valid:\n${problems.map((p) => `  ${file}: ${p.path || '(top level)'}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A zod issue path as "a.b[2].c" (one definition for the hall, central and the API: protocol/http-json.ts). */
export { formatPath };

export function parseHallConfig(text: string, file: string): HallConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `not valid JSON (${(err as Error).message})` }]);
  }
  // Old, ambiguous calling-policy ids are renamed before validation (hall/config/policy-config.ts).
  for (const notice of migratePolicyIds(raw)) log.warn(`${file}: ${notice}`);
  const result = hallConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  return result.data;
}

export function loadHallConfig(file: string): HallConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
  }
  const config = parseHallConfig(text, file);
  // Valid but short of a rule (no 办不成事 counter, no leader on duty): the hall starts, and says so.
  for (const w of [...configWarnings(config), ...uncappedPolicyWarnings(config)]) log.warn(`${file}: ${w.path}: ${w.message}`);
  return config;
}
