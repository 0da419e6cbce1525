// Who this terminal is: role, terminal id, counter, and either "start the hall
// here" (master terminal) or the hall URL and token (every other terminal).
//
// Three sources, field by field, highest first:
//   1. command-line options   --role --terminal-id --counter-id --hall-url --start-hall
//                             --config --data --host --port --terminal-file
//   2. environment            SERVICEHALL_ROLE, SERVICEHALL_TERMINAL_ID, SERVICEHALL_COUNTER_ID,
//                             SERVICEHALL_HALL_URL, SERVICEHALL_TOKEN, SERVICEHALL_START_HALL,
//                             SERVICEHALL_CONFIG, SERVICEHALL_DATA, SERVICEHALL_HOST,
//                             SERVICEHALL_PORT, SERVICEHALL_TERMINAL_FILE, SERVICEHALL_HALL_CERT_SHA256
//   3. terminal.json          in Electron's userData folder, or the --terminal-file path
// hallCertSha256 (terminal.json or SERVICEHALL_HALL_CERT_SHA256) pins an https hall's certificate
// (electron/tls-pin.ts, docs/security-tls.md).
// The token is never read from the command line: every local user can read a
// process's arguments (ps, /proc/<pid>/cmdline).
// Errors are TerminalIdentityError with a stable code and a message that names
// the source (file path, variable or option) of each bad field.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isCounterRole, terminalRoles, type TerminalRole } from './roles.js';
import { normalizeHallOrigin } from './security.js';
import { terminalDevicesShape } from '../protocol/terminal-devices.js';
import { normalizeSha256 } from '../protocol/tls-pin.js';

export const TERMINAL_FILE_NAME = 'terminal.json';

export type TerminalIdentityErrorCode =
  | 'file_unreadable'
  | 'file_not_json'
  | 'file_invalid'
  | 'env_invalid'
  | 'arg_invalid'
  | 'token_on_command_line'
  | 'identity_incomplete'
  | 'identity_conflict';

export class TerminalIdentityError extends Error {
  constructor(
    readonly code: TerminalIdentityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalIdentityError';
  }
}

const idField = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');
const hallStartSchema = z.strictObject({
  configPath: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
});

const fieldSchemas = {
  role: z.enum(terminalRoles),
  terminalId: idField,
  counterId: idField,
  hallUrl: z.string().refine((u) => normalizeHallOrigin(u) !== null, 'must be an http:// or https:// URL without a user name or password'),
  token: z.string().regex(/^[\x21-\x7e]{16,512}$/, 'must be 16–512 printable ASCII characters without spaces'),
  startHall: z.boolean(),
  hall: hallStartSchema,
  hallCertSha256: z.string().refine((f) => normalizeSha256(f) !== null, "must be the SHA-256 fingerprint shown on the hall's admin page (64 hex digits, colons allowed)"),
};

/** terminal.json: every field optional here; what is required depends on the merged result. */
export const terminalFileSchema = z.strictObject({
  role: fieldSchemas.role.optional(),
  terminalId: fieldSchemas.terminalId.optional(),
  counterId: fieldSchemas.counterId.optional(),
  hallUrl: fieldSchemas.hallUrl.optional(),
  token: fieldSchemas.token.optional(),
  startHall: fieldSchemas.startHall.optional(),
  hall: fieldSchemas.hall.optional(),
  /** SHA-256 of the hall's TLS certificate, compared at enrolment with the admin page. */
  hallCertSha256: fieldSchemas.hallCertSha256.optional(),
  /** The device agent's part (protocol/terminal-devices.ts): read by electron/device-agent.ts, not by the identity. */
  ...terminalDevicesShape,
  /** The hall's certificate as pinned at enrolment, so the agent verifies without asking the hall first. */
  hallCertPem: z.string().optional(),
});

type RawIdentity = z.infer<typeof terminalFileSchema>;
type Field = keyof RawIdentity;
type HallStartOptions = z.infer<typeof hallStartSchema>;

