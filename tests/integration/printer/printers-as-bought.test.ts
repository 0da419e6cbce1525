// Printers as halls buy them (issue 9), over real TCP sockets on 127.0.0.1:
// one that answers real-time status (DLE EOT) but ignores the post-print GS r,
// one that answers nothing at all, and paper running out while the printer idles.
// Waits are checked through the injected clock (which timeouts the driver arms),
// never by timing anything.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../../../drivers/printer/decoder.js';
import { startPrinterEmulator, type PrinterEmulatorOptions } from '../../../drivers/printer/emulator.js';
import { CONFIRM_MISSES_BEFORE_GIVING_UP, TicketPrinter, type TicketPrinterOptions } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile, type PrinterProfile } from '../../../drivers/printer/profile.js';
import { TcpTransport } from '../../../drivers/transports/tcp.js';
import { walkInFirstOfDay } from '../../unit/printer/ticket-fixtures.js';
import { containsBytes, healthBecomes, onlyStatusRequests, quickTimings, recordingClock } from './helpers.js';

const epson = loadPrinterProfile('generic-epson');
const gs_r_1 = [0x1d, 0x72, 0x01];
const gs_a = [0x1d, 0x61];
const dle_eot = [0x10, 0x04];
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setUp(profile: PrinterProfile, emulatorOptions: Partial<PrinterEmulatorOptions>, driverOptions: Partial<TicketPrinterOptions> = {}) {
  const emulator = await startPrinterEmulator({ transport: 'tcp', profile, ...emulatorOptions });
  const clock = recordingClock();
  const printer = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), profile, ...quickTimings, replyTimeoutMs: 500, clock, ...driverOptions });
  cleanup.push(() => emulator.close(), () => printer.stop());
  printer.start();
  return { emulator, printer, clock };
}

/** The ticket number line of the nth job the emulator cut, decoded from the bytes it received. */
async function printedNumber(emulator: Awaited<ReturnType<typeof startPrinterEmulator>>, n: number): Promise<string> {
  const jobs = await emulator.waitForJobs(n);
  const doc = decodeEscPos(jobs[n - 1]!);
  expect(doc.issues).toEqual([]);
  return textLines(doc.elements)[2]!;
}

describe('a printer that answers DLE EOT but ignores GS r', () => {
  // Mutation checked: the old driver answered this case with { ok: false, code: 'print_unconfirmed' }
  // after printTimeoutMs (15 s); restoring that return fails the outcome expectations below.
  it('prints, and reports "printed, not confirmed" after confirmTimeoutMs; after repeated misses it stops asking', async () => {
    const { emulator, printer, clock } = await setUp(epson, { replies: 'realtime-only' }, { confirmTimeoutMs: 400, replyTimeoutMs: 1000 });
    await healthBecomes(printer, 'ok');

    const armedBefore = clock.armed.length;
    const first = await printer.printTicket({ ...walkInFirstOfDay, number: 'D001' });
    expect(first).toMatchObject({ ok: true, confirmed: false, warnings: [{ code: 'print_unconfirmed' }] });
    expect(await printedNumber(emulator, 1)).toBe('D001');
    // Bounded: the print armed the 400 ms confirmation wait and nothing longer than the status reply wait.
    const armed = clock.armed.slice(armedBefore);
    expect(armed).toContain(400);
    expect(Math.max(...armed)).toBeLessThanOrEqual(1000);
    expect(printer.health()).toMatchObject({ state: 'ok' });

    for (let i = 2; i <= CONFIRM_MISSES_BEFORE_GIVING_UP; i++) {
      expect(await printer.printTicket({ ...walkInFirstOfDay, number: `D00${i}` })).toMatchObject({ ok: true, confirmed: false });
    }
    // Given up on this connection: the next job carries no GS r and costs no confirmation wait.
    const sentBefore = emulator.received().length;
    const armedBeforeLast = clock.armed.length;
    const last = await printer.printTicket({ ...walkInFirstOfDay, number: 'D009' });
    expect(last).toMatchObject({ ok: true, confirmed: false, warnings: [{ code: 'print_unconfirmed' }] });
    expect(await printedNumber(emulator, CONFIRM_MISSES_BEFORE_GIVING_UP + 1)).toBe('D009');
    expect(containsBytes(emulator.received().subarray(sentBefore), gs_r_1)).toBe(false);
    expect(clock.armed.slice(armedBeforeLast)).not.toContain(400);
  });

  it('with the default confirmTimeoutMs the wait is the short 3000 ms one, not the old 15 s', async () => {
    const { confirmTimeoutMs: _unused, ...timings } = quickTimings;
    const emulator = await startPrinterEmulator({ transport: 'tcp', profile: epson, replies: 'realtime-only' });
    const clock = recordingClock();
    const printer = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), profile: epson, ...timings, replyTimeoutMs: 1000, clock });
    cleanup.push(() => emulator.close(), () => printer.stop());
    printer.start();
    await healthBecomes(printer, 'ok');
    const armedBefore = clock.armed.length;
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true, confirmed: false });
    expect(clock.armed.slice(armedBefore)).toContain(3000);
    expect(Math.max(...clock.armed.slice(armedBefore))).toBe(3000);
  });

  it('confirm: false sends no GS r and reports printed, not confirmed, without a warning', async () => {
    const { emulator, printer } = await setUp(epson, {}, { confirm: false });
    await healthBecomes(printer, 'ok');
    const before = emulator.received().length;
    expect(await printer.printTicket(walkInFirstOfDay)).toEqual(expect.objectContaining({ ok: true, confirmed: false, warnings: [] }));
    expect(containsBytes(emulator.received().subarray(before), gs_r_1)).toBe(false);
  });

  it('a printer that answers GS r is reported confirmed', async () => {
    const { printer } = await setUp(epson, {});
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true, confirmed: true, warnings: [] });
  });
});

