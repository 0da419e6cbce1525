// Per-device printer options: out-of-range values are refused at construction with the option's name.
import { describe, expect, it } from 'vitest';
import { CONFIRM_TIMEOUT_LIMITS, checkTicketPrinterOptions, TicketPrinter } from '../../../drivers/printer/printer.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { TcpTransport } from '../../../drivers/transports/tcp.js';

const profile = loadPrinterProfile('generic-epson');
const transport = () => new TcpTransport({ host: '127.0.0.1', port: 9 });

describe('ticket printer options', () => {
  it('accepts the documented values', () => {
    for (const readsStatus of [true, false, 'auto'] as const) expect(() => checkTicketPrinterOptions({ readsStatus })).not.toThrow();
    expect(() => checkTicketPrinterOptions({ confirm: false, confirmTimeoutMs: CONFIRM_TIMEOUT_LIMITS.min })).not.toThrow();
    expect(() => checkTicketPrinterOptions({ confirmTimeoutMs: CONFIRM_TIMEOUT_LIMITS.max })).not.toThrow();
    expect(CONFIRM_TIMEOUT_LIMITS).toEqual({ min: 200, max: 15_000, default: 3000 });
  });

  // Mutation checked: without the bound check the 60 s value is accepted and this fails.
  it.each([
    [{ confirmTimeoutMs: 60_000 }, /confirmTimeoutMs must be an integer from 200 to 15000/],
    [{ confirmTimeoutMs: 50 }, /confirmTimeoutMs/],
    [{ confirmTimeoutMs: 1000.5 }, /confirmTimeoutMs/],
    [{ readsStatus: 'yes' }, /readsStatus must be true, false or "auto"/],
    [{ confirm: 'true' }, /confirm must be true or false/],
    [{ pollIntervalMs: 0 }, /pollIntervalMs/],
  ])('refuses %j with invalid_option naming it', (options, message) => {
    expect(() => new TicketPrinter({ transport: transport(), profile, ...(options as object) })).toThrowError(
      expect.objectContaining({ code: 'invalid_option', message: expect.stringMatching(message) }),
    );
  });

  it('a new printer is disconnected until started', () => {
    expect(new TicketPrinter({ transport: transport(), profile }).health()).toMatchObject({ state: 'fault', code: 'disconnected' });
  });
});
