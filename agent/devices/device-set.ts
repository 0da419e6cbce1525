// The devices of one terminal as the agent runs them: opens what the effective
// configuration lists, reopens a device whose declaration changed, closes one
// that was removed, and reports every device with its health on any change.
// Contract: apply() never throws for a device that cannot open (it is listed
// with a fault); calls to apply() and close() are serialised.
import type { LocalDeviceConfig } from '../../protocol/devices.js';
import type { AgentDeviceReport } from '../../protocol/agent.js';
import { openDevice, type DeviceHandle } from './open-device.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('agent-devices');

export class DeviceSet {
  private readonly handles = new Map<string, { declaration: string; handle: DeviceHandle; off: () => void }>();
  private readonly listeners = new Set<(devices: AgentDeviceReport[]) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** While > 0, health changes are not reported: a device's first connection attempt is not a fault to log. */
  private muted = 0;

  /** `wire` connects a freshly opened device to the agent's link; its result undoes that when the device closes. */
  constructor(private readonly wire: (handle: DeviceHandle) => () => void = () => () => {}) {}

  /** Opens, reopens and closes devices so that exactly `devices` run. */
  apply(devices: readonly LocalDeviceConfig[], printerProfiles: readonly unknown[]): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      const wanted = new Map(devices.map((d) => [d.id, d]));
      const profiles = JSON.stringify(printerProfiles);
      for (const [id, entry] of [...this.handles]) {
        const next = wanted.get(id);
        if (next && declarationOf(next, profiles) === entry.declaration) continue;
        entry.off();
        this.handles.delete(id);
        await entry.handle.close().catch((err: unknown) => log.error(`closing ${id} failed`, { err }));
      }
      const opening = [...wanted.values()].filter((d) => !this.handles.has(d.id));
      this.muted++;
      const opened = await Promise.all(opening.map((d) => openDevice(d, { printerProfiles })));
      opened.forEach((handle, i) => {
        const offHealth = handle.onHealth(() => this.changed());
        const unwire = this.wire(handle);
        const off = () => {
          offHealth();
          unwire();
        };
        this.handles.set(opening[i]!.id, { declaration: declarationOf(opening[i]!, profiles), handle, off });
      });
      // One report once the new devices made their first connection attempt (≤ 3 s), not one per step.
      await this.settle();
      this.muted--;
      this.changed();
    });
  }

  get(id: string): DeviceHandle | undefined {
    return this.handles.get(id)?.handle;
  }

  all(): DeviceHandle[] {
    return [...this.handles.values()].map((e) => e.handle);
  }

  of<K extends DeviceHandle['kind']>(kind: K): Extract<DeviceHandle, { kind: K }>[] {
    return this.all().filter((h): h is Extract<DeviceHandle, { kind: K }> => h.kind === kind);
  }

  reports(): AgentDeviceReport[] {
    return this.all().map((h) => ({
      id: h.config.id,
      kind: h.config.kind,
      model: h.config.model,
      transport: h.transportText,
      emulated: h.emulated,
      health: { ...h.health() },
      ...(h.kind === 'printer' && { printerProfile: h.profile as unknown as Record<string, unknown> }),
      ...(h.kind === 'keypad' && { keypadCounters: h.addresses.map((a) => a.counterNumber) }),
    }));
  }

  onChange(listener: (devices: AgentDeviceReport[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits (≤ timeoutMs) until no device is still making its first connection attempt. */
  async settle(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const connecting = () => this.all().some((h) => h.kind !== 'unavailable' && ['disconnected', 'not_open', 'connecting'].includes(h.health().code));
    while (connecting() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  close(): Promise<void> {
    return this.serial(async () => {
      this.closed = true;
      this.listeners.clear();
      const entries = [...this.handles.values()];
      this.handles.clear();
      for (const e of entries) e.off();
      await Promise.all(entries.map((e) => e.handle.close().catch((err: unknown) => log.error(`closing ${e.handle.config.id} failed`, { err }))));
    });
  }

  private changed(): void {
    if (this.muted > 0) return;
    const reports = this.reports();
    for (const l of this.listeners) l(reports);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A device is reopened when anything about it changes (for printers, also the custom profiles). */
function declarationOf(d: LocalDeviceConfig, profiles: string): string {
  return JSON.stringify(d) + (d.kind === 'printer' ? profiles : '');
}
