// The caller keypad driver: key frames from the keypads on one line →
// counter actions for the hall.
// Rules it enforces:
// - a frame becomes an action only if it is well-formed, its address is in
//   the installation's map and its key is in that keypad's key map;
// - the same key from the same keypad within debounceMs is one press, so a
//   bouncing key or a keypad retransmitting an unacknowledged frame never
//   calls two tickets;
// - every key frame from a known keypad is acknowledged (if the profile says
//   so), duplicates included: the keypad retransmits until it hears the ack.
import { DeviceError, systemDriverClock, type ByteTransport, type DeviceHealth, type DriverClock } from '../contract.js';
import { Emitter } from '../emitter.js';
import { LinkSupervisor } from '../rating/link-supervisor.js';
import { stripControls } from '../rating/template.js';
import { encodeKeypadFrame, KeypadFrameDecoder, type KeypadDecodeResult, type KeypadFrame } from './codec.js';
import type { CallerKeypadDriver, KeypadActionEvent } from './contract.js';
import { matchKey, type KeypadAddress, type KeypadProfile } from './profile.js';

export interface CallerKeypadOptions {
  profile: KeypadProfile;
  /** From parseKeypadAddresses: which counter each keypad address belongs to. */
  addresses: readonly KeypadAddress[];
  transport: ByteTransport;
  clock?: DriverClock;
}

export class CallerKeypad implements CallerKeypadDriver {
  readonly profile: KeypadProfile;
  private readonly addresses: ReadonlyMap<number, KeypadAddress>;
  private readonly transport: ByteTransport;
  private readonly clock: DriverClock;
  private readonly link: LinkSupervisor;
  private readonly decoder: KeypadFrameDecoder;
  private readonly lastPress = new Map<string, number>();
  private flushTimer: { cancel(): void } | null = null;
  private readonly actions = new Emitter<KeypadActionEvent>();
  private readonly healths = new Emitter<DeviceHealth>();
  private readonly errors = new Emitter<DeviceError>();

  constructor(options: CallerKeypadOptions) {
    this.profile = options.profile;
    this.addresses = new Map(options.addresses.map((a) => [a.address, a]));
    this.transport = options.transport;
    this.clock = options.clock ?? systemDriverClock;
    this.decoder = new KeypadFrameDecoder(this.profile.frame);
    this.link = new LinkSupervisor(this.transport, this.clock, this.profile.reconnect);
    this.transport.onData((chunk) => this.receive(chunk));
    this.link.onHealth((h) => this.healths.emit(h));
    this.link.onOpened(() => this.decoder.reset());
  }

  get health(): DeviceHealth {
    return this.link.health;
  }

  open(): Promise<void> {
    return this.link.start();
  }

  async close(): Promise<void> {
    this.flushTimer?.cancel();
    this.flushTimer = null;
    await this.link.stop();
  }

  async showNumber(counterNumber: number, text: string): Promise<void> {
    const display = this.profile.display;
    if (!display) throw new DeviceError('not_supported', `keypad profile ${this.profile.id} has no display command`);
    const keypad = [...this.addresses.values()].find((a) => a.counterNumber === counterNumber);
    if (!keypad) throw new DeviceError('invalid_request', `no keypad is mapped to counter ${counterNumber}`);
    // LED displays show ASCII only; anything else would render as garbage segments.
    const ascii = Array.from(stripControls(text))
      .filter((c) => c.charCodeAt(0) < 0x80)
      .slice(0, display.maxChars)
      .join('');
    await this.send({ address: keypad.address, command: display.command, data: new TextEncoder().encode(ascii) });
  }

  onAction(listener: (event: KeypadActionEvent) => void): () => void {
    return this.actions.add(listener);
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    return this.healths.add(listener);
  }

  onError(listener: (error: DeviceError) => void): () => void {
    return this.errors.add(listener);
  }

  private async send(frame: KeypadFrame): Promise<void> {
    if (!this.link.isOpen) throw new DeviceError('disconnected', `caller keypad line ${this.transport.description} is not connected`);
    await this.transport.write(encodeKeypadFrame(this.profile.frame, frame));
  }

  private receive(chunk: Uint8Array): void {
    this.process(() => this.decoder.push(chunk, this.clock.now()));
    this.flushTimer?.cancel();
    this.flushTimer = null;
    if (this.decoder.pending > 0) {
      this.flushTimer = this.clock.setTimeout(() => {
        this.flushTimer = null;
        this.process(() => this.decoder.flush(this.clock.now()));
      }, this.profile.frame.interByteTimeoutMs);
    }
  }

  private process(decode: () => KeypadDecodeResult[]): void {
    let results: KeypadDecodeResult[];
    try {
      results = decode();
    } catch (err) {
      results = [{ kind: 'error', error: new DeviceError('decode_failed', `keypad decoder failed: ${(err as Error).message}`, err) }];
    }
    for (const r of results) {
      if (r.kind === 'error') this.errors.emit(r.error);
      else this.handleFrame(r.frame);
    }
  }

  private handleFrame(frame: KeypadFrame): void {
    const keypad = this.addresses.get(frame.address);
    if (!keypad) {
      this.errors.emit(new DeviceError('unknown_address', `key frame from keypad address ${frame.address}, which no counter is mapped to`));
      return;
    }
    const ack = this.profile.ack;
    const action = matchKey(keypad.keys ?? this.profile.keys, frame.command, frame.data);
    if (!action) {
      // Frames the host sent itself (acks, display) never come back on a point-to-point line; anything else is a key we do not know.
      this.errors.emit(new DeviceError('unknown_key', `keypad ${frame.address}: command ${frame.command} with data [${Array.from(frame.data).join(' ')}] is not in the key map`));
      return;
    }
    if (ack) {
      this.send({ address: frame.address, command: ack.command, data: ack.echoData ? frame.data : new Uint8Array(0) }).catch((err: unknown) =>
        this.errors.emit(err instanceof DeviceError ? err : new DeviceError('disconnected', String(err), err)),
      );
    }
    const at = this.clock.now();
    const key = `${frame.address}:${action}`;
    const previous = this.lastPress.get(key);
    this.lastPress.set(key, at);
    if (previous !== undefined && at - previous < this.profile.debounceMs) return;
    this.actions.emit({ address: frame.address, counterNumber: keypad.counterNumber, action, at });
  }
}
