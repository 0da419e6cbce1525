// One codec per profile: bytes from the transport → key presses and acks;
// commands → bytes for the transport. Pure apart from the decoders' buffers.
// Contract: decode never throws and never turns unknown input into a level;
// encode throws DeviceError (encode_failed / invalid_request) and returns null
// when the profile has no such command.
import { DeviceError } from '../contract.js';
import type { RatingLevel } from './contract.js';
import { EV_KEY, EvdevEventParser, KEY_PRESS } from './evdev.js';
import { encodeFrame, FrameDecoder, type FrameDecodeResult } from './framing.js';
import { matchesPattern, toHex } from './hex.js';
import { HidKeyReportParser } from './hid-report.js';
import type { RatingProfile } from './profile.js';
import { renderTemplate, type CommandTemplate, type TemplateValues } from './template.js';

export type PadInput = { kind: 'key'; level: RatingLevel } | { kind: 'ack' } | { kind: 'error'; error: DeviceError };

export interface PadCodec {
  /** Feeds one transport chunk (one whole report for HID) received at clock time `now`. */
  decode(chunk: Uint8Array, now: number): PadInput[];
  /** Drops partial input, e.g. after a reconnect. */
  reset(): void;
  /** ms of quiet after which flush() should be called while input is pending; null if never needed. */
  readonly flushAfterMs: number | null;
  hasPending(): boolean;
  /** Gives up on a partial frame that went quiet, recovering any whole frame inside it. */
  flush(now: number): PadInput[];
  encodeStart(values: TemplateValues): Uint8Array | null;
  encodeCancel(): Uint8Array | null;
  encodePrompt(name: string): Uint8Array | null;
  encodeKeyAck(): Uint8Array | null;
}

export function createPadCodec(profile: RatingProfile): PadCodec {
  const wrap = commandWrapper(profile);
  const encode = (t: CommandTemplate | null, values: TemplateValues | null = null): Uint8Array | null =>
    t ? wrap(renderTemplate(t, values, profile.textEncoding)) : null;
  const decoder = inputDecoder(profile);
  return {
    ...decoder,
    encodeStart: (values) => encode(profile.commands.start, values),
    encodeCancel: () => encode(profile.commands.cancel),
    encodePrompt: (name) => encode(profile.commands.prompts.get(name) ?? null),
    encodeKeyAck: () => encode(profile.ack.toPad),
  };
}

function commandWrapper(profile: RatingProfile): (payload: Uint8Array) => Uint8Array {
  const { input, transport } = profile;
  if (input.kind === 'frames') return (payload) => encodeFrame(input.framing, payload);
  if (transport.kind === 'hid' && transport.outputReport) {
    const { reportId, length } = transport.outputReport;
    return (payload) => {
      if (payload.length > length) throw new DeviceError('encode_failed', `command of ${payload.length} bytes exceeds the ${length}-byte output report`);
      const report = new Uint8Array(length + 1);
      report[0] = reportId;
      report.set(payload, 1);
      return report;
    };
  }
  return () => {
    throw new DeviceError('not_supported', `profile ${profile.id} cannot send commands`);
  };
}

type InputDecoder = Pick<PadCodec, 'decode' | 'reset' | 'flushAfterMs' | 'hasPending' | 'flush'>;

const NOTHING_PENDING = { flushAfterMs: null, hasPending: () => false, flush: () => [] };

function inputDecoder(profile: RatingProfile): InputDecoder {
  const input = profile.input;
  if (input.kind === 'frames') {
    const frames = new FrameDecoder(input.framing);
    const ack = profile.ack.fromPad;
    const toInput = (r: FrameDecodeResult): PadInput => {
      if (r.kind === 'error') return r;
      const key = input.keys.find((k) => matchesPattern(k.pattern, r.payload));
      if (key) return { kind: 'key', level: key.level };
      if (ack && matchesPattern(ack, r.payload)) return { kind: 'ack' };
      return unknownKey(`frame payload ${toHex(r.payload)} is not in the key map`);
    };
    return {
      reset: () => frames.reset(),
      decode: (chunk, now) => frames.push(chunk, now).map(toInput),
      flushAfterMs: input.framing.interByteTimeoutMs,
      hasPending: () => frames.pending > 0,
      flush: (now) => frames.flush(now).map(toInput),
    };
  }
  if (input.kind === 'hid_report') {
    const parser = new HidKeyReportParser(input.layout);
    return {
      ...NOTHING_PENDING,
      reset: () => parser.reset(),
      decode: (report) => {
        const r = parser.parse(report);
        if (r.kind === 'error') return [r];
        return r.pressed.map((usage) => {
          const level = input.keys.get(usage);
          return level ? { kind: 'key', level } : unknownKey(`HID usage 0x${usage.toString(16).padStart(2, '0')} is not in the key map`);
        });
      },
    };
  }
  const parser = new EvdevEventParser(input.eventSize);
  return {
    ...NOTHING_PENDING,
    reset: () => parser.reset(),
    decode: (chunk) =>
      parser.push(chunk).flatMap((r): PadInput[] => {
        if (r.kind === 'error') return [r];
        const { type, code, value } = r.event;
        if (type !== EV_KEY || value !== KEY_PRESS) return [];
        const level = input.keys.get(code);
        return [level ? { kind: 'key', level } : unknownKey(`evdev key code ${code} is not in the key map`)];
      }),
  };
}

function unknownKey(message: string): PadInput {
  return { kind: 'error', error: new DeviceError('unknown_key', message) };
}
