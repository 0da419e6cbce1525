// The driver against the printer emulator over real OS serial ports (socat pty pairs).
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../../../drivers/printer/decoder.js';
import { startPrinterEmulator } from '../../../drivers/printer/emulator.js';
import { TicketPrinter } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { SerialTransport } from '../../../drivers/transports/serial.js';
import { UsbLpTransport } from '../../../drivers/transports/usb-lp.js';
import { createPtyPair } from '../../helpers/pty.js';
import { greenChannelRealName, walkInFirstOfDay } from '../../unit/printer/ticket-fixtures.js';
import { healthBecomes, quickTimings } from './helpers.js';

const snbc = loadPrinterProfile('snbc-bk-t080');
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe('ticket printer over a serial port (socat pty pair)', () => {
  it('prints a ticket that decodes back, and refuses while the paper is out', async () => {
    const pty = await createPtyPair();
    const emulator = await startPrinterEmulator({ transport: 'serial', path: pty.b, profile: snbc });
    const printer = new TicketPrinter({ transport: new SerialTransport({ path: pty.a, baudRate: 115200 }), profile: snbc, ...quickTimings });
    cleanup.push(() => pty.close(), () => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');

    expect(await printer.printTicket(greenChannelRealName)).toMatchObject({ ok: true });
    const [job] = await emulator.waitForJobs(1);
    const doc = decodeEscPos(job!);
    expect(textLines(doc.elements).slice(0, 4)).toEqual(['鄂尔多斯市政务服务中心', '-'.repeat(48), 'A012', '【老年人】绿色通道']);
    expect(doc.elements.find((e) => e.kind === 'qr')).toMatchObject({ content: greenChannelRealName.qrContent });
    expect(doc.elements[doc.elements.length - 1]).toEqual({ kind: 'cut', mode: 'full' });

    emulator.setState({ paperOut: true });
    await healthBecomes(printer, 'paper_out');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'paper_out', printed: 'none' });
  });

  it('a USB-serial cable pulled and plugged back: the port vanishes, the driver re-opens it by itself', async () => {
    const emulator = await startPrinterEmulator({ transport: 'serial', profile: snbc });
    const printer = new TicketPrinter({ transport: new SerialTransport({ path: emulator.driverPath!, baudRate: 115200 }), profile: snbc, ...quickTimings });
    cleanup.push(() => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');

    await emulator.unplug();
    // A pty reports the loss only on the next write: the status poll makes that write.
    await healthBecomes(printer, 'disconnected');
    await emulator.replug();
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
    expect(await emulator.waitForJobs(1)).toHaveLength(1);
  });

  it('a printer that goes silent (powered off behind a live adapter) reads as offline', async () => {
    const pty = await createPtyPair();
    const emulator = await startPrinterEmulator({ transport: 'serial', path: pty.b, profile: snbc });
    const printer = new TicketPrinter({ transport: new SerialTransport({ path: pty.a, baudRate: 115200 }), profile: snbc, ...quickTimings });
    cleanup.push(() => pty.close(), () => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');
    await emulator.unplug();
    await healthBecomes(printer, 'offline');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'offline', printed: 'none' });
    await emulator.replug();
    await healthBecomes(printer, 'ok');
  });
});

describe('USB printer-class file transport (a pty stands in for /dev/usb/lp0)', () => {
  it('writes jobs and reads status replies on the same non-blocking descriptor', async () => {
    const pty = await createPtyPair();
    const emulator = await startPrinterEmulator({ transport: 'serial', path: pty.b, profile: snbc });
    const printer = new TicketPrinter({ transport: new UsbLpTransport({ path: pty.a, readPollMs: 5 }), profile: snbc, ...quickTimings });
    cleanup.push(() => pty.close(), () => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
    const [job] = await emulator.waitForJobs(1);
    expect(textLines(decodeEscPos(job!).elements)).toContain('C001');
    emulator.setState({ paperNearEnd: true });
    await healthBecomes(printer, 'paper_near_end');
  });

  it('a path that does not exist fails to open with open_failed, and the driver keeps retrying', async () => {
    const transport = new UsbLpTransport({ path: '/nonexistent/usb/lp9' });
    await expect(transport.open()).rejects.toMatchObject({ code: 'open_failed' });
    const printer = new TicketPrinter({ transport, profile: snbc, ...quickTimings });
    cleanup.push(() => printer.stop());
    printer.start();
    expect(printer.health()).toMatchObject({ code: 'disconnected' });
    expect(await printer.printRaw(Uint8Array.of(0x41, 0x0a))).toMatchObject({ ok: false, code: 'disconnected', printed: 'none' });
  });

  it('without a back channel (readsStatus: false) prints unconfirmed and says so', async () => {
    const pty = await createPtyPair();
    const emulator = await startPrinterEmulator({ transport: 'serial', path: pty.b, profile: snbc });
    const printer = new TicketPrinter({ transport: new UsbLpTransport({ path: pty.a, readPollMs: 0 }), profile: snbc, readsStatus: false, ...quickTimings });
    cleanup.push(() => pty.close(), () => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'status_unknown');
    const outcome = await printer.printTicket(walkInFirstOfDay);
    expect(outcome).toMatchObject({ ok: true, warnings: [{ code: 'status_unavailable' }] });
    expect(await emulator.waitForJobs(1)).toHaveLength(1);
  });
});
