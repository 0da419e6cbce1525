// Caller keypad profiles (the keypad model) and address maps (the installation).
// The profile says what a key frame means; the address map says which
// counter each keypad on the line belongs to, and may remap keys for one
// keypad (a counter with a different keypad model on the same bus).
// Contract: parse* either returns something the driver can run or throws
// ProfileError('profile_invalid') listing every problem with its path.
import { z } from 'zod';
import { matchesPattern, parseHex, parsePattern, patternsOverlap, type BytePattern } from '../rating/hex.js';
import { formatPath, ProfileError, type ProfileIssue } from '../rating/profile.js';
import type { KeypadFrameFormat } from './codec.js';
import { KEYPAD_ACTIONS, type KeypadAction } from './contract.js';

const u8 = z.union([
  z.number().int().min(0).max(0xff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,2}$/, 'must be a number or a hex string like "0x01"')
    .transform((s) => parseInt(s, 16)),
]);

const keySchema = z.strictObject({
  command: u8,
  /** Data pattern ("01", "?? 02"); omit to accept any data with this command. */
  data: z.string().optional(),
  action: z.enum(KEYPAD_ACTIONS),
});

export const keypadProfileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 lowercase letters, digits, ".", "_" or "-"'),
  name: z.string().min(1),
  vendor: z.string().default(''),
  notes: z.string().default(''),
  transport: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('serial'),
      baudRate: z.number().int().min(300).max(921600),
      dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
      parity: z.enum(['none', 'even', 'odd']).default('none'),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    }),
    z.strictObject({ kind: z.literal('tcp'), port: z.number().int().min(1).max(65535), connectTimeoutMs: z.number().int().min(100).max(60_000).default(3000) }),
  ]),
  frame: z
    .strictObject({
      preamble: z.string().default('FF'),
      checksumFrom: z.enum(['second_start', 'address']).default('second_start'),
      maxData: z.number().int().min(1).max(250).default(32),
      interByteTimeoutMs: z.number().int().min(5).max(5000).default(200),
    })
    .default({ preamble: 'FF', checksumFrom: 'second_start', maxData: 32, interByteTimeoutMs: 200 }),
  keys: z.array(keySchema).min(1),
  /** Reply to every key frame, so the keypad stops retransmitting and beeps. */
  ack: z.strictObject({ command: u8, echoData: z.boolean().default(true) }).optional(),
  /** Shows the called number on the keypad's LED display. */
  display: z.strictObject({ command: u8, maxChars: z.number().int().min(1).max(32).default(8) }).optional(),
  /** The same key from the same keypad within this time is one press (bounce, retransmission). */
  debounceMs: z.number().int().min(0).max(5000).default(300),
  reconnect: z
    .strictObject({ initialDelayMs: z.number().int().min(10).max(60_000).default(500), maxDelayMs: z.number().int().min(10).max(600_000).default(30_000) })
    .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
});

export const keypadAddressesSchema = z
  .array(
    z.strictObject({
      address: u8,
      counterNumber: z.number().int().min(1).max(999),
      /** Replaces the profile's keys for this keypad only. */
      keys: z.array(keySchema).min(1).optional(),
    }),
  )
  .min(1);

export interface KeypadKey {
  command: number;
  data: BytePattern | null;
  action: KeypadAction;
}

export interface KeypadProfile {
  id: string;
  name: string;
  vendor: string;
  notes: string;
  transport: z.output<typeof keypadProfileSchema>['transport'];
  frame: KeypadFrameFormat;
  keys: readonly KeypadKey[];
  ack: { command: number; echoData: boolean } | null;
  display: { command: number; maxChars: number } | null;
  debounceMs: number;
  reconnect: { initialDelayMs: number; maxDelayMs: number };
}

export interface KeypadAddress {
  address: number;
  counterNumber: number;
  keys: readonly KeypadKey[] | null;
}

type Report = (path: string, message: string) => void;

export function parseKeypadProfile(json: unknown, source = 'caller keypad profile'): KeypadProfile {
  const raw = keypadProfileSchema.safeParse(json);
  if (!raw.success) throw new ProfileError(source, zodIssues(raw.error.issues));
  const issues: ProfileIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  const r = raw.data;
  const preamble = parseHex(r.frame.preamble);
  if (!preamble) report('frame.preamble', `"${r.frame.preamble}" is not hex bytes`);
  else if (preamble.includes(0x68)) report('frame.preamble', 'must not contain 68, the frame start');
  const keys = compileKeys(r.keys, 'keys', report);
  if (r.ack && keys.some((k) => k.command === r.ack!.command)) report('ack.command', 'is also a key command');
  if (r.display && keys.some((k) => k.command === r.display!.command)) report('display.command', 'is also a key command');
  if (r.reconnect.maxDelayMs < r.reconnect.initialDelayMs) report('reconnect.maxDelayMs', 'must be at least initialDelayMs');
  if (issues.length > 0) throw new ProfileError(source, issues);
  return {
    id: r.id,
    name: r.name,
    vendor: r.vendor,
    notes: r.notes,
    transport: r.transport,
    frame: { preamble: preamble!, checksumFrom: r.frame.checksumFrom, maxData: r.frame.maxData, interByteTimeoutMs: r.frame.interByteTimeoutMs },
    keys,
    ack: r.ack ?? null,
    display: r.display ?? null,
    debounceMs: r.debounceMs,
    reconnect: r.reconnect,
  };
}

/** The installation's address → counter map; each address and counter at most once. */
export function parseKeypadAddresses(json: unknown, source = 'caller keypad addresses'): KeypadAddress[] {
  const raw = keypadAddressesSchema.safeParse(json);
  if (!raw.success) throw new ProfileError(source, zodIssues(raw.error.issues));
  const issues: ProfileIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  const out = raw.data.map((a, i) => {
    if (raw.data.findIndex((b) => b.address === a.address) !== i) report(`[${i}].address`, `address ${a.address} is listed twice`);
    if (raw.data.findIndex((b) => b.counterNumber === a.counterNumber) !== i) report(`[${i}].counterNumber`, `counter ${a.counterNumber} has two keypads`);
    return { address: a.address, counterNumber: a.counterNumber, keys: a.keys ? compileKeys(a.keys, `[${i}].keys`, report) : null };
  });
  if (issues.length > 0) throw new ProfileError(source, issues);
  return out;
}

/** The action a key frame means, or null. */
export function matchKey(keys: readonly KeypadKey[], command: number, data: Uint8Array): KeypadAction | null {
  return keys.find((k) => k.command === command && (k.data === null || matchesPattern(k.data, data)))?.action ?? null;
}

function compileKeys(raw: readonly z.output<typeof keySchema>[], at: string, report: Report): KeypadKey[] {
  const keys: KeypadKey[] = [];
  raw.forEach((k, i) => {
    const data = k.data === undefined ? null : parsePattern(k.data);
    if (k.data !== undefined && !data) {
      report(`${at}[${i}].data`, `"${k.data}" is not a byte pattern: hex bytes separated by spaces, "??" for any byte`);
      return;
    }
    keys.forEach((other, j) => {
      const overlap = other.command === k.command && (other.data === null || data === null || patternsOverlap(other.data, data));
      if (overlap && other.action !== k.action) report(`${at}[${i}]`, `also matches ${at}[${j}] (${other.action})`);
    });
    keys.push({ command: k.command, data, action: k.action });
  });
  return keys;
}

function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ProfileIssue[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}
