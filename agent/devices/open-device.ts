// Opens one device of this terminal: the real driver over its transport, or —
// for `transport: emulated` — the same real driver talking to an emulator that
// speaks the device's wire protocol (TCP for printers, a socat pty pair for
// serial devices). Contract: opening never throws for a device that cannot
// start; the device reports a fault health instead ("degrade, don't crash").
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import type { LocalDeviceConfig as DeviceConfig } from '../../protocol/devices.js';
import type { DeviceHealth } from '../../drivers/contract.js';
import { createPtyPair, type PtyPair } from '../../drivers/transports/pty-pair.js';
import { TcpTransport } from '../../drivers/transports/tcp.js';
import { SerialTransport } from '../../drivers/transports/serial.js';
import { UsbLpTransport } from '../../drivers/transports/usb-lp.js';
import { resolvePrinterProfile, startPrinterEmulator, TicketPrinter, type PrinterEmulator, type PrinterProfile, type TicketPrinterOptions } from '../../drivers/printer/index.js';
import { createSerialIdCardReader, type IdCardReader } from '../../drivers/idcard/index.js';
import { startIdCardEmulator, type IdCardEmulator } from '../../drivers/idcard/emulator.js';
import { createRatingPad } from '../../drivers/rating/open.js';
import type { RatingPad } from '../../drivers/rating/rating-pad.js';
import { shippedRatingProfile } from '../../drivers/rating/profiles/index.js';
import { serialPadEmulator, type FramePadEmulator } from '../../drivers/rating/emulator/frame-pad.js';
import { createCallerKeypad } from '../../drivers/keypad/open.js';
import type { CallerKeypad } from '../../drivers/keypad/caller-keypad.js';
import { shippedKeypadProfile } from '../../drivers/keypad/profiles/index.js';
import { serialKeypadEmulator, type KeypadEmulator } from '../../drivers/keypad/emulator.js';
import type { KeypadAddress } from '../../drivers/keypad/profile.js';

interface Common {
  config: DeviceConfig;
  transportText: string;
  emulated: boolean;
  health(): DeviceHealth;
  onHealth(listener: (h: DeviceHealth) => void): () => void;
  /** Emulated only: pull the cable / plug it back in. */
  unplug?(): Promise<void>;
  replug?(): Promise<void>;
  close(): Promise<void>;
}

export type DeviceHandle =
  | (Common & { kind: 'printer'; printer: TicketPrinter; profile: PrinterProfile; emulator: PrinterEmulator | null })
  | (Common & { kind: 'id_reader'; reader: IdCardReader; emulator: IdCardEmulator | null })
  | (Common & { kind: 'rating_pad'; pad: RatingPad; emulator: FramePadEmulator | null })
  | (Common & { kind: 'keypad'; keypad: CallerKeypad; emulator: KeypadEmulator | null; addresses: KeypadAddress[] })
  | (Common & { kind: 'unavailable' });

const since = () => Date.now();

/** A device that could not be opened: it stays in the list with its reason. */
function unavailable(config: DeviceConfig, code: string, message: string): DeviceHandle {
  const health: DeviceHealth = { state: 'fault', code, message, since: since() };
  return { kind: 'unavailable', config, transportText: config.transport.type, emulated: config.transport.type === 'emulated', health: () => health, onHealth: () => () => {}, close: async () => {} };
}

/** A serial emulator on a pty pair at fixed paths, so unplug/replug returns at the same path. */
class EmulatedSerialLink {
  private pair: PtyPair | null = null;
  readonly a: string;
  readonly b: string;

  constructor(deviceId: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `servicehall-${deviceId}-`));
    this.a = path.join(dir, 'driver');
    this.b = path.join(dir, 'device');
  }

  async plug(): Promise<void> {
    this.pair = await createPtyPair({ a: this.a, b: this.b });
  }

  async unplug(): Promise<void> {
    await this.pair?.close();
    this.pair = null;
  }
}

export interface OpenContext {
  /** Custom printer profiles (from the hall configuration and terminal.json) a printer's model may name. */
  printerProfiles: readonly unknown[];
}

export async function openDevice(config: DeviceConfig, context: OpenContext = { printerProfiles: [] }): Promise<DeviceHandle> {
  try {
    switch (config.kind) {
      case 'printer':
        return await openPrinter(config, context);
      case 'id_reader':
        return await openIdReader(config);
      case 'rating_pad':
        return await openRatingPad(config);
      case 'keypad':
        return await openKeypad(config);
    }
  } catch (err) {
    return unavailable(config, (err as { code?: string }).code ?? 'open_failed', (err as Error).message);
  }
}

async function openPrinter(config: DeviceConfig, context: OpenContext): Promise<DeviceHandle> {
  const profile = resolvePrinterProfile(config.model, [...context.printerProfiles]);
  const t = config.transport;
  let emulator: PrinterEmulator | null = null;
  let transport;
  if (t.type === 'emulated') {
    emulator = await startPrinterEmulator({ transport: 'tcp', profile });
    transport = new TcpTransport({ host: '127.0.0.1', port: emulator.port! });
  } else if (t.type === 'tcp') transport = new TcpTransport({ host: t.host, port: t.port });
  else if (t.type === 'serial') transport = new SerialTransport({ path: t.path, baudRate: t.baudRate ?? 115200 });
  else if (t.type === 'usb_lp') transport = new UsbLpTransport({ path: t.path });
  else return unavailable(config, 'unsupported_transport', `printers cannot use a ${t.type} transport`);
  const printer = new TicketPrinter({ transport, profile, ...printerOptions(config) });
  printer.start();
  return {
    kind: 'printer',
    config,
    profile,
    printer,
    emulator,
    emulated: emulator !== null,
    transportText: emulator ? `emulated ESC/POS over ${transport.description}` : transport.description,
    health: () => printer.health(),
    onHealth: (l) => printer.onHealth(l),
    ...(emulator && { unplug: () => emulator.unplug(), replug: () => emulator.replug() }),
    close: async () => {
      await printer.stop();
      await emulator?.close();
    },
  };
}

