// Builds a caller keypad line from its profile, where it is plugged in, and
// which counter each keypad address belongs to.
import fs from 'node:fs/promises';
import { DeviceError, type ByteTransport, type DriverClock } from '../contract.js';
import { ProfileError } from '../rating/profile.js';
import { SerialTransport } from '../transports/serial.js';
import { TcpTransport } from '../transports/tcp.js';
import { CallerKeypad } from './caller-keypad.js';
import { parseKeypadProfile, type KeypadAddress, type KeypadProfile } from './profile.js';

export interface KeypadLocation {
  /** Serial port (prefer the /dev/serial/by-id/… link). */
  path?: string;
  host?: string;
  port?: number;
}

/** Throws DeviceError('invalid_location') when the location lacks what the transport needs. */
export function createKeypadTransport(profile: KeypadProfile, location: KeypadLocation): ByteTransport {
  const t = profile.transport;
  if (t.kind === 'serial') {
    if (!location.path) throw new DeviceError('invalid_location', `caller keypad profile ${profile.id} needs a serial port path`);
    return new SerialTransport({ path: location.path, baudRate: t.baudRate, dataBits: t.dataBits, parity: t.parity, stopBits: t.stopBits });
  }
  if (!location.host) throw new DeviceError('invalid_location', `caller keypad profile ${profile.id} needs a host`);
  return new TcpTransport({ host: location.host, port: location.port ?? t.port, connectTimeoutMs: t.connectTimeoutMs });
}

export function createCallerKeypad(
  profile: KeypadProfile,
  location: KeypadLocation,
  addresses: readonly KeypadAddress[],
  deps: { clock?: DriverClock } = {},
): CallerKeypad {
  return new CallerKeypad({ profile, addresses, transport: createKeypadTransport(profile, location), ...(deps.clock && { clock: deps.clock }) });
}

export async function loadKeypadProfile(file: string): Promise<KeypadProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new DeviceError('profile_unreadable', `cannot read caller keypad profile ${file}: ${(err as Error).message}`, err);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(file, [{ path: '', message: `not JSON: ${(err as Error).message}` }]);
  }
  return parseKeypadProfile(json, file);
}
