// Rating pad profiles: validate a technician's JSON and compile it into what
// the driver runs (bytes, patterns, templates, key tables).
// Contract: parseRatingProfile either returns a profile the driver can run or
// throws ProfileError('profile_invalid') listing every problem with its path
// ("input.keys[3].match: …"). Rules beyond the JSON shape:
// - every one of the five levels has a key (a pad that cannot say 非常不满意
//   would bias the hall's ratings);
// - no two keys of different levels can match the same input;
// - input and transport agree (frames over serial/TCP, reports over HID, key
//   codes over evdev); keyboard-mode pads take no commands.
import fs from 'node:fs/promises';
import { DeviceError } from '../contract.js';
import { RATING_LEVELS, type RatingLevel } from './contract.js';
import { EVDEV_KEY_CODES } from './evdev.js';
import type { Framing } from './framing.js';
import { parseHex, parsePattern, patternsOverlap, type BytePattern } from './hex.js';
import type { HidReportLayout } from './hid-report.js';
import { ratingProfileSchema, type RatingProfileRaw } from './profile-schema.js';
import { compileTemplate, type CommandTemplate, type TextEncoding } from './template.js';

export type RatingProfileTransport = RatingProfileRaw['transport'];

export type RatingProfileInput =
  | { kind: 'frames'; framing: Framing; keys: readonly { pattern: BytePattern; level: RatingLevel }[] }
  | { kind: 'hid_report'; layout: HidReportLayout; keys: ReadonlyMap<number, RatingLevel> }
  | { kind: 'evdev_keys'; eventSize: 16 | 24; keys: ReadonlyMap<number, RatingLevel> };

export interface RatingProfile {
  id: string;
  name: string;
  vendor: string;
  notes: string;
  transport: RatingProfileTransport;
  textEncoding: TextEncoding;
  input: RatingProfileInput;
  commands: { start: CommandTemplate | null; cancel: CommandTemplate | null; prompts: ReadonlyMap<string, CommandTemplate> };
  ack: { fromPad: BytePattern | null; toPad: CommandTemplate | null; timeoutMs: number };
  timeoutMs: number;
  debounceMs: number;
  reconnect: { initialDelayMs: number; maxDelayMs: number };
}

export interface ProfileIssue {
  path: string;
  message: string;
}

