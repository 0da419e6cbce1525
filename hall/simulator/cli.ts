// Command line: compare two calling policies on one simulated or recorded day.
//   node --import tsx hall/simulator/cli.ts --seed 42 --policy-a default --policy-b strict-green
//     [--config config/demo-hall.json] [--policies file.json] [--day 2026-11-23]
//     [--load 0.85] [--scale 1] [--recorded data/hall.sqlite --day 2026-11-20] [--json]
// Contract: prints the comparison table (or JSON) and exits 0; on bad input
// prints one clear message to stderr and exits 2, having written nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, formatPath, loadHallConfig } from '../config/load.js';
import { hallSetupFrom } from '../config/setup.js';
import type { CallingPolicy } from '../domain/index.js';
import { comparePolicies } from './compare.js';
import { formatComparison } from './format.js';
import { generateDay } from './generate.js';
import { policyCatalog, policyFileSchema, resolvePolicy } from './policies.js';
import { dayFromDatabase } from './recorded.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `usage: node --import tsx hall/simulator/cli.ts --seed <n> --policy-a <id> --policy-b <id>
         [--config <hall.json>] [--policies <policies.json>] [--day YYYY-MM-DD]
         [--load <0..3>] [--scale <0..20>] [--recorded <hall.sqlite> --day YYYY-MM-DD] [--json]
  --policy-a/-b  a shipped policy (default, strict-green, strict, priority-2-1, priority-3-1-aging,
                 weighted-targets), one from the hall configuration, or one from --policies`;

function numberArg(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${value}")`);
  return n;
}

function readPolicyFile(file: string): CallingPolicy[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--policies ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  const r = policyFileSchema.safeParse(raw);
  if (!r.success) throw new UsageError(`--policies ${file} is not a list of valid calling policies: ${r.error.issues.map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function runCli(argv: string[]): string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        'policy-a': { type: 'string' },
        'policy-b': { type: 'string' },
        config: { type: 'string' },
        policies: { type: 'string' },
        recorded: { type: 'string' },
        day: { type: 'string' },
        load: { type: 'string' },
        scale: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return USAGE;
  if (!values['policy-a'] || !values['policy-b']) throw new UsageError('both --policy-a and --policy-b are required');
  const recorded = values.recorded;
  if (recorded && !values.day) throw new UsageError('--recorded needs --day YYYY-MM-DD (the service day to replay)');
  if (!recorded && values.seed === undefined) throw new UsageError('--seed is required for a generated day (or give --recorded and --day)');
  if (values.day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.day)) throw new UsageError(`--day must be YYYY-MM-DD (got "${values.day}")`);
  const seed = numberArg('seed', values.seed, 0, 2 ** 32 - 1);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number (got "${values.seed}")`);
  const load = numberArg('load', values.load, 0.01, 3);
  const scale = numberArg('scale', values.scale, 0.01, 20);

  const config = loadHallConfig(path.resolve(values.config ?? path.join(root, 'config/demo-hall.json')));
  const setup = hallSetupFrom(config);
  const catalog = policyCatalog(setup, values.policies ? readPolicyFile(values.policies) : []);
  const a = resolvePolicy(values['policy-a'], catalog, '--policy-a');
  const b = resolvePolicy(values['policy-b'], catalog, '--policy-b');
  const day = recorded
    ? dayFromDatabase(recorded, values.day!, setup)
    : generateDay(setup, seed!, { ...(values.day ? { serviceDay: values.day } : {}), ...(load !== undefined ? { load } : {}), ...(scale !== undefined ? { scale } : {}) });
  const comparison = comparePolicies(day, setup, a, b);
  return values.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison);
}

function main(): void {
  try {
    process.stdout.write(runCli(process.argv.slice(2)) + '\n');
  } catch (err) {
    const known = err instanceof UsageError || err instanceof ConfigError || ['PolicyRefError', 'RecordedDayError'].includes((err as Error).name) || /^scenario is not valid/.test((err as Error).message);
    process.stderr.write(`simulator: ${(err as Error).message}\n${err instanceof UsageError ? USAGE + '\n' : ''}`);
    process.exitCode = known ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
