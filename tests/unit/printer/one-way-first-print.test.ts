// readsStatus 'auto' when a ticket comes before the first status poll has finished: the print's
// own status check is the first unanswered request, so the link is found one-way right there and
// the ticket prints unchecked instead of being refused. A ByteTransport that never answers (a
// write-only link) stands in for the printer; the driver's clock is a ManualClock.
import { describe, expect, it } from 'vitest';
import type { ByteTransport } from '../../../drivers/contract.js';
import { TicketPrinter } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { ManualClock, settle } from '../idcard/helpers/manual-clock.js';
import { walkInFirstOfDay } from './ticket-fixtures.js';

/** A link that takes every write and never answers; the first write (GS a) waits until released. */
function writeOnlyLink() {
  const writes: Uint8Array[] = [];
  let release: () => void = () => undefined;
  const firstWriteHeld = new Promise<void>((resolve) => (release = resolve));
  let open = false;
  const link: ByteTransport & { writes: Uint8Array[]; release(): void } = {
    description: 'write-only test link',
    writes,
    release: () => release(),
    get isOpen() {
      return open;
    },
    open: async () => {
      open = true;
    },
    close: async () => {
      open = false;
    },
    write: async (bytes) => {
      writes.push(bytes.slice());
      if (writes.length === 1) await firstWriteHeld;
    },
    onData: () => () => undefined,
    onClose: () => () => undefined,
  };
  return link;
}

describe("ticket printer, readsStatus 'auto'", () => {
  // Mutation checked: without the "found one-way just now" branch in send(), this ticket is
  // refused with { ok: false, code: 'offline', printed: 'none' }.
  it('a ticket queued ahead of the first poll prints unchecked once its own status check goes unanswered', async () => {
    const clock = new ManualClock();
    const link = writeOnlyLink();
    const printer = new TicketPrinter({ transport: link, profile: loadPrinterProfile('generic-epson'), clock, replyTimeoutMs: 500, pollIntervalMs: 60_000 });
    printer.start();
    await settle();
    expect(link.writes).toEqual([Uint8Array.of(0x1d, 0x61, 0xff)]); // GS a, held
    const outcome = printer.printTicket(walkInFirstOfDay); // queued behind GS a, ahead of the first poll
    link.release();
    await settle();
    await clock.advance(500); // the print's DLE EOT 1–4 go unanswered
    await expect(outcome).resolves.toMatchObject({ ok: true, confirmed: false, warnings: [{ code: 'status_unavailable' }] });
    expect(printer.health()).toMatchObject({ state: 'warning', code: 'status_unknown' });
    expect(link.writes[1]).toEqual(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04));
    expect(link.writes[2]![0]).toBe(0x1b); // the ticket, starting with ESC @
    await printer.stop();
  });
});
