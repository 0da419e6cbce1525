// Emulator of a frame-based rating pad (serial or TCP), speaking the wire
// protocol of its profile on the device side of the link: in tests and the
// headless demo it opens the far end of a socat pty pair.
// It records every command it receives, acknowledges start and cancel when
// the profile expects it, and presses keys by sending the key frames a real
// pad would send. It sends key frames whether or not a start arrived, as
// cheap pads do; the driver must ignore presses with no open request.
import type { ByteTransport } from '../../contract.js';
import { SerialTransport } from '../../transports/serial.js';
import type { RatingLevel } from '../contract.js';
import { encodeFrame, FrameDecoder, type Framing } from '../framing.js';
import { patternExample, type BytePattern } from '../hex.js';
import type { RatingProfile } from '../profile.js';
import { renderTemplate } from '../template.js';

export type PadCommandKind = 'start' | 'cancel' | 'key_ack' | `prompt:${string}` | 'unknown';

export interface ReceivedPadCommand {
  kind: PadCommandKind;
  payload: Uint8Array;
}

export class FramePadEmulator {
  readonly received: ReceivedPadCommand[] = [];
  readonly decodeErrors: string[] = [];
  /** Whether the pad currently shows "please rate" (between start and cancel / key ack). */
  showingPrompt = false;
  private readonly framing: Framing;
  private readonly keys: readonly { pattern: BytePattern; level: RatingLevel }[];
  private readonly decoder: FrameDecoder;
  private readonly exact: { kind: PadCommandKind; payload: Uint8Array }[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly profile: RatingProfile,
    private readonly transport: ByteTransport,
    private readonly options: { autoAck?: boolean } = {},
  ) {
    if (profile.input.kind !== 'frames') throw new Error(`FramePadEmulator needs a frame-based profile, not ${profile.input.kind}`);
    this.framing = profile.input.framing;
    this.keys = profile.input.keys;
    this.decoder = new FrameDecoder(this.framing);
    const enc = profile.textEncoding;
    const { cancel, prompts } = profile.commands;
    if (cancel) this.exact.push({ kind: 'cancel', payload: renderTemplate(cancel, null, enc) });
    if (profile.ack.toPad) this.exact.push({ kind: 'key_ack', payload: renderTemplate(profile.ack.toPad, null, enc) });
    for (const [name, t] of prompts) this.exact.push({ kind: `prompt:${name}`, payload: renderTemplate(t, null, enc) });
    transport.onData((chunk) => this.receive(chunk));
  }

  open(): Promise<void> {
    return this.transport.open();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Sends the key frame of the first key the profile maps to this level. */
  press(level: RatingLevel): Promise<void> {
    const key = this.keys.find((k) => k.level === level);
    if (!key) throw new Error(`profile ${this.profile.id} has no key for ${level}`);
    return this.sendPayload(patternExample(key.pattern));
  }

  /** Frames any payload (an unknown key, a vendor extension) and sends it. */
  sendPayload(payload: Uint8Array): Promise<void> {
    return this.transport.write(encodeFrame(this.framing, payload));
  }

  /** Sends bytes as they are: line noise, truncated or corrupted frames. */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  count(kind: PadCommandKind): number {
    return this.received.filter((c) => c.kind === kind).length;
  }

  /** Resolves when `count` commands of this kind have been received in total (safety timeout in real ms). */
  waitFor(kind: PadCommandKind, count = 1, timeoutMs = 5000): Promise<ReceivedPadCommand> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const all = this.received.filter((c) => c.kind === kind);
        if (all.length < count) return false;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(all[count - 1]!);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`emulator: no ${kind} #${count} within ${timeoutMs} ms (received ${this.received.map((c) => c.kind).join(', ') || 'nothing'})`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  private receive(chunk: Uint8Array): void {
    for (const r of this.decoder.push(chunk, Date.now())) {
      if (r.kind === 'error') {
        this.decodeErrors.push(`${r.error.code}: ${r.error.message}`);
        continue;
      }
      const command = { kind: this.classify(r.payload), payload: r.payload };
      this.received.push(command);
      if (command.kind === 'start') this.showingPrompt = true;
      if (command.kind === 'cancel' || command.kind === 'key_ack') this.showingPrompt = false;
      if ((command.kind === 'start' || command.kind === 'cancel') && this.profile.ack.fromPad && this.options.autoAck !== false) {
        void this.sendPayload(patternExample(this.profile.ack.fromPad)).catch(() => undefined);
      }
      for (const w of [...this.waiters]) w();
    }
  }

  private classify(payload: Uint8Array): PadCommandKind {
    const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
    const hit = this.exact.find((e) => same(e.payload, payload));
    if (hit) return hit.kind;
    const start = this.profile.commands.start;
    if (start && payload.length >= start.fixedPrefix.length && start.fixedPrefix.every((v, i) => payload[i] === v)) return 'start';
    return 'unknown';
  }
}

/** The emulator on a serial port path (the device side of a socat pty pair). */
export function serialPadEmulator(profile: RatingProfile, path: string, options: { autoAck?: boolean } = {}): FramePadEmulator {
  if (profile.transport.kind !== 'serial') throw new Error(`profile ${profile.id} is not a serial pad`);
  const { baudRate, dataBits, parity, stopBits } = profile.transport;
  return new FramePadEmulator(profile, new SerialTransport({ path, baudRate, dataBits, parity, stopBits }), options);
}