async function openIdReader(config: DeviceConfig): Promise<DeviceHandle> {
  const t = config.transport;
  if (t.type === 'emulated') {
    const link = new EmulatedSerialLink(config.id);
    await link.plug();
    let emulator = await startIdCardEmulator({ path: link.b });
    const reader = createSerialIdCardReader({ path: link.a });
    await reader.start();
    // The emulator lives behind a proxy so replugging (a new emulator on the same path) is invisible to callers.
    const handle = {
      kind: 'id_reader' as const,
      config,
      reader,
      get emulator() {
        return emulator;
      },
      emulated: true,
      transportText: `emulated SAM reader on ${link.a} @115200`,
      health: () => reader.health,
      onHealth: (l: (h: DeviceHealth) => void) => reader.onHealth(l),
      unplug: async () => {
        await emulator.close();
        await link.unplug();
      },
      replug: async () => {
        await link.plug();
        emulator = await startIdCardEmulator({ path: link.b });
      },
      close: async () => {
        await reader.stop();
        await emulator.close().catch(() => undefined);
        await link.unplug();
      },
    };
    return handle;
  }
  if (t.type !== 'serial') return unavailable(config, 'unsupported_transport', `ID card readers here are serial (SAM protocol), not ${t.type}`);
  const reader = createSerialIdCardReader({ path: t.path, baudRate: t.baudRate ?? 115200 });
  await reader.start();
  return { kind: 'id_reader', config, reader, emulator: null, emulated: false, transportText: `serial ${t.path}`, health: () => reader.health, onHealth: (l) => reader.onHealth(l), close: () => reader.stop() };
}

async function openRatingPad(config: DeviceConfig): Promise<DeviceHandle> {
  const profile = shippedRatingProfile(config.model);
  const t = config.transport;
  if (t.type === 'emulated') {
    const link = new EmulatedSerialLink(config.id);
    await link.plug();
    let emulator = serialPadEmulator(profile, link.b, { autoAck: true });
    await emulator.open();
    const pad = createRatingPad(profile, { path: link.a });
    await pad.open();
    return {
      kind: 'rating_pad',
      config,
      pad,
      get emulator() {
        return emulator;
      },
      emulated: true,
      transportText: `emulated ${profile.id} pad on ${link.a}`,
      health: () => pad.health,
      onHealth: (l) => pad.onHealth(l),
      unplug: async () => {
        await emulator.close();
        await link.unplug();
      },
      replug: async () => {
        await link.plug();
        emulator = serialPadEmulator(profile, link.b, { autoAck: true });
        await emulator.open();
      },
      close: async () => {
        await pad.close();
        await emulator.close().catch(() => undefined);
        await link.unplug();
      },
    };
  }
  const location = t.type === 'serial' || t.type === 'hid' ? { ...(t.path && { path: t.path }) } : t.type === 'tcp' ? { host: t.host, port: t.port } : {};
  const pad = createRatingPad(profile, location);
  await pad.open();
  return { kind: 'rating_pad', config, pad, emulator: null, emulated: false, transportText: `${t.type} ${JSON.stringify(location)}`, health: () => pad.health, onHealth: (l) => pad.onHealth(l), close: () => pad.close() };
}

async function openKeypad(config: DeviceConfig): Promise<DeviceHandle> {
  const profile = shippedKeypadProfile(config.model);
  const addresses: KeypadAddress[] = (config.keypadAddresses ?? []).map((a) => ({ ...a, keys: null }));
  const t = config.transport;
  let link: EmulatedSerialLink | null = null;
  let emulator: KeypadEmulator | null = null;
  let location: { path?: string; host?: string; port?: number };
  if (t.type === 'emulated') {
    link = new EmulatedSerialLink(config.id);
    await link.plug();
    emulator = serialKeypadEmulator(profile, link.b);
    await emulator.open();
    location = { path: link.a };
  } else if (t.type === 'serial') location = { path: t.path };
  else if (t.type === 'tcp') location = { host: t.host, port: t.port };
  else return unavailable(config, 'unsupported_transport', `caller keypads cannot use a ${t.type} transport`);
  const keypad = createCallerKeypad(profile, location, addresses);
  await keypad.open();
  const l = link;
  return {
    kind: 'keypad',
    config,
    keypad,
    addresses,
    get emulator() {
      return emulator;
    },
    emulated: l !== null,
    transportText: l ? `emulated keypad bus on ${l.a}` : JSON.stringify(location),
    health: () => keypad.health,
    onHealth: (h) => keypad.onHealth(h),
    ...(l && {
      unplug: async () => {
        await emulator?.close();
        await l.unplug();
      },
      replug: async () => {
        await l.plug();
        emulator = serialKeypadEmulator(profile, l.b);
        await emulator.open();
      },
    }),
    close: async () => {
      await keypad.close();
      await emulator?.close().catch(() => undefined);
      await l?.unplug();
    },
  };
}

/** The device's printer settings in the driver's terms; absent ones leave the driver's (profile-based) defaults. */
function printerOptions(config: DeviceConfig): Pick<TicketPrinterOptions, 'readsStatus' | 'confirm' | 'confirmTimeoutMs'> {
  const o = config.printer ?? {};
  return {
    ...(o.readsStatus !== undefined && { readsStatus: o.readsStatus }),
    ...(o.confirm !== undefined && { confirm: o.confirm }),
    ...(o.confirmTimeoutMs !== undefined && { confirmTimeoutMs: o.confirmTimeoutMs }),
  };
}
