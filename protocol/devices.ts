// Device declarations, shared by the hall configuration (defaults per terminal)
// and a terminal's own terminal.json (what is really plugged into that PC).
// Contract: pure schemas, no I/O; the hall and the device agent both import
// this file, neither imports the other.
import { z } from 'zod';

export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');

export const deviceKinds = ['printer', 'id_reader', 'rating_pad', 'keypad'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

/**
 * Where a device is plugged in. "emulated": the device agent starts an emulator that speaks the
 * device's real wire protocol (TCP for printers, a socat pty pair for serial devices) — the demo default.
 */
export const deviceTransportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('emulated') }).strict(),
  z.object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().optional() }).strict(),
  z.object({ type: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535) }).strict(),
  z.object({ type: z.literal('usb_lp'), path: z.string().regex(/^\/dev\/usb\/lp\d+$|^\//, 'must be a device path such as /dev/usb/lp0') }).strict(),
  z.object({ type: z.literal('hid'), path: z.string().optional() }).strict(),
]);
export type DeviceTransport = z.infer<typeof deviceTransportSchema>;

/** Printer-only settings (docs/devices/printer.md). Absent: the model profile decides. */
export const printerOptionsSchema = z
  .object({
    /** true: ask status before and after printing; false: a one-way link, print blind; "auto": find out (default). */
    readsStatus: z.union([z.boolean(), z.literal('auto')]).optional(),
    /** Wait for the printer to confirm each job (GS r). Default: whether the profile says the model answers it. */
    confirm: z.boolean().optional(),
    /** How long to wait for that confirmation before reporting "printed, not confirmed". */
    confirmTimeoutMs: z.number().int().min(200).max(15_000).optional(),
  })
  .strict();
export type PrinterOptions = z.infer<typeof printerOptionsSchema>;

const keypadAddressSchema = z.object({ address: z.number().int().min(0).max(255), counterNumber: z.number().int().positive() }).strict();

/** One device, without the terminal it belongs to (terminal.json lists only its own). */
export const localDeviceSchema = z
  .object({
    id: deviceIdSchema,
    kind: z.enum(deviceKinds),
    /** Model profile id: printers "generic-epson" | "snbc-bk-t080" | "generic-58mm-gb2312" or a custom profile's id; pads "servicehall-reference-serial-v1" …; keypads "reference-keypad". */
    model: z.string().min(1),
    transport: deviceTransportSchema,
    /** Caller keypads: keypad address → counter number. */
    keypadAddresses: z.array(keypadAddressSchema).optional(),
    printer: printerOptionsSchema.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.printer && d.kind !== 'printer') ctx.addIssue({ code: 'custom', path: ['printer'], message: `printer settings on a ${d.kind}` });
    if (d.keypadAddresses && d.kind !== 'keypad') ctx.addIssue({ code: 'custom', path: ['keypadAddresses'], message: `keypad addresses on a ${d.kind}` });
  });
export type LocalDeviceConfig = z.infer<typeof localDeviceSchema>;

/** As the hall configuration declares it: a default for the terminal it names. */
export const deviceSchema = z
  .object({
    id: deviceIdSchema,
    /** The terminal the device is plugged into (kiosk: printer, ID reader; counter: rating pad, keypad). */
    terminalId: deviceIdSchema,
    kind: z.enum(deviceKinds),
    model: z.string().min(1),
    transport: deviceTransportSchema,
    keypadAddresses: z.array(keypadAddressSchema).optional(),
    printer: printerOptionsSchema.optional(),
  })
  .strict();
export type DeviceConfig = z.infer<typeof deviceSchema>;

/** The hall configuration's entry without its terminal: what an agent receives as its defaults. */
export function asLocalDevice(d: DeviceConfig): LocalDeviceConfig {
  const { terminalId: _terminal, ...local } = d;
  return local;
}
