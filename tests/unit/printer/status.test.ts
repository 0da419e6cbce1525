// Status bytes → PrinterStatus → DeviceHealth, per model profile.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../drivers/contract.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import {
  healthFromStatus,
  parseAsbBlock,
  parseRealtimeReply,
  parseTransmitReply,
  statusFromRealtime,
  StatusStreamParser,
  toPrinterStatus,
} from '../../../drivers/printer/status.js';

const epson = loadPrinterProfile('generic-epson');
const snbc = loadPrinterProfile('snbc-bk-t080');
const idle = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } as const;

describe('DLE EOT replies, generic Epson-compatible profile', () => {
  it('an idle printer reads 0x12 on every request and is healthy', () => {
    const status = statusFromRealtime(idle, epson);
    expect(status).toMatchObject({ online: true, paperOut: false, coverOpen: false, paperNearEnd: false });
    expect(healthFromStatus(status)).toMatchObject({ state: 'ok', code: 'ok' });
  });

  it('0x16 on request 1 (drawer pin high) is still online', () => {
    expect(statusFromRealtime({ ...idle, 1: 0x16 }, epson).online).toBe(true);
  });

  it('paper near end (n=4: 0x0C) is a warning', () => {
    const status = statusFromRealtime({ ...idle, 4: 0x12 | 0x0c }, epson);
    expect(status.paperNearEnd).toBe(true);
    expect(healthFromStatus(status)).toMatchObject({ state: 'warning', code: 'paper_near_end' });
  });

  it('paper out (n=4: 0x60, n=2 bit 5, offline) is the paper_out fault', () => {
    const status = statusFromRealtime({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e }, epson);
    expect(status).toMatchObject({ online: false, paperOut: true });
    expect(healthFromStatus(status)).toMatchObject({ state: 'fault', code: 'paper_out' });
  });

  it('cover open (n=2 bit 2) is the cover_open fault', () => {
    expect(healthFromStatus(statusFromRealtime({ ...idle, 1: 0x1a, 2: 0x16 }, epson)).code).toBe('cover_open');
  });

  it('cutter error (n=3 bit 3) is the cutter_error fault', () => {
    expect(healthFromStatus(statusFromRealtime({ ...idle, 3: 0x1a }, epson)).code).toBe('cutter_error');
  });

  it('n=3 bit 6 means an auto-recoverable error on Epson', () => {
    const status = statusFromRealtime({ ...idle, 3: 0x52 }, epson);
    expect(status).toMatchObject({ autoRecoverable: true, headError: false });
    expect(healthFromStatus(status).code).toBe('auto_recoverable_error');
  });

  it('offline with no cause is the offline fault', () => {
    expect(healthFromStatus(statusFromRealtime({ ...idle, 1: 0x1a }, epson)).code).toBe('offline');
  });

  it('refuses a byte without the fixed bits of a reply (bad_status_reply)', () => {
    expect(() => parseRealtimeReply(1, 0x00, epson)).toThrowError(DeviceError);
    expect(() => parseRealtimeReply(1, 0x10, epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
    expect(() => parseRealtimeReply(1, 300, epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
  });
});

describe('DLE EOT replies, SNBC BK-T080 quirks', () => {
  it('n=3 bit 2 is a paper jam on SNBC, ignored on Epson', () => {
    const byte = 0x12 | 0x04;
    expect(parseRealtimeReply(3, byte, snbc)).toMatchObject({ paperJam: true });
    expect(parseRealtimeReply(3, byte, epson).paperJam).toBeUndefined();
    expect(healthFromStatus(statusFromRealtime({ ...idle, 3: byte }, snbc)).code).toBe('paper_jam');
  });

  it('n=3 bit 6 is head temperature / head lifted on SNBC', () => {
    const status = statusFromRealtime({ ...idle, 3: 0x52 }, snbc);
    expect(status).toMatchObject({ headError: true, autoRecoverable: false });
    expect(healthFromStatus(status).code).toBe('head_error');
  });
});

describe('automatic status back (ASB) blocks', () => {
  it('decodes cover open, errors and paper sensors per profile', () => {
    expect(toPrinterStatus(parseAsbBlock([0x18 | 0x20, 0, 0, 0], epson), 'asb')).toMatchObject({ coverOpen: true, online: false });
    expect(parseAsbBlock([0x10, 0x08, 0, 0], epson)).toMatchObject({ cutterError: true });
    expect(parseAsbBlock([0x10, 0, 0x03, 0], epson)).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(parseAsbBlock([0x10, 0, 0x0c, 0], epson)).toMatchObject({ paperOut: true });
    expect(parseAsbBlock([0x10, 0x04, 0, 0], snbc)).toMatchObject({ paperJam: true });
    // Bixolon-style fourth byte with fixed bits 0x0F is accepted.
    expect(parseAsbBlock([0x10, 0, 0, 0x0f], epson)).toMatchObject({ offline: false });
  });

  it('refuses blocks with the wrong shape', () => {
    expect(() => parseAsbBlock([0x12, 0, 0, 0], epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
    expect(() => parseAsbBlock([0x10, 0x80, 0, 0], epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
    expect(() => parseAsbBlock([0x10, 0, 0], epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
  });

  it('GS r 1 replies carry the paper sensors', () => {
    expect(parseTransmitReply(0x00, epson)).toMatchObject({ paperNearEnd: false, paperOut: false });
    expect(parseTransmitReply(0x0f, epson)).toMatchObject({ paperNearEnd: true, paperOut: true });
    expect(() => parseTransmitReply(0x12, epson)).toThrowError(expect.objectContaining({ code: 'bad_status_reply' }));
  });
});

describe('StatusStreamParser: telling replies apart with byte & 0x93', () => {
  it('separates real-time replies from an ASB block in one chunk', () => {
    const parser = new StatusStreamParser();
    const events = parser.push(Uint8Array.of(0x12, 0x10, 0x00, 0x03, 0x00, 0x16));
    expect(events).toEqual([
      { kind: 'realtime', byte: 0x12 },
      { kind: 'asb', block: Uint8Array.of(0x10, 0x00, 0x03, 0x00) },
      { kind: 'realtime', byte: 0x16 },
    ]);
  });

  it('reassembles an ASB block that arrives one byte at a time', () => {
    const parser = new StatusStreamParser();
    const events = [0x30, 0x00, 0x0c, 0x00].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(events).toEqual([{ kind: 'asb', block: Uint8Array.of(0x30, 0x00, 0x0c, 0x00) }]);
  });

  it('takes a 0xx0xxxx byte as a GS r reply only while one is expected', () => {
    let expecting = false;
    const parser = new StatusStreamParser(() => expecting);
    expect(parser.push(Uint8Array.of(0x03))).toEqual([{ kind: 'garbage', byte: 0x03 }]);
    expecting = true;
    expect(parser.push(Uint8Array.of(0x03))).toEqual([{ kind: 'transmit', byte: 0x03 }]);
  });

  it('ignores XON/XOFF, even inside an ASB block', () => {
    const parser = new StatusStreamParser();
    expect(parser.push(Uint8Array.of(0x11, 0x10, 0x13, 0x00, 0x00, 0x00, 0x13))).toEqual([{ kind: 'asb', block: Uint8Array.of(0x10, 0, 0, 0) }]);
  });

  it('an interrupted ASB block becomes garbage and the interrupting reply is kept', () => {
    const parser = new StatusStreamParser();
    expect(parser.push(Uint8Array.of(0x10, 0x00, 0x12))).toEqual([
      { kind: 'garbage', byte: 0x10 },
      { kind: 'garbage', byte: 0x00 },
      { kind: 'realtime', byte: 0x12 },
    ]);
  });
});
