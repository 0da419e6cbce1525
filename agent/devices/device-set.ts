// The hall's devices: opens what the configuration declares, keeps every
// device's health current (and tells every terminal when it changes), and is
// the HallDevices the API prints through. Wiring of device events into the
// hall (cards, rating presses, keypad keys) lives in device-wiring.ts.
import type { DeviceDTO, PrintOutcomeDTO, TicketDTO } from '../api/dto.js';
import type { HallConfig } from '../config/schema.js';
import type { HallDevices } from './hall-devices.js';
import { openDevice, type DeviceHandle } from './open-devices.js';
import { ticketPrintJob } from './ticket-job.js';

export class DeviceManager implements HallDevices {
  private readonly listeners = new Set<(devices: DeviceDTO[]) => void>();

  private constructor(
    private readonly config: HallConfig,
    readonly handles: DeviceHandle[],
  ) {
    for (const h of handles) h.onHealth(() => this.changed());
  }

  static async open(config: HallConfig): Promise<DeviceManager> {
    const handles = await Promise.all(config.devices.map((d) => openDevice(d)));
    const manager = new DeviceManager(config, handles);
    await manager.settle();
    return manager;
  }

  /** Waits (≤ 3 s) until every device has made its first connection attempt, so the first ticket can print. */
  private async settle(): Promise<void> {
    const deadline = Date.now() + 3000;
    const connecting = () => this.handles.some((h) => ['disconnected', 'not_open', 'connecting'].includes(h.health().code) && h.kind !== 'unavailable');
    while (connecting() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  byId(id: string): DeviceHandle | undefined {
    return this.handles.find((h) => h.config.id === id);
  }

  of<K extends DeviceHandle['kind']>(kind: K, terminalId: string): Extract<DeviceHandle, { kind: K }> | undefined {
    return this.handles.find((h) => h.kind === kind && h.config.terminalId === terminalId) as Extract<DeviceHandle, { kind: K }> | undefined;
  }

  list(): DeviceDTO[] {
    const counterOf = new Map(this.config.terminals.map((t) => [t.id, t.counterId ?? null]));
    return this.handles.map((h) => ({
      id: h.config.id,
      terminalId: h.config.terminalId,
      counterId: counterOf.get(h.config.terminalId) ?? null,
      kind: h.config.kind,
      model: h.config.model,
      transport: h.transportText,
      emulated: h.emulated,
      health: { ...h.health() },
    }));
  }

  onChange(listener: (devices: DeviceDTO[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const devices = this.list();
    for (const l of this.listeners) l(devices);
  }

  async printTicket(kioskId: string, ticket: TicketDTO, progressUrl: string): Promise<PrintOutcomeDTO> {
    const printer = this.of('printer', kioskId);
    if (!printer) return { status: 'no_printer', code: 'no_printer', message: `kiosk ${kioskId} has no ticket printer` };
    const outcome = await printer.printer.printTicket(ticketPrintJob(this.config, ticket, progressUrl));
    return outcome.ok ? { status: 'printed', code: null, message: null } : { status: 'failed', code: outcome.code, message: outcome.message };
  }

  printingStatus(kioskId?: string): { available: boolean; reason: string | null } {
    const printers = this.handles.filter((h) => h.config.kind === 'printer' && (!kioskId || h.config.terminalId === kioskId));
    if (printers.length === 0) return { available: false, reason: 'no_printer' };
    const fault = printers.map((p) => p.health()).find((h) => h.state === 'fault');
    return fault ? { available: false, reason: fault.code } : { available: true, reason: null };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all(this.handles.map((h) => h.close().catch((err) => console.error(`closing ${h.config.id} failed:`, err))));
  }
}
