// The hall service's view of devices: print a ticket at a kiosk, and whether
// printing is available. Contract: printTicket never throws and never loses
// the ticket — a failed print is an outcome the kiosk shows in plain words.
import type { DeviceDTO, PrintOutcomeDTO, TicketDTO } from '../api/dto.js';

export interface HallDevices {
  /** `progressUrl`: the absolute address the ticket's QR code opens (phones cannot follow a relative one). */
  printTicket(kioskId: string, ticket: TicketDTO, progressUrl: string): Promise<PrintOutcomeDTO>;
  /** For the hall overview: false while no printer can print (the kiosk shows numbers on screen). */
  printingStatus(kioskId?: string): { available: boolean; reason: string | null };
  /** Every device with its health, for terminals and the technician. */
  list(): DeviceDTO[];
  close(): Promise<void>;
}

/** No printers configured: every ticket is shown on screen only. */
export const noDevices: HallDevices = {
  printTicket: async () => ({ status: 'no_printer', code: 'no_printer', message: 'this kiosk has no ticket printer' }),
  printingStatus: () => ({ available: false, reason: 'no_printer' }),
  list: () => [],
  close: async () => {},
};