export class ProfileError extends DeviceError {
  constructor(
    readonly source: string,
    readonly issues: readonly ProfileIssue[],
  ) {
    super('profile_invalid', `${source} is not a valid profile:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'ProfileError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

/** Throws ProfileError with every issue found. `source` names the file in messages. */
export function parseRatingProfile(json: unknown, source = 'rating pad profile'): RatingProfile {
  const parsed = ratingProfileSchema.safeParse(json);
  if (!parsed.success) throw new ProfileError(source, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  const issues: ProfileIssue[] = [];
  const profile = compileProfile(parsed.data, (path, message) => issues.push({ path, message }));
  if (issues.length > 0) throw new ProfileError(source, issues);
  return profile;
}

export async function loadRatingProfile(file: string): Promise<RatingProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new DeviceError('profile_unreadable', `cannot read rating pad profile ${file}: ${(err as Error).message}`, err);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(file, [{ path: '', message: `not JSON: ${(err as Error).message}` }]);
  }
  return parseRatingProfile(json, file);
}

type Report = (path: string, message: string) => void;

function compileProfile(raw: RatingProfileRaw, report: Report): RatingProfile {
  const encoding = raw.textEncoding;
  const template = (source: string | undefined, path: string, allowFields: boolean): CommandTemplate | null => {
    if (source === undefined) return null;
    const t = compileTemplate(source, encoding);
    if (typeof t === 'string') report(path, t);
    else if (t.usesFields && !allowFields) report(path, 'placeholders are only allowed in commands.start');
    else return t;
    return null;
  };

  const input = compileInput(raw, report);
  const prompts = new Map<string, CommandTemplate>();
  for (const [name, source] of Object.entries(raw.commands?.prompts ?? {})) {
    const t = template(source, `commands.prompts.${name}`, false);
    if (t) prompts.set(name, t);
  }
  const commands = {
    start: template(raw.commands?.start, 'commands.start', true),
    cancel: template(raw.commands?.cancel, 'commands.cancel', false),
    prompts,
  };
  const ack = {
    fromPad: raw.ack?.fromPad === undefined ? null : pattern(raw.ack.fromPad, 'ack.fromPad', report),
    toPad: template(raw.ack?.toPad, 'ack.toPad', false),
    timeoutMs: raw.ack?.timeoutMs ?? 1000,
  };

  const t = raw.transport;
  const sendsCommands = raw.commands !== undefined || ack.toPad !== null;
  if (raw.input.kind === 'frames' && t.kind !== 'serial' && t.kind !== 'tcp') report('input.kind', `frames need a serial or tcp transport, not ${t.kind}`);
  if (raw.input.kind === 'hid_report' && t.kind !== 'hid') report('input.kind', `hid_report needs a hid transport, not ${t.kind}`);
  if (raw.input.kind === 'evdev_keys' && t.kind !== 'evdev') report('input.kind', `evdev_keys needs an evdev transport, not ${t.kind}`);
  if (t.kind === 'evdev' && sendsCommands) report('commands', 'a keyboard-mode (evdev) pad cannot receive commands: remove commands and ack.toPad');
  if (t.kind === 'hid' && sendsCommands && !t.outputReport) report('transport.outputReport', 'commands to a HID pad need transport.outputReport');
  if (ack.fromPad && raw.input.kind !== 'frames') report('ack.fromPad', 'only frame-based pads send acknowledgements');
  if (ack.fromPad && input?.kind === 'frames') {
    input.keys.forEach((k, i) => {
      if (patternsOverlap(k.pattern, ack.fromPad!)) report('ack.fromPad', `matches the same frames as input.keys[${i}]`);
    });
  }
  if (raw.reconnect.maxDelayMs < raw.reconnect.initialDelayMs) report('reconnect.maxDelayMs', 'must be at least initialDelayMs');

  return {
    id: raw.id,
    name: raw.name,
    vendor: raw.vendor,
    notes: raw.notes,
    transport: raw.transport,
    textEncoding: encoding,
    input: input ?? { kind: 'evdev_keys', eventSize: 24, keys: new Map() },
    commands,
    ack,
    timeoutMs: raw.timeoutMs,
    debounceMs: raw.debounceMs,
    reconnect: raw.reconnect,
  };
}

function compileInput(raw: RatingProfileRaw, report: Report): RatingProfileInput | null {
  const input = raw.input;
  if (input.kind === 'frames') {
    const framing = compileFraming(input.framing, report);
    const keys: { pattern: BytePattern; level: RatingLevel }[] = [];
    input.keys.forEach((k, i) => {
      const p = pattern(k.match, `input.keys[${i}].match`, report);
      if (!p) return;
      keys.forEach((other, j) => {
        if (other.level !== k.level && patternsOverlap(other.pattern, p)) report(`input.keys[${i}].match`, `also matches input.keys[${j}] (${other.level})`);
      });
      keys.push({ pattern: p, level: k.level });
    });
    requireAllLevels(input.keys, report);
    return framing && { kind: 'frames', framing, keys };
  }
  if (input.kind === 'hid_report') {
    const keys = new Map<number, RatingLevel>();
    input.keys.forEach((k, i) => {
      if (k.usage === 0) report(`input.keys[${i}].usage`, 'usage 0 means "no key"');
      else if (keys.has(k.usage)) report(`input.keys[${i}].usage`, `usage ${k.usage} is mapped twice`);
      else keys.set(k.usage, k.level);
    });
    requireAllLevels(input.keys, report);
    const layout = { reportId: input.reportId, keysOffset: input.keysOffset, keysCount: input.keysCount, pressDetection: input.pressDetection };
    return { kind: 'hid_report', layout, keys };
  }
  const keys = new Map<number, RatingLevel>();
  input.keys.forEach((k, i) => {
    const code = typeof k.key === 'number' ? k.key : EVDEV_KEY_CODES[k.key];
    if (code === undefined) report(`input.keys[${i}].key`, `unknown key name "${k.key}": use a KEY_ name from linux/input-event-codes.h or the numeric code`);
    else if (keys.has(code)) report(`input.keys[${i}].key`, `key code ${code} is mapped twice`);
    else keys.set(code, k.level);
  });
  requireAllLevels(input.keys, report);
  return { kind: 'evdev_keys', eventSize: input.eventSize, keys };
}

function compileFraming(raw: Extract<RatingProfileRaw['input'], { kind: 'frames' }>['framing'], report: Report): Framing | null {
  const bytes = (text: string, path: string, required: boolean): Uint8Array | null => {
    const b = parseHex(text);
    if (!b) report(path, `"${text}" is not hex bytes`);
    else if (required && b.length === 0) report(path, 'must not be empty');
    else return b;
    return null;
  };
  if (raw.kind === 'delimited') {
    const start = bytes(raw.start, 'input.framing.start', false);
    const end = bytes(raw.end, 'input.framing.end', true);
    return start && end && { kind: 'delimited', start, end, maxLength: raw.maxLength, interByteTimeoutMs: raw.interByteTimeoutMs };
  }
  const header = bytes(raw.header, 'input.framing.header', true);
  const trailer = bytes(raw.trailer, 'input.framing.trailer', false);
  if (raw.lengthSize === 1 && raw.maxPayload > 255) report('input.framing.maxPayload', 'a 1-byte length field cannot exceed 255');
  return header && trailer && { ...raw, header, trailer };
}

function pattern(text: string, path: string, report: Report): BytePattern | null {
  const p = parsePattern(text);
  if (!p) report(path, `"${text}" is not a byte pattern: hex bytes separated by spaces, "??" for any byte`);
  return p;
}

function requireAllLevels(keys: readonly { level: RatingLevel }[], report: Report): void {
  const missing = RATING_LEVELS.filter((l) => !keys.some((k) => k.level === l));
  if (missing.length > 0) report('input.keys', `no key for ${missing.join(', ')}: a pad must offer all five levels`);
}
