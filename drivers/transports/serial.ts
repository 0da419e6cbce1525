// Serial transport over the real `serialport` package: USB-serial adapters,
// on-board UARTs, and socat pty pairs in tests.
// Danger: modem-line calls (DTR/RTS) fail on ptys, so none are made here;
// a device that needs them gets them from its own driver, optionally.
import { SerialPort } from 'serialport';
import { DeviceError, type ByteTransport } from '../contract.js';
import { TransportListeners } from './listeners.js';

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

export class SerialTransport implements ByteTransport {
  readonly description: string;
  private port: SerialPort | null = null;
  private readonly listeners = new TransportListeners();

  constructor(private readonly options: SerialOptions) {
    this.description = `serial ${options.path} @${options.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate,
      dataBits: this.options.dataBits ?? 8,
      parity: this.options.parity ?? 'none',
      stopBits: this.options.stopBits ?? 1,
      autoOpen: false,
      hupcl: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(new DeviceError('open_failed', `cannot open ${this.description}: ${err.message}`, err)) : resolve())),
    );
    this.port = port;
    let closed = false; // serialport can emit 'close' twice on a pty hangup; the contract says once
    port.on('data', (chunk: Buffer) => this.listeners.data(new Uint8Array(chunk)));
    port.on('error', () => {
      /* surfaced through 'close' or a failed write; an unhandled 'error' would crash the process */
    });
    port.on('close', (err: Error | null) => {
      if (closed) return;
      closed = true;
      if (this.port === port) this.port = null;
      this.listeners.close(err ?? null);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return Promise.reject(new DeviceError('disconnected', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(new DeviceError('disconnected', `write to ${this.description} failed: ${err.message}`, err));
        port.drain((drainErr) =>
          drainErr ? reject(new DeviceError('disconnected', `drain on ${this.description} failed: ${drainErr.message}`, drainErr)) : resolve(),
        );
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
