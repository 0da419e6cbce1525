// Ticket printing for kiosks: one TicketPrinter per kiosk, health kept current.
// Contract (HallDevices): printTicket never throws; the ticket is already
// durable when it is called, so a failed print only changes what the kiosk
// shows ("打印机缺纸…", number on screen) and alerts staff via a print_failed event.
import type { PrintOutcomeDTO, TicketDTO } from '../api/dto.js';
import type { HallConfig } from '../config/schema.js';
import { localParts } from '../domain/index.js';
import type { DeviceHealth } from '../../drivers/contract.js';
import type { TicketPrintJob, TicketPrinterDevice } from '../../drivers/printer/index.js';
import type { HallDevices } from './hall-devices.js';

export class KioskPrinters implements HallDevices {
  constructor(
    private readonly config: HallConfig,
    private readonly printers: Map<string, TicketPrinterDevice>,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    for (const p of printers.values()) p.start();
  }

  jobFor(ticket: TicketDTO, progressUrl: string): TicketPrintJob {
    return {
      hallName: this.config.hall.name,
      number: ticket.number,
      matterName: ticket.matterName,
      queueName: ticket.queueName,
      peopleAhead: ticket.peopleAhead,
      waitMinutes: { min: ticket.estimate.minMinutes, max: ticket.estimate.maxMinutes },
      issuedAtText: localParts(ticket.issuedAt, this.config.hall.utcOffsetMinutes).text,
      qrContent: progressUrl,
      notice: this.config.ticket.notice,
      ...(ticket.greenCategoryLabel ? { greenCategoryLabel: ticket.greenCategoryLabel } : {}),
    };
  }

  async printTicket(kioskId: string, ticket: TicketDTO, progressUrl: string): Promise<PrintOutcomeDTO> {
    const printer = this.printers.get(kioskId);
    if (!printer) return { status: 'no_printer', code: 'no_printer', message: `kiosk ${kioskId} has no ticket printer` };
    const outcome = await printer.printTicket(this.jobFor(ticket, progressUrl));
    return outcome.ok ? { status: 'printed', code: null, message: null } : { status: 'failed', code: outcome.code, message: outcome.message };
  }

  /** Resolves once every printer has made its first connection attempt (or after `timeoutMs`). */
  async ready(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.printers.values()].some((p) => p.health().code === 'disconnected') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  health(kioskId: string): DeviceHealth | null {
    return this.printers.get(kioskId)?.health() ?? null;
  }

  printingStatus(kioskId?: string): { available: boolean; reason: string | null } {
    const ids = kioskId ? [kioskId] : [...this.printers.keys()];
    const healths = ids.map((id) => this.printers.get(id)?.health()).filter((h) => h !== undefined);
    if (healths.length === 0) return { available: false, reason: 'no_printer' };
    const fault = healths.find((h) => h.state === 'fault');
    return fault ? { available: false, reason: fault.code } : { available: true, reason: null };
  }

  async close(): Promise<void> {
    await Promise.all([...this.printers.values()].map((p) => p.stop()));
    await this.onClose();
  }
}