/** One source's values and, per field, where each came from ("--role", "SERVICEHALL_ROLE", "/x/terminal.json"). */
interface Layer {
  values: RawIdentity;
  from: Partial<Record<Field, string>>;
}

interface TerminalCommon {
  role: TerminalRole;
  counterId?: string;
}
/** The master terminal starts the hall in-process and opens its own page of it. */
export interface MasterIdentity extends TerminalCommon {
  startHall: true;
  /** Which of the hall's terminals this is; the first one with this role when omitted. */
  terminalId?: string;
  hall: HallStartOptions;
}
/** Every other terminal connects to a hall running elsewhere on the LAN. */
export interface RemoteIdentity extends TerminalCommon {
  startHall: false;
  terminalId: string;
  hallOrigin: string;
  token: string;
  /** The pinned certificate of an https hall, "AB:CD:…" (electron/tls-pin.ts). */
  hallCertSha256?: string;
}
export type TerminalIdentity = MasterIdentity | RemoteIdentity;

export interface IdentitySources {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  userDataDir: string;
  /** File contents, or null when the file does not exist. Throws for other read errors. */
  readTextFile(filePath: string): string | null;
}

export interface ReadIdentity {
  identity: TerminalIdentity;
  terminalFile: string;
  terminalFileFound: boolean;
}

export function readTerminalIdentity(sources: IdentitySources): ReadIdentity {
  const args = argsLayer(sources.argv, sources.cwd);
  const env = envLayer(sources.env, sources.cwd);
  const terminalFile = path.resolve(
    sources.cwd,
    args.terminalFile ?? env.terminalFile ?? path.join(sources.userDataDir, TERMINAL_FILE_NAME),
  );
  const file = fileLayer(terminalFile, sources.readTextFile);
  const identity = mergeLayers([args.layer, env.layer, file ?? { values: {}, from: {} }], terminalFile);
  return { identity, terminalFile, terminalFileFound: file !== null };
}

