// Builds a rating pad from a profile and where this pad is plugged in.
// The profile describes a model (any counter); the location is per
// installation: the serial path (prefer /dev/serial/by-id/… links, stable
// across replugs), the TCP host, the evdev path, or a pinned HID path.
import { DeviceError, type ByteTransport, type DriverClock } from '../contract.js';
import { HidTransport, type HidBackend } from '../transports/hid.js';
import { SerialTransport } from '../transports/serial.js';
import { TcpTransport } from '../transports/tcp.js';
import type { RatingProfile } from './profile.js';
import { RatingPad } from './rating-pad.js';
import { EvdevTransport } from './transports/evdev.js';

export interface RatingPadLocation {
  /** Serial port, evdev device, or (optional) hidraw path of the HID pad. */
  path?: string;
  host?: string;
  /** Overrides the profile's TCP port. */
  port?: number;
}

export interface RatingPadDeps {
  clock?: DriverClock;
  /** Injected HID backend (tests); node-hid otherwise, loaded lazily. */
  hidBackend?: () => Promise<HidBackend>;
}

/** Throws DeviceError('invalid_location') when the location lacks what the transport needs. */
export function createRatingTransport(profile: RatingProfile, location: RatingPadLocation, deps: RatingPadDeps = {}): ByteTransport {
  const t = profile.transport;
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new DeviceError('invalid_location', `rating pad profile ${profile.id} (${t.kind}) needs a ${what}`);
    return value;
  };
  switch (t.kind) {
    case 'serial':
      return new SerialTransport({ path: need(location.path, 'serial port path'), baudRate: t.baudRate, dataBits: t.dataBits, parity: t.parity, stopBits: t.stopBits });
    case 'tcp':
      return new TcpTransport({ host: need(location.host, 'host'), port: location.port ?? t.port, connectTimeoutMs: t.connectTimeoutMs });
    case 'hid':
      return new HidTransport({
        vendorId: t.vendorId,
        productId: t.productId,
        ...(t.usagePage !== undefined && { usagePage: t.usagePage }),
        ...(t.usage !== undefined && { usage: t.usage }),
        ...(location.path !== undefined && { path: location.path }),
        ...(deps.hidBackend && { backend: deps.hidBackend }),
      });
    case 'evdev':
      return new EvdevTransport({ path: need(location.path, 'input device path (/dev/input/by-id/…)'), grab: t.grab });
  }
}

export function createRatingPad(profile: RatingProfile, location: RatingPadLocation, deps: RatingPadDeps = {}): RatingPad {
  return new RatingPad({ profile, transport: createRatingTransport(profile, location, deps), ...(deps.clock && { clock: deps.clock }) });
}
