// The demo's devices: every kiosk gets an emulated ESC/POS printer that speaks
// the real wire protocol over a real TCP socket on 127.0.0.1 (like a network
// printer on port 9100), driven by the real TicketPrinter driver.
// Tests and the admin page reach the emulators through `emulators`.
import type { HallConfig } from '../config/schema.js';
import { TcpTransport } from '../../drivers/transports/tcp.js';
import { loadPrinterProfile, startPrinterEmulator, TicketPrinter, type PrinterEmulator, type TicketPrinterDevice } from '../../drivers/printer/index.js';
import { KioskPrinters } from './kiosk-printers.js';

export interface EmulatedDevices extends KioskPrinters {
  emulators: Map<string, PrinterEmulator>;
}

export async function emulatedDevices({ config }: { config: HallConfig }): Promise<EmulatedDevices> {
  const profile = loadPrinterProfile('snbc-bk-t080');
  const emulators = new Map<string, PrinterEmulator>();
  const printers = new Map<string, TicketPrinterDevice>();
  for (const kiosk of config.terminals.filter((t) => t.role === 'kiosk')) {
    const emulator = await startPrinterEmulator({ transport: 'tcp', profile });
    emulators.set(kiosk.id, emulator);
    printers.set(kiosk.id, new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), profile }));
  }
  const devices = new KioskPrinters(config, printers, async () => {
    await Promise.all([...emulators.values()].map((e) => e.close()));
  });
  await devices.ready();
  return Object.assign(devices, { emulators });
}