/** Reads a UTF-8 file, or null if it does not exist. */
export function readTextFileIfExists(filePath: string): string | null {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function fileLayer(filePath: string, readTextFile: IdentitySources['readTextFile']): Layer | null {
  let text: string | null;
  try {
    text = readTextFile(filePath);
  } catch (error) {
    throw new TerminalIdentityError('file_unreadable', `${filePath} cannot be read: ${(error as Error).message}`);
  }
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new TerminalIdentityError('file_not_json', `${filePath} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = terminalFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new TerminalIdentityError('file_invalid', `${filePath} is not a valid terminal file:\n  - ${problems.join('\n  - ')}`);
  }
  const values = { ...parsed.data };
  // Relative paths in the file are relative to the file, not to wherever the app was started.
  if (values.hall) values.hall = resolveHallPaths(values.hall, path.dirname(filePath));
  const from: Layer['from'] = {};
  for (const key of Object.keys(values) as Field[]) from[key] = filePath;
  return { values, from };
}

const envNames: Record<string, Field | 'hall.configPath' | 'hall.dataDir' | 'hall.host' | 'hall.port'> = {
  SERVICEHALL_ROLE: 'role',
  SERVICEHALL_TERMINAL_ID: 'terminalId',
  SERVICEHALL_COUNTER_ID: 'counterId',
  SERVICEHALL_HALL_URL: 'hallUrl',
  SERVICEHALL_TOKEN: 'token',
  SERVICEHALL_START_HALL: 'startHall',
  SERVICEHALL_CONFIG: 'hall.configPath',
  SERVICEHALL_DATA: 'hall.dataDir',
  SERVICEHALL_HOST: 'hall.host',
  SERVICEHALL_PORT: 'hall.port',
  SERVICEHALL_HALL_CERT_SHA256: 'hallCertSha256',
};

function envLayer(env: IdentitySources['env'], cwd: string): { layer: Layer; terminalFile?: string } {
  const entries: [string, string][] = [];
  for (const name of Object.keys(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') entries.push([name, value]);
  }
  const layer = buildLayer(entries, envNames, cwd, 'env_invalid');
  const terminalFile = env.SERVICEHALL_TERMINAL_FILE || undefined;
  return terminalFile === undefined ? { layer } : { layer, terminalFile };
}

const optionNames: Record<string, Field | 'hall.configPath' | 'hall.dataDir' | 'hall.host' | 'hall.port'> = {
  '--role': 'role',
  '--terminal-id': 'terminalId',
  '--counter-id': 'counterId',
  '--hall-url': 'hallUrl',
  '--start-hall': 'startHall',
  '--config': 'hall.configPath',
  '--data': 'hall.dataDir',
  '--host': 'hall.host',
  '--port': 'hall.port',
};

function argsLayer(argv: readonly string[], cwd: string): { layer: Layer; terminalFile?: string } {
  if (argv.some((a) => a === '--token' || a.startsWith('--token='))) {
    throw new TerminalIdentityError(
      'token_on_command_line',
      '--token is not accepted: any user on this machine can read command lines. Put the token in terminal.json or SERVICEHALL_TOKEN.',
    );
  }
  // Not strict: Electron and Chromium switches (--no-sandbox, --enable-features=…) share argv.
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      'terminal-id': { type: 'string' },
      'counter-id': { type: 'string' },
      'hall-url': { type: 'string' },
      'start-hall': { type: 'boolean' },
      config: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'terminal-file': { type: 'string' },
    },
  });
  const entries: [string, string][] = [];
  for (const option of [...Object.keys(optionNames), '--terminal-file']) {
    const value = values[option.slice(2)];
    if (value === undefined) continue;
    if (value === true && option !== '--start-hall') throw new TerminalIdentityError('arg_invalid', `${option} needs a value`);
    entries.push([option, value === true ? 'true' : String(value)]);
  }
  const terminalFile = entries.find(([name]) => name === '--terminal-file')?.[1];
  const layer = buildLayer(entries.filter(([name]) => name !== '--terminal-file'), optionNames, cwd, 'arg_invalid');
  return terminalFile === undefined ? { layer } : { layer, terminalFile };
}

/** Turns name/value strings (env or argv) into a validated layer. */
function buildLayer(
  entries: [string, string][],
  names: Record<string, string>,
  cwd: string,
  code: 'env_invalid' | 'arg_invalid',
): Layer {
  const values: RawIdentity = {};
  const from: Layer['from'] = {};
  const hall: HallStartOptions = {};
  const fail = (name: string, reason: string): never => {
    throw new TerminalIdentityError(code, `${name}: ${reason}`);
  };
  for (const [name, text] of entries) {
    const target = names[name];
    if (target === 'startHall') {
      if (!/^(true|1|false|0)$/i.test(text)) fail(name, 'must be true, false, 1 or 0');
      values.startHall = /^(true|1)$/i.test(text);
      from.startHall = name;
    } else if (target === 'hall.port') {
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) fail(name, 'must be a port number 0–65535');
      hall.port = Number(text);
      from.hall = name;
    } else if (target === 'hall.configPath' || target === 'hall.dataDir') {
      hall[target === 'hall.configPath' ? 'configPath' : 'dataDir'] = path.resolve(cwd, text);
      from.hall = name;
    } else if (target === 'hall.host') {
      hall.host = text;
      from.hall = name;
    } else if (target === 'role' || target === 'terminalId' || target === 'counterId' || target === 'hallUrl' || target === 'token' || target === 'hallCertSha256') {
      const parsed = fieldSchemas[target].safeParse(text);
      if (!parsed.success) fail(name, parsed.error.issues[0]?.message ?? 'invalid');
      Object.assign(values, { [target]: text });
      from[target] = name;
    }
  }
  if (Object.keys(hall).length > 0) values.hall = hall;
  return { values, from };
}

function resolveHallPaths(hall: HallStartOptions, baseDir: string): HallStartOptions {
  return {
    ...hall,
    ...(hall.configPath !== undefined && { configPath: path.resolve(baseDir, hall.configPath) }),
    ...(hall.dataDir !== undefined && { dataDir: path.resolve(baseDir, hall.dataDir) }),
  };
}

/** Field-by-field merge (first layer wins), then the rules that need the whole picture. */
function mergeLayers(layers: Layer[], terminalFile: string): TerminalIdentity {
  const merged: RawIdentity = {};
  const from: Layer['from'] = {};
  for (const layer of [...layers].reverse()) {
    for (const key of Object.keys(layer.values) as Field[]) {
      if (key === 'hall') merged.hall = { ...merged.hall, ...layer.values.hall };
      else Object.assign(merged, { [key]: layer.values[key] });
      from[key] = key === 'hall' && from.hall ? `${layer.from.hall}, ${from.hall}` : layer.from[key];
    }
  }
  const where = (field: Field) => from[field] ?? 'nowhere';
  const hint = (field: Field, env: string, option?: string) =>
    `set "${field}" in ${terminalFile}${option === undefined ? ` or ${env}` : `, ${env} or ${option}`}`;
  const problems: string[] = [];
  const conflicts: string[] = [];
  const role = merged.role;

  if (role === undefined) problems.push(`role is missing: ${hint('role', 'SERVICEHALL_ROLE', '--role')}`);
  if (role !== undefined && merged.counterId !== undefined && !isCounterRole(role)) {
    conflicts.push(`counterId (from ${where('counterId')}) is only for counter and counter_display terminals, not ${role}`);
  }
  if (merged.startHall === true) {
    for (const field of ['hallUrl', 'token', 'hallCertSha256'] as const) {
      if (merged[field] !== undefined) {
        conflicts.push(`${field} (from ${where(field)}) cannot be combined with startHall (from ${where('startHall')}): a master terminal serves its own hall`);
      }
    }
  } else {
    if (merged.hall !== undefined) {
      conflicts.push(`hall options (from ${where('hall')}) need startHall: true; only the master terminal starts and configures the hall`);
    }
    if (merged.hallUrl === undefined) problems.push(`hallUrl is missing (or set startHall: true on the master terminal): ${hint('hallUrl', 'SERVICEHALL_HALL_URL', '--hall-url')}`);
    if (merged.hallCertSha256 !== undefined && merged.hallUrl !== undefined && !(normalizeHallOrigin(merged.hallUrl) ?? '').startsWith('https:')) {
      conflicts.push(`hallCertSha256 (from ${where('hallCertSha256')}) pins a TLS certificate, but hallUrl (from ${where('hallUrl')}) is not https://`);
    }
    if (merged.token === undefined) problems.push(`token is missing: ${hint('token', 'SERVICEHALL_TOKEN')}`);
    if (merged.terminalId === undefined) problems.push(`terminalId is missing: ${hint('terminalId', 'SERVICEHALL_TERMINAL_ID', '--terminal-id')}`);
    if (role !== undefined && isCounterRole(role) && merged.counterId === undefined) {
      problems.push(`counterId is missing for a ${role} terminal: ${hint('counterId', 'SERVICEHALL_COUNTER_ID', '--counter-id')}`);
    }
  }
  if (conflicts.length > 0) throw new TerminalIdentityError('identity_conflict', `terminal identity is contradictory:\n  - ${conflicts.join('\n  - ')}`);
  if (problems.length > 0) throw new TerminalIdentityError('identity_incomplete', `terminal identity is incomplete:\n  - ${problems.join('\n  - ')}`);

  const common = { role: role as TerminalRole, ...(merged.counterId !== undefined && { counterId: merged.counterId }) };
  if (merged.startHall === true) {
    return { ...common, startHall: true, hall: merged.hall ?? {}, ...(merged.terminalId !== undefined && { terminalId: merged.terminalId }) };
  }
  return {
    ...common,
    startHall: false,
    terminalId: merged.terminalId as string,
    hallOrigin: normalizeHallOrigin(merged.hallUrl as string) as string,
    token: merged.token as string,
    ...(merged.hallCertSha256 !== undefined && { hallCertSha256: normalizeSha256(merged.hallCertSha256) as string }),
  };
}