describe('a printer that never answers anything', () => {
  // Mutation checked: with readsStatus defaulting to true (the old behaviour) health goes to
  // offline and the ticket is refused with printed 'none'; this test then fails.
  it("readsStatus 'auto' (default): a one-way link, printed without checks and not confirmed", async () => {
    const { emulator, printer } = await setUp(epson, { replies: 'none' });
    expect(await healthBecomes(printer, 'status_unknown')).toMatchObject({ state: 'warning', message: expect.stringMatching(/answered no status request/) });
    const outcome = await printer.printTicket({ ...walkInFirstOfDay, number: 'E001' });
    expect(outcome).toMatchObject({ ok: true, confirmed: false, warnings: [{ code: 'status_unavailable' }] });
    expect(await printedNumber(emulator, 1)).toBe('E001');
    // The printer starts answering (it was only switched off): status is checked again.
    emulator.setReplies('all');
    await healthBecomes(printer, 'ok');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true, confirmed: true });
  });

  it('a printer that answered and then goes quiet is a fault (offline), and nothing is printed', async () => {
    const { emulator, printer } = await setUp(epson, {});
    await healthBecomes(printer, 'ok');
    emulator.setReplies('none');
    expect(await healthBecomes(printer, 'offline')).toMatchObject({ state: 'fault' });
    const before = emulator.received().length;
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'offline', printed: 'none' });
    expect(onlyStatusRequests(emulator.received().subarray(before))).toBe(true);
  });

  it('readsStatus: true keeps the strict behaviour: no answer means offline and no printing', async () => {
    const { emulator, printer } = await setUp(epson, { replies: 'none' }, { readsStatus: true });
    await healthBecomes(printer, 'offline');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: false, code: 'offline', printed: 'none' });
    expect(emulator.jobs()).toHaveLength(0);
  });

  it('readsStatus: false never asks: no status request is sent at all', async () => {
    const { emulator, printer } = await setUp(epson, {}, { readsStatus: false });
    await healthBecomes(printer, 'status_unknown');
    expect(await printer.printTicket(walkInFirstOfDay)).toMatchObject({ ok: true, confirmed: false, warnings: [{ code: 'status_unavailable' }] });
    await emulator.waitForJobs(1);
    expect(containsBytes(emulator.received(), dle_eot)).toBe(false);
  });
});

describe('paper running out while the printer idles', () => {
  // Mutation checked: with EmulatedPrinter.setState no longer sending ASB blocks, health stays ok
  // (polling is effectively off here) and healthBecomes('paper_out') times out.
  it('is noticed through automatic status back with polling effectively off', async () => {
    const { emulator, printer } = await setUp(epson, {}, { pollIntervalMs: 3_600_000 });
    await healthBecomes(printer, 'ok');
    const requestsBefore = emulator.received().length;
    emulator.setState({ paperNearEnd: true });
    expect(await healthBecomes(printer, 'paper_near_end')).toMatchObject({ state: 'warning' });
    emulator.setState({ paperOut: true });
    expect(await healthBecomes(printer, 'paper_out')).toMatchObject({ state: 'fault' });
    emulator.setState({ paperOut: false, paperNearEnd: false, coverOpen: true });
    await healthBecomes(printer, 'cover_open');
    emulator.setState({ coverOpen: false });
    await healthBecomes(printer, 'ok');
    // Nothing was asked meanwhile: every change came by itself.
    expect(emulator.received().length).toBe(requestsBefore);
  });

  // Mutation checked: with pollNow no longer re-arming its timer, health stays ok and this fails.
  it('is noticed by polling on a model without automatic status back', async () => {
    const noAsb = loadPrinterProfile('generic-58mm-gb2312');
    expect(noAsb.features.asb).toBe(false);
    const { emulator, printer } = await setUp(noAsb, {});
    await healthBecomes(printer, 'ok');
    emulator.setState({ paperOut: true });
    expect(await healthBecomes(printer, 'paper_out')).toMatchObject({ state: 'fault' });
    expect(containsBytes(emulator.received(), gs_a)).toBe(false);
    emulator.setState({ paperOut: false });
    await healthBecomes(printer, 'ok');
  });
});

describe('a printer switched off and on behind a live link', () => {
  // Mutation checked: without the re-arm in readStatus no second GS a is sent, the emulator's
  // ASB stays off after its power cycle, and both expectations below fail.
  it('gets automatic status back enabled again once it answers (a power cycle forgets GS a)', async () => {
    const { emulator, printer } = await setUp(epson, {}, { pollIntervalMs: 150 });
    await healthBecomes(printer, 'ok');
    expect(emulator.asbMask()).toBe(0xff);
    emulator.setReplies('none');
    emulator.powerCycle();
    await healthBecomes(printer, 'offline');
    expect(emulator.asbMask()).toBe(0);
    const before = emulator.received().length;
    emulator.setReplies('all');
    await healthBecomes(printer, 'ok');
    await expect.poll(() => emulator.asbMask()).toBe(0xff);
    expect(containsBytes(emulator.received().subarray(before), [...gs_a, 0xff])).toBe(true);
  });
});
