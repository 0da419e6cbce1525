// HID transport over node-hid (hidraw/libusb): input reports in, output reports out.
// Contract: as ByteTransport, with one addition: each onData chunk is exactly
// one input report (numbered reports keep their report id as the first byte),
// because HID is message-based and report parsers rely on report boundaries.
// Danger: node-hid is a native module that needs libusb-1.0 on Linux. It is
// imported lazily, on the first open(), so a missing library makes only this
// device unavailable (DeviceError 'unavailable') and never stops the process.
// Danger: a node-hid device emits 'error' when unplugged; an 'error' without a
// listener would crash the process, so one is attached before anything else.
import { DeviceError, type ByteTransport } from '../contract.js';
import { TransportListeners } from './listeners.js';

/** The part of node-hid's HIDAsync this transport uses; fakes implement it in tests. */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  write(values: number[] | Uint8Array): Promise<number>;
  close(): Promise<void>;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface: number;
  product?: string | undefined;
}

export interface HidBackend {
  devices(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceHandle>;
}

export interface HidOptions {
  vendorId: number;
  productId: number;
  /** Select one interface of a composite device. */
  usagePage?: number;
  usage?: number;
  /** Pin one device when several identical pads are attached (the hidraw path from enumeration). */
  path?: string;
  /** Injected in tests; defaults to node-hid, loaded on first use. */
  backend?: () => Promise<HidBackend>;
}

let nodeHid: Promise<HidBackend> | null = null;

/** node-hid as a HidBackend. Rejects DeviceError('unavailable') when the native module cannot load. */
export function loadNodeHidBackend(): Promise<HidBackend> {
  nodeHid ??= (async () => {
    try {
      const hid = await import('node-hid');
      hid.getHidapiVersion(); // forces the native binding to load now, not on the first enumeration
      return {
        devices: (vendorId, productId) => hid.devicesAsync(vendorId, productId),
        open: (path) => hid.HIDAsync.open(path) as unknown as Promise<HidDeviceHandle>,
      } satisfies HidBackend;
    } catch (err) {
      nodeHid = null;
      throw new DeviceError('unavailable', `node-hid cannot load (is libusb-1.0 installed?): ${(err as Error).message}`, err);
    }
  })();
  return nodeHid;
}

export class HidTransport implements ByteTransport {
  readonly description: string;
  private handle: HidDeviceHandle | null = null;
  private readonly listeners = new TransportListeners();

  constructor(private readonly options: HidOptions) {
    const id = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    this.description = `hid ${id}${options.usagePage !== undefined ? ` page ${hex4(options.usagePage)}` : ''}${options.path ? ` ${options.path}` : ''}`;
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    const backend = await (this.options.backend ?? loadNodeHidBackend)();
    const { vendorId, productId, usagePage, usage, path } = this.options;
    let found: HidDeviceInfo[];
    try {
      found = await backend.devices(vendorId, productId);
    } catch (err) {
      throw new DeviceError('open_failed', `cannot enumerate HID devices: ${(err as Error).message}`, err);
    }
    const match = found.find(
      (d) =>
        d.path !== undefined &&
        (usagePage === undefined || d.usagePage === usagePage) &&
        (usage === undefined || d.usage === usage) &&
        (path === undefined || d.path === path),
    );
    if (!match?.path) throw new DeviceError('not_found', `no HID device matches ${this.description}`);
    let handle: HidDeviceHandle;
    try {
      handle = await backend.open(match.path);
    } catch (err) {
      const message = (err as Error).message;
      // hidapi often says only "cannot open device": on Linux that is usually a hidraw node without a udev rule (see docs).
      const code = /permission|EACCES/i.test(message) ? 'permission_denied' : 'open_failed';
      throw new DeviceError(code, `cannot open ${match.path}: ${message}`, err);
    }
    this.handle = handle;
    handle.on('error', (err) => this.lost(handle, err));
    handle.on('data', (report) => {
      if (this.handle === handle) this.listeners.data(new Uint8Array(report));
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new DeviceError('disconnected', `${this.description} is not open`);
    try {
      await handle.write(Array.from(bytes));
    } catch (err) {
      this.lost(handle, err as Error);
      throw new DeviceError('disconnected', `write to ${this.description} failed: ${(err as Error).message}`, err);
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = null;
    await handle.close().catch(() => undefined);
    this.listeners.close(null);
  }

  private lost(handle: HidDeviceHandle, err: Error): void {
    if (this.handle !== handle) return;
    this.handle = null;
    void handle.close().catch(() => undefined);
    this.listeners.close(new DeviceError('disconnected', `${this.description} was lost: ${err.message}`, err));
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
