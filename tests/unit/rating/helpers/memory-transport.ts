// An in-memory ByteTransport for driver unit tests: the test plays the device
// by delivering chunks, reads what the driver wrote, and pulls the plug.
import { DeviceError, type ByteTransport } from '../../../../drivers/contract.js';
import { TransportListeners } from '../../../../drivers/transports/listeners.js';

export class MemoryTransport implements ByteTransport {
  readonly description = 'memory pad';
  readonly written: Uint8Array[] = [];
  /** While false, open() fails as if the device were unplugged. */
  present = true;
  opens = 0;
  private open_ = false;
  private readonly listeners = new TransportListeners();

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (!this.present) throw new DeviceError('open_failed', 'cannot open memory pad: No such file or directory');
    this.opens++;
    this.open_ = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new DeviceError('disconnected', 'memory pad is not open');
    this.written.push(Uint8Array.from(bytes));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.listeners.close(null);
  }

  /** The device sends bytes. */
  deliver(bytes: Uint8Array | readonly number[]): void {
    this.listeners.data(Uint8Array.from(bytes));
  }

  /** The cable is pulled: the link closes and stays absent until replug(). */
  unplug(): void {
    this.present = false;
    if (!this.open_) return;
    this.open_ = false;
    this.listeners.close(new Error('device vanished'));
  }

  replug(): void {
    this.present = true;
  }

  /** Everything written so far, as hex strings, one per write. */
  writtenHex(): string[] {
    return this.written.map((w) => Array.from(w, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' '));
  }
}

export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (h) => parseInt(h, 16));
}
