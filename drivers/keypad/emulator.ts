// Emulator of the keypads on one line, speaking the 68-frame protocol on the
// device side (the far end of a socat pty pair in tests and the demo). One
// emulator plays every address on the bus, as the keypads share the wire.
// It records what the host sends (acks, display text) per address.
import type { ByteTransport } from '../contract.js';
import { SerialTransport } from '../transports/serial.js';
import { encodeKeypadFrame, KeypadFrameDecoder, type KeypadFrame } from './codec.js';
import type { KeypadAction } from './contract.js';
import type { KeypadProfile } from './profile.js';

export class KeypadEmulator {
  readonly received: KeypadFrame[] = [];
  readonly decodeErrors: string[] = [];
  /** Last text shown on each keypad's display, by address. */
  readonly displays = new Map<number, string>();
  private readonly decoder: KeypadFrameDecoder;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly profile: KeypadProfile,
    private readonly transport: ByteTransport,
  ) {
    this.decoder = new KeypadFrameDecoder(profile.frame);
    transport.onData((chunk) => this.receive(chunk));
  }

  open(): Promise<void> {
    return this.transport.open();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Sends the key frame of the first key the profile maps to this action (wildcards sent as 00). */
  press(address: number, action: KeypadAction): Promise<void> {
    const key = this.profile.keys.find((k) => k.action === action);
    if (!key) throw new Error(`profile ${this.profile.id} has no key for ${action}`);
    const data = Uint8Array.from(key.data ?? [], (b) => b ?? 0);
    return this.sendFrame({ address, command: key.command, data });
  }

  sendFrame(frame: KeypadFrame): Promise<void> {
    return this.transport.write(encodeKeypadFrame(this.profile.frame, frame));
  }

  /** Line noise, truncated or corrupted frames, as they are. */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  acks(address: number): number {
    const ack = this.profile.ack;
    return ack ? this.received.filter((f) => f.address === address && f.command === ack.command).length : 0;
  }

  /** Resolves when `predicate` holds over what was received (safety timeout in real ms). */
  waitUntil(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return false;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`keypad emulator: ${what} did not happen within ${timeoutMs} ms`));
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
      this.received.push(r.frame);
      if (this.profile.display && r.frame.command === this.profile.display.command) this.displays.set(r.frame.address, new TextDecoder().decode(r.frame.data));
    }
    for (const w of [...this.waiters]) w();
  }
}

export function serialKeypadEmulator(profile: KeypadProfile, path: string): KeypadEmulator {
  if (profile.transport.kind !== 'serial') throw new Error(`profile ${profile.id} is not a serial keypad`);
  const { baudRate, dataBits, parity, stopBits } = profile.transport;
  return new KeypadEmulator(profile, new SerialTransport({ path, baudRate, dataBits, parity, stopBits }));
}
