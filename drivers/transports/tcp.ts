// Raw TCP transport: network printers on port 9100, network rating pads.
// Contract as ByteTransport; keep-alive is on so a pulled cable is noticed.
import net from 'node:net';
import { DeviceError, type ByteTransport } from '../contract.js';
import { TransportListeners } from './listeners.js';

export interface TcpOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class TcpTransport implements ByteTransport {
  readonly description: string;
  private socket: net.Socket | null = null;
  private readonly listeners = new TransportListeners();

  constructor(private readonly options: TcpOptions) {
    this.description = `tcp ${options.host}:${options.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new DeviceError('open_failed', `${this.description}: no connection within ${this.options.connectTimeoutMs ?? 3000} ms`));
      }, this.options.connectTimeoutMs ?? 3000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 5000);
        this.socket = socket;
        socket.on('data', (chunk) => this.listeners.data(new Uint8Array(chunk)));
        socket.on('close', (hadError) => {
          if (this.socket === socket) this.socket = null;
          this.listeners.close(hadError ? new DeviceError('disconnected', `${this.description} closed with an error`) : null);
        });
        resolve();
      });
      socket.on('error', (err) => {
        clearTimeout(timer);
        if (this.socket !== socket) reject(new DeviceError('open_failed', `cannot connect ${this.description}: ${err.message}`, err));
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new DeviceError('disconnected', `${this.description} is not connected`));
    return new Promise((resolve, reject) => {
      socket.write(Buffer.from(bytes), (err) =>
        err ? reject(new DeviceError('disconnected', `write to ${this.description} failed: ${err.message}`, err)) : resolve(),
      );
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
