// The printer emulator's side of status: automatic status back per GS a's mask,
// and the reply modes that play printers as halls buy them. No I/O: EmulatedPrinter alone.
import { describe, expect, it } from 'vitest';
import { EmulatedPrinter, type EmulatorReplies } from '../../../drivers/printer/emulator-core.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { parseAsbBlock, toPrinterStatus } from '../../../drivers/printer/status.js';

const epson = loadPrinterProfile('generic-epson');

function printer(replies: EmulatorReplies = 'all') {
  const sent: number[][] = [];
  const p = new EmulatedPrinter(epson, (bytes) => sent.push([...bytes]));
  p.setReplies(replies);
  return { p, sent, take: () => sent.splice(0) };
}

const asbStatus = (block: number[]) => toPrinterStatus(parseAsbBlock(block, epson), 'asb');

describe('emulated printer: automatic status back', () => {
  // Mutation checked: sending a block on every state change regardless of the mask fails the
  // "cover open with only paper enabled" expectation; sending none fails the rest.
  it('sends a block when enabled and whenever an enabled item changes: near end, out, cover, back to normal', () => {
    const { p, take } = printer();
    p.receive(Uint8Array.of(0x1d, 0x61, 0xff));
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ paperOut: false, coverOpen: false, online: true })]);
    p.setState({ paperNearEnd: true });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ paperNearEnd: true, paperOut: false })]);
    p.setState({ paperOut: true });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ paperOut: true, online: false })]);
    p.setState({ paperOut: false, paperNearEnd: false });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ paperOut: false, paperNearEnd: false, online: true })]);
    p.setState({ coverOpen: true });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ coverOpen: true })]);
    p.setState({ coverOpen: false });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ coverOpen: false, online: true })]);
    p.setState({ coverOpen: false });
    expect(take()).toEqual([]);
  });

  it('follows the mask: with only the paper sensors enabled (GS a 8), a cover opening sends nothing', () => {
    const { p, take } = printer();
    p.receive(Uint8Array.of(0x1d, 0x61, 0x08));
    take();
    p.setState({ coverOpen: true });
    expect(take()).toEqual([]);
    p.setState({ coverOpen: false, paperNearEnd: true });
    expect(take().map(asbStatus)).toEqual([expect.objectContaining({ paperNearEnd: true })]);
  });

  it('sends nothing before GS a, and nothing after GS a 0', () => {
    const { p, take } = printer();
    p.setState({ paperOut: true });
    p.setState({ paperOut: false });
    expect(take()).toEqual([]);
    p.receive(Uint8Array.of(0x1d, 0x61, 0x00));
    p.setState({ paperOut: true });
    expect(take()).toEqual([]);
  });
});

describe('emulated printer: reply modes', () => {
  const requests = Uint8Array.of(0x1d, 0x61, 0xff, 0x10, 0x04, 0x01, 0x41, 0x0a, 0x1d, 0x72, 0x01);

  it("'all' answers DLE EOT, GS r and ASB", () => {
    const { p, take } = printer('all');
    p.receive(requests);
    expect(take()).toEqual([[0x12], [0x10, 0x00, 0x00, 0x00], [0x00]]);
  });

  it("'realtime-only' answers DLE EOT only, and still prints", () => {
    const { p, take } = printer('realtime-only');
    p.receive(requests);
    p.setState({ paperNearEnd: true });
    expect(take()).toEqual([[0x12]]);
    p.receive(Uint8Array.of(0x1d, 0x56, 0x00));
    expect(p.jobs()).toHaveLength(1);
  });

  it("'none' answers nothing, and still prints", () => {
    const { p, take } = printer('none');
    p.receive(requests);
    p.setState({ paperNearEnd: true });
    p.receive(Uint8Array.of(0x1d, 0x56, 0x00));
    expect(take()).toEqual([]);
    expect(p.jobs()).toHaveLength(1);
  });
});
