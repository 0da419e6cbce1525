// A HID rating pad for tests and the headless demo. Real HID cannot be
// emulated on these machines (no /dev/uhid, no virtual USB), so this fake
// stands in for node-hid behind the HidBackend seam of HidTransport: reports
// go through the same HidTransport → report parser → RatingPad path as a
// real pad's. What it cannot show: hidraw permissions, report descriptors,
// and node-hid's own threading.
import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from '../../transports/hid.js';
import type { RatingLevel } from '../contract.js';
import type { RatingProfile } from '../profile.js';

export class FakeHidPad implements HidDeviceHandle {
  readonly written: Uint8Array[] = [];
  closed = false;
  private dataListeners: ((report: Uint8Array) => void)[] = [];
  private errorListeners: ((err: Error) => void)[] = [];

  constructor(private readonly profile: RatingProfile) {
    if (profile.input.kind !== 'hid_report') throw new Error(`FakeHidPad needs a hid_report profile, not ${profile.input.kind}`);
  }

  on(event: 'data', listener: (report: Uint8Array) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((err: Error) => void)): this {
    if (event === 'data') this.dataListeners.push(listener as (report: Uint8Array) => void);
    else this.errorListeners.push(listener as (err: Error) => void);
    return this;
  }

  async write(values: number[] | Uint8Array): Promise<number> {
    if (this.closed) throw new Error('Cannot write to hid device');
    this.written.push(Uint8Array.from(values));
    return values.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dataListeners = [];
    this.errorListeners = [];
  }

  /** Delivers one input report exactly as given (report id byte included when numbered). */
  sendReport(report: Uint8Array): void {
    if (this.closed) return;
    for (const l of this.dataListeners) l(Uint8Array.from(report));
  }

  /** Press and release of the first key the profile maps to this level. */
  press(level: RatingLevel): void {
    const input = this.profile.input;
    if (input.kind !== 'hid_report') return;
    const usage = [...input.keys].find(([, l]) => l === level)?.[0];
    if (usage === undefined) throw new Error(`profile ${this.profile.id} has no usage for ${level}`);
    this.sendReport(this.report([usage]));
    if (input.layout.pressDetection === 'on_change') this.sendReport(this.report([]));
  }

  /** A report with these usages in the key slots, per the profile's layout. */
  report(usages: readonly number[]): Uint8Array {
    const input = this.profile.input;
    if (input.kind !== 'hid_report') return new Uint8Array(0);
    const { reportId, keysOffset, keysCount } = input.layout;
    const body = new Uint8Array(keysOffset + keysCount);
    usages.slice(0, keysCount).forEach((u, i) => (body[keysOffset + i] = u));
    return reportId === null ? body : Uint8Array.of(reportId, ...body);
  }

  /** What node-hid does when the pad is pulled out: an 'error' from the read loop. */
  unplug(): void {
    const listeners = this.errorListeners;
    this.closed = true;
    for (const l of listeners) l(new Error('could not read from HID device'));
  }
}

/** A USB bus with at most one pad: plug, unplug and replug it between opens. */
export class FakeHidBus {
  private current: { info: HidDeviceInfo; pad: FakeHidPad } | null = null;
  opens = 0;

  plug(profile: RatingProfile, path = '/dev/hidraw-fake0'): FakeHidPad {
    if (profile.transport.kind !== 'hid') throw new Error(`profile ${profile.id} is not a HID pad`);
    const t = profile.transport;
    const pad = new FakeHidPad(profile);
    this.current = { info: { vendorId: t.vendorId, productId: t.productId, usagePage: t.usagePage, usage: t.usage, interface: 0, path }, pad };
    return pad;
  }

  unplug(): void {
    const pad = this.current?.pad;
    this.current = null;
    pad?.unplug();
  }

  readonly backend = async (): Promise<HidBackend> => ({
    devices: async (vendorId, productId) =>
      this.current && this.current.info.vendorId === vendorId && this.current.info.productId === productId ? [this.current.info] : [],
    open: async (path) => {
      if (!this.current || this.current.info.path !== path) throw new Error(`cannot open device with path ${path}`);
      this.opens++;
      return this.current.pad;
    },
  });
}
