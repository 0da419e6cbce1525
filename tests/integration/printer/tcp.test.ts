// The driver against the printer emulator over real TCP sockets on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../../../drivers/printer/decoder.js';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/printer/emulator.js';
import { TicketPrinter } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile, type PrinterProfile } from '../../../drivers/printer/profile.js';
import { TcpTransport } from '../../../drivers/transports/tcp.js';
import { greenChannelRealName, walkInFirstOfDay } from '../../unit/printer/ticket-fixtures.js';
import { healthBecomes, onlyStatusRequests, quickTimings } from './helpers.js';

const epson = loadPrinterProfile('generic-epson');
const snbc = loadPrinterProfile('snbc-bk-t080');
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setUp(profile: PrinterProfile = epson, emulatorOptions: { replyChunkBytes?: number; replyGapMs?: number } = {}) {
  const emulator: PrinterEmulator = await startPrinterEmulator({ transport: 'tcp', profile, ...emulatorOptions });
  const printer = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), profile, ...quickTimings });
  cleanup.push(() => emulator.close(), () => printer.stop());
  printer.start();
  await healthBecomes(printer, 'ok');
  return { emulator, printer };
}

describe('ticket printer over TCP (network printer on port 9100)', () => {
  it('prints a ticket that decodes back from the emulator\'s recording', async () => {
    const { emulator, printer } = await setUp();
    const outcome = await printer.printTicket(greenChannelRealName);
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
    const [job] = await emulator.waitForJobs(1);
    const doc = decodeEscPos(job!);
    expect(doc.issues).toEqual([]);
    expect(textLines(doc.elements)).toContain('A012');
    expect(textLines(doc.elements)).toContain('实名：150602********1234');
    expect(doc.elements.find((e) => e.kind === 'qr')).toMatchObject({ content: greenChannelRealName.qrContent });
    expect(outcome.ok && outcome.bytes).toBe(job!.length);
  });

  it('paper near end: health turns to a warning and tickets still print', async () => {
    const { emulator, printer } = await setUp();
    emulator.setState({ paperNearEnd: true });
    expect(await healthBecomes(printer, 'paper_near_end')).toMatchObject({ state: 'warning' });
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
  });

  it('paper out: the ticket is refused with paper_out and nothing is sent', async () => {
    const { emulator, printer } = await setUp();
    emulator.setState({ paperOut: true });
    expect(await healthBecomes(printer, 'paper_out')).toMatchObject({ state: 'fault' });
    const before = emulator.received().length;
    const outcome = await printer.printTicket(walkInFirstOfDay);
    expect(outcome).toMatchObject({ ok: false, code: 'paper_out', printed: 'none' });
    expect(onlyStatusRequests(emulator.received().subarray(before))).toBe(true);
    expect(emulator.jobs()).toHaveLength(0);
  });

  it('cover open: refused with cover_open; closing it recovers by itself', async () => {
    const { emulator, printer } = await setUp();
    emulator.setState({ coverOpen: true });
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'cover_open', printed: 'none' });
    emulator.setState({ coverOpen: false });
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
  });

  it('paper running out in the middle of a ticket is reported, not lost', async () => {
    const { emulator, printer } = await setUp();
    emulator.injectFaultDuringNextJob({ paperOut: true }, 120);
    const outcome = await printer.printTicket(greenChannelRealName);
    expect(outcome).toMatchObject({ ok: false, code: 'paper_out', printed: 'unknown' });
    expect(emulator.jobs()).toHaveLength(0);
    // New paper: the printer finishes the buffered ticket, and the next print works.
    emulator.setState({ paperOut: false });
    await emulator.waitForJobs(1);
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
    expect(emulator.jobs()).toHaveLength(2);
  });

  it('unplugged and plugged back: goes to disconnected, then recovers by itself', async () => {
    const { emulator, printer } = await setUp();
    await emulator.unplug();
    await healthBecomes(printer, 'disconnected');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'disconnected', printed: 'none' });
    await emulator.replug();
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
    expect(emulator.jobs()).toHaveLength(1);
  });

  it('status replies arriving one byte at a time are reassembled', async () => {
    const { emulator, printer } = await setUp(epson, { replyChunkBytes: 1, replyGapMs: 3 });
    emulator.setState({ paperNearEnd: true });
    await healthBecomes(printer, 'paper_near_end');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true });
    expect(await printer.refreshStatus()).toMatchObject({ paperNearEnd: true, paperOut: false, online: true });
  });

  it('SNBC kiosk printer: a paper jam is reported with its own code', async () => {
    const { emulator, printer } = await setUp(snbc);
    emulator.setState({ paperJam: true });
    await healthBecomes(printer, 'paper_jam');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'paper_jam', printed: 'none' });
  });

  it('concurrent tickets are printed one after another, each its own job', async () => {
    const { emulator, printer } = await setUp();
    const numbers = ['B001', 'B002', 'B003', 'B004'];
    const outcomes = await Promise.all(numbers.map((number) => printer.printTicket({ ...walkInFirstOfDay, number })));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const jobs = await emulator.waitForJobs(4);
    expect(jobs.map((j) => textLines(decodeEscPos(j).elements)[2])).toEqual(numbers);
  });

  it('an invalid ticket is refused before anything is sent', async () => {
    const { emulator, printer } = await setUp();
    const outcome = await printer.printTicket({ ...walkInFirstOfDay, maskedIdentity: '150602199001011234' });
    expect(outcome).toMatchObject({ ok: false, code: 'unmasked_identity', printed: 'none' });
    expect(emulator.jobs()).toHaveLength(0);
  });

  it('a printer that is not there yet: disconnected until it appears', async () => {
    const emulator = await startPrinterEmulator({ transport: 'tcp', profile: epson });
    const port = emulator.port!;
    await emulator.unplug();
    const printer = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port }), profile: epson, ...quickTimings });
    cleanup.push(() => emulator.close(), () => printer.stop());
    printer.start();
    expect(printer.health()).toMatchObject({ state: 'fault', code: 'disconnected' });
    await emulator.replug();
    await healthBecomes(printer, 'ok');
  });
});
