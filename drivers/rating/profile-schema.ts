// The JSON shape of a rating pad profile, as a technician writes it.
// Byte strings stay strings here; profile.ts checks them and compiles them
// (hex, patterns, templates) with the same path-style error messages.
// Defaults are chosen for a counter pad: 60 s to rate, 150 ms debounce.
import { z } from 'zod';
import { RATING_LEVELS, type RatingLevel } from './contract.js';

const level = z.enum(RATING_LEVELS as unknown as [RatingLevel, ...RatingLevel[]]);

/** 0x1A86 may be written as 6790 or "0x1A86". */
const u16 = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/, 'must be a number or a hex string like "0x1A86"')
    .transform((s) => parseInt(s, 16)),
]);
const u8 = z.union([
  z.number().int().min(0).max(0xff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,2}$/, 'must be a number or a hex string like "0x02"')
    .transform((s) => parseInt(s, 16)),
]);

const serialTransport = z.strictObject({
  kind: z.literal('serial'),
  baudRate: z.number().int().min(300).max(921600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});

const tcpTransport = z.strictObject({
  kind: z.literal('tcp'),
  /** Default port; the installation gives the host (and may override the port). */
  port: z.number().int().min(1).max(65535),
  connectTimeoutMs: z.number().int().min(100).max(60_000).default(3000),
});

const hidTransport = z.strictObject({
  kind: z.literal('hid'),
  vendorId: u16,
  productId: u16,
  /** Picks the right interface of a composite device (e.g. 0xFF00 vendor page, or 0x01 generic desktop). */
  usagePage: u16.optional(),
  usage: u16.optional(),
  /** Output report for commands (LED, voice): report id (0 if unnumbered) and size without the id byte. */
  outputReport: z.strictObject({ reportId: u8, length: z.number().int().min(1).max(64) }).optional(),
});

const evdevTransport = z.strictObject({
  kind: z.literal('evdev'),
  /**
   * true: read through a python3 helper that holds EVIOCGRAB, so keys never reach
   * the focused page; false: read directly and rely on a udev rule that sets
   * LIBINPUT_IGNORE_DEVICE=1 for the pad (docs/devices/rating-pad.md).
   */
  grab: z.boolean().default(true),
});

const lengthChecksumFraming = z.strictObject({
  kind: z.literal('length_checksum'),
  header: z.string(),
  lengthSize: z.union([z.literal(1), z.literal(2)]).default(1),
  lengthEndian: z.enum(['big', 'little']).default('big'),
  lengthCounts: z.enum(['payload', 'frame']).default('payload'),
  checksum: z.enum(['none', 'xor8', 'sum8', 'crc16_modbus']),
  checksumCovers: z.enum(['payload', 'length_and_payload', 'header_through_payload']).default('length_and_payload'),
  trailer: z.string().default(''),
  maxPayload: z.number().int().min(1).max(4096).default(255),
  interByteTimeoutMs: z.number().int().min(5).max(5000).default(200),
});

const delimitedFraming = z.strictObject({
  kind: z.literal('delimited'),
  start: z.string().default(''),
  end: z.string(),
  maxLength: z.number().int().min(1).max(4096).default(64),
  interByteTimeoutMs: z.number().int().min(5).max(5000).default(200),
});

const framesInput = z.strictObject({
  kind: z.literal('frames'),
  framing: z.discriminatedUnion('kind', [lengthChecksumFraming, delimitedFraming]),
  /** Payload patterns ("4B 01", "4B ?? 01") → level. Every level needs at least one key. */
  keys: z.array(z.strictObject({ match: z.string(), level })).min(5),
});

const hidInput = z.strictObject({
  kind: z.literal('hid_report'),
  reportId: u8.nullable(),
  keysOffset: z.number().int().min(0).max(63).default(0),
  keysCount: z.number().int().min(1).max(16).default(1),
  pressDetection: z.enum(['on_change', 'every_report']).default('on_change'),
  /** Key usages (1–255; 0 means "no key") → level. */
  keys: z.array(z.strictObject({ usage: u8, level })).min(5),
});

const evdevInput = z.strictObject({
  kind: z.literal('evdev_keys'),
  /** 24 on 64-bit kernels, 16 on 32-bit ones. */
  eventSize: z.union([z.literal(16), z.literal(24)]).default(24),
  /** "KEY_F1" (linux/input-event-codes.h name) or a numeric key code → level. */
  keys: z.array(z.strictObject({ key: z.union([z.string(), z.number().int().min(1).max(0x2ff)]), level })).min(5),
});

export const ratingProfileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 lowercase letters, digits, ".", "_" or "-"'),
  name: z.string().min(1),
  vendor: z.string().default(''),
  notes: z.string().default(''),
  transport: z.discriminatedUnion('kind', [serialTransport, tcpTransport, hidTransport, evdevTransport]),
  /** Encoding of text placeholders and quoted literals in commands. */
  textEncoding: z.enum(['gb18030', 'utf8', 'ascii']).default('gb18030'),
  input: z.discriminatedUnion('kind', [framesInput, hidInput, evdevInput]),
  commands: z
    .strictObject({
      start: z.string().optional(),
      cancel: z.string().optional(),
      /** Named prompts for LEDs and voice, e.g. "please_rate", "thanks". */
      prompts: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), z.string()).default({}),
    })
    .optional(),
  ack: z
    .strictObject({
      /** Pattern of the pad's reply to start/cancel; when set, a missing reply turns health to warning no_ack. */
      fromPad: z.string().optional(),
      /** Command sent to the pad after a press is accepted (stops retransmission, shows "thank you"). */
      toPad: z.string().optional(),
      timeoutMs: z.number().int().min(20).max(10_000).default(1000),
    })
    .optional(),
  /** Time a visitor has to rate; the hall usually overrides it per request from its ratingSeconds. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  /** Presses closer than this to the previous press are bounce, not a new press. */
  debounceMs: z.number().int().min(0).max(2000).default(150),
  reconnect: z
    .strictObject({
      initialDelayMs: z.number().int().min(10).max(60_000).default(500),
      maxDelayMs: z.number().int().min(10).max(600_000).default(30_000),
    })
    .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
});

export type RatingProfileJson = z.input<typeof ratingProfileSchema>;
export type RatingProfileRaw = z.output<typeof ratingProfileSchema>;
