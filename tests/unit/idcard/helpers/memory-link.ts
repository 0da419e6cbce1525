// An in-memory ByteTransport wired to the real protocol model (SamDeviceModel):
// every byte still goes through the wire format, only the OS port is missing.
// Answers arrive after a per-command latency on the injected clock, so unit tests
// can run long polling sessions and unplug/replug without real ports. The pty
// integration tests cover the real serial path.
import type { ByteTransport, DriverClock } from '../../../../drivers/contract.js';
import { DeviceError } from '../../../../drivers/contract.js';
import { SamDeviceModel } from '../../../../drivers/idcard/emulator-core.js';
import { TransportListeners } from '../../../../drivers/transports/listeners.js';

export class MemoryReaderLink implements ByteTransport {
  readonly description = 'memory ID card reader';
  readonly model = new SamDeviceModel();
  readonly listeners = new TransportListeners();
  /** Times (clock ms) of every open() call. */
  readonly openAttempts: number[] = [];
  /** Requests seen by the device, in order. */
  readonly requests: string[] = [];
  latencyMs = 0;
  silent = false;
  /** Rewrites the next answer frame (noise, corruption), then clears itself. */
  mutateNext: ((frame: Uint8Array) => Uint8Array) | null = null;
  /** Rewrites every answer to `request` (fuzzing), until cleared. */
  rewrite: ((request: string, frame: Uint8Array) => Uint8Array) | null = null;
  private plugged = true;
  private open_ = false;

  constructor(private readonly clock: DriverClock) {}

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    this.openAttempts.push(this.clock.now());
    if (!this.plugged) throw new DeviceError('open_failed', 'no such device');
    this.open_ = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new DeviceError('disconnected', 'not open');
    for (const answer of this.model.receive(bytes)) {
      this.requests.push(answer.request);
      if (this.silent) continue;
      let frame = this.rewrite ? this.rewrite(answer.request, answer.frame) : answer.frame;
      if (this.mutateNext) {
        frame = this.mutateNext(frame);
        this.mutateNext = null;
      }
      this.clock.setTimeout(() => {
        if (this.open_) this.listeners.data(frame);
      }, this.latencyMs);
    }
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

  unplug(): void {
    this.plugged = false;
    if (this.open_) {
      this.open_ = false;
      this.listeners.close(new Error('device unplugged'));
    }
  }

  replug(): void {
    this.plugged = true;
  }
}
