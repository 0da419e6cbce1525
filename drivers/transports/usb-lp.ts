// USB printer-class transport: the Linux usblp device file (/dev/usb/lp0…).
// Writes go to the file; replies are read from the same descriptor where the
// kernel allows it (bidirectional printers, USB printer protocol 2).
// Limits (document them to technicians):
// - One opener at a time: usblp refuses a second open (EBUSY), so a CUPS queue
//   on the same printer must be disabled.
// - The fd is non-blocking and polled for replies every `readPollMs`: a blocking
//   read would pin a libuv thread-pool thread forever. Reads that find nothing
//   (EAGAIN) are normal; a printer without a back channel never answers, so run
//   the driver with readsStatus: false (status then stays unknown).
// - The USB class status (paper empty / selected / error via ioctl LPGETSTATUS)
//   needs an ioctl, which Node cannot issue: status comes only from ESC/POS replies.
// - Unplugging makes reads and writes fail with ENODEV/EIO: that ends the link
//   (onClose) and the driver re-opens the path when it reappears.
import fs from 'node:fs';
import { DeviceError, type ByteTransport } from '../contract.js';
import { TransportListeners } from './listeners.js';

export interface UsbLpOptions {
  /** e.g. /dev/usb/lp0 (a udev symlink by serial number is better: lp numbers change on replug). */
  path: string;
  /** Poll period for replies; 0 disables reading. Default 20 ms. */
  readPollMs?: number;
  /** Give up a write that makes no progress (printer busy, EAGAIN) for this long. Default 10 000 ms. */
  writeStallMs?: number;
}

const RETRYABLE = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

export class UsbLpTransport implements ByteTransport {
  readonly description: string;
  private fd: number | null = null;
  private readTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new TransportListeners();
  private readonly buffer = Buffer.alloc(512);

  constructor(private readonly options: UsbLpOptions) {
    this.description = `usb-lp ${options.path}`;
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  async open(): Promise<void> {
    if (this.fd !== null) return;
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(this.options.path, fs.constants.O_RDWR | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY, (err, fd) =>
        err ? reject(new DeviceError('open_failed', `cannot open ${this.description}: ${err.code ?? err.message}`, err)) : resolve(fd),
      ),
    );
    this.fd = fd;
    const poll = this.options.readPollMs ?? 20;
    if (poll > 0) this.scheduleRead(poll);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const stallMs = this.options.writeStallMs ?? 10_000;
    let offset = 0;
    let lastProgress = Date.now();
    while (offset < bytes.length) {
      const fd = this.fd;
      if (fd === null) throw new DeviceError('disconnected', `${this.description} is not open`);
      try {
        const n = await new Promise<number>((resolve, reject) => fs.write(fd, bytes, offset, bytes.length - offset, null, (err, written) => (err ? reject(err) : resolve(written))));
        offset += n;
        if (n > 0) lastProgress = Date.now();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (!RETRYABLE.has(code)) {
          this.fail(err as Error);
          throw new DeviceError('disconnected', `write to ${this.description} failed: ${code || (err as Error).message}`, err);
        }
        if (Date.now() - lastProgress > stallMs) throw new DeviceError('write_stalled', `${this.description} accepted no data for ${stallMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const fd = this.fd;
    if (fd === null) return;
    this.stopReading();
    this.fd = null;
    await new Promise<void>((resolve) => fs.close(fd, () => resolve()));
    this.listeners.close(null);
  }

  private scheduleRead(pollMs: number): void {
    this.readTimer = setTimeout(() => {
      const fd = this.fd;
      if (fd === null) return;
      fs.read(fd, this.buffer, 0, this.buffer.length, null, (err, n) => {
        if (this.fd !== fd) return;
        if (err) {
          const code = err.code ?? '';
          if (!RETRYABLE.has(code)) return this.fail(err);
        } else if (n > 0) {
          this.listeners.data(new Uint8Array(this.buffer.subarray(0, n)));
          return this.scheduleRead(0);
        }
        this.scheduleRead(pollMs);
      });
    }, pollMs);
  }

  private stopReading(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
  }

  private fail(err: Error): void {
    const fd = this.fd;
    if (fd === null) return;
    this.stopReading();
    this.fd = null;
    fs.close(fd, () => undefined);
    this.listeners.close(new DeviceError('disconnected', `${this.description} failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`, err));
  }
}
