// Command line: compare two calling policies on one simulated or recorded day.
//   node --import tsx hall/simulator/cli.ts --seed 42 --policy-a default --policy-b strict-green
//     [--config config/demo-hall.json] [--policies file.json] [--day 2026-11-23]
//     [--load 0.85] [--scale 1] [--recorded data/hall.sqlite --day 2026-11-20] [--json]
//     [--behaviour rates.json | --learn-from data/hall.sqlite | --no-behaviour]
// Contract: prints the comparison table (or JSON) and exits 0; on bad input
// prints one clear message to stderr and exits 2, having written nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ConfigError, formatPath, loadHallConfig } from '../config/load.js';
import { hallSetupFrom } from '../config/setup.js';
import type { CallingPolicy, HallSetup } from '../domain/index.js';
import { addDays } from '../domain/calendar/index.js';
import { DEFAULT_BEHAVIOUR, NO_BEHAVIOUR, behaviourPatchSchema, behaviourProblems, withBehaviour, type BehaviourRates, type BehaviourSource } from './behaviour.js';
import type { SimDay } from './day.js';
import { comparePolicies } from './compare.js';
import { formatComparison } from './format.js';
import { generateDay } from './generate.js';
import { policyCatalog, policyFileSchema, resolvePolicy } from './policies.js';
import { RecordedDayError, dayFromDatabase, learnBehaviour, recordedDays } from './recorded.js';

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
         [--behaviour <rates.json>] [--learn-from <hall.sqlite>] [--no-behaviour]
  --policy-a/-b  a shipped policy (default, strict-green, strict, priority2-walkin1-nocap, priority3-walkin1-aging,
                 weighted-targets), one from the hall configuration, or one from --policies
  --behaviour    visitor rates over the defaults: {"noShowRate":0.05,"recallRate":0.1,"transferRate":0.03,
                 "suspendRate":0.02,"suspendAwayMinutes":20,"walkSeconds":40} (any subset)
  --learn-from   learn those rates from a hall database's last 28 recorded days
  --no-behaviour every visitor comes at the first call, at once, and is served in one go`;

function numberArg(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** A JSON file given with `--flag`, checked with `schema`; a UsageError naming the flag, the file and the problem. */
function readJsonFile<T>(flag: string, file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${flag} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(`${flag} ${file}${what}: ${r.error.issues.map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

const readPolicyFile = (file: string): CallingPolicy[] => readJsonFile('--policies', file, policyFileSchema, ' is not a list of valid calling policies');
const readRates = (file: string): Partial<BehaviourRates> => readJsonFile('--behaviour', file, behaviourPatchSchema, '');

/**
 * The visitor behaviour of the run: none with --no-behaviour; for a recorded day none unless
 * asked (its service times already hold the recalls and no-shows it had); else learned
 * (--learn-from) or the defaults, with --behaviour over them.
 */
function withRates(day: SimDay, setup: HallSetup, values: { behaviour?: string; 'learn-from'?: string; 'no-behaviour'?: boolean; day?: string }): SimDay {
  const given = values.behaviour !== undefined || values['learn-from'] !== undefined;
  if (values['no-behaviour']) {
    if (given) throw new UsageError('--no-behaviour cannot go with --behaviour or --learn-from');
    return withBehaviour(day, setup, NO_BEHAVIOUR, 'none');
  }
  if (day.source === 'recorded' && !given) return day;
  let rates = DEFAULT_BEHAVIOUR;
  let source: BehaviourSource = 'default';
  if (values['learn-from']) {
    const file = values['learn-from'];
    const newest = recordedDays(file)[0];
    if (!newest) throw new RecordedDayError(`${file} has no recorded days to learn from`);
    const to = values.day && values.day < newest ? values.day : newest;
    rates = learnBehaviour(file, addDays(to, -27), to).rates;
    source = 'learned';
  }
  if (values.behaviour) {
    rates = { ...rates, ...readRates(values.behaviour) };
    source = source === 'learned' ? 'learned' : 'set';
  }
  const problems = behaviourProblems(rates);
  if (problems.length) throw new UsageError(`behaviour rates are not valid: ${problems.join('; ')}`);
  return withBehaviour(day, setup, rates, source);
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
        behaviour: { type: 'string' },
        'learn-from': { type: 'string' },
        'no-behaviour': { type: 'boolean' },
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
  const comparison = comparePolicies(withRates(day, setup, values), setup, a, b);
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
