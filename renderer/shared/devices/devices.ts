// Devices as the pages show them (DeviceDTO, from /hall, /admin/devices and the `devices`
// live message). Pure helpers: which kiosk hints to show, whether a counter has a working
// rating pad, and how the technician's table says a device's health — icon and words and
// code, never colour alone.
import type { DeviceDTO, DeviceKind, HallInfoDTO } from '../../../hall/api/dto';
import type { MessageKey } from '../i18n';

export type HealthState = DeviceDTO['health']['state'];

export const kindKeys: Record<DeviceKind, MessageKey> = {
  printer: 'device.kind.printer',
  id_reader: 'device.kind.id_reader',
  rating_pad: 'device.kind.rating_pad',
  keypad: 'device.kind.keypad',
};

export function kindKey(kind: string): MessageKey {
  return kindKeys[kind as DeviceKind] ?? 'device.kind.other';
}

export interface HealthDisplay {
  state: HealthState | 'unknown';
  /** The words next to the icon. */
  label: MessageKey;
  /** Which icon: a tick, a warning triangle, a cross, a question mark. */
  icon: 'ok' | 'warning' | 'fault' | 'unknown';
}

export function healthDisplay(health: DeviceDTO['health'] | null | undefined): HealthDisplay {
  switch (health?.state) {
    case 'ok':
      return { state: 'ok', label: 'device.health.ok', icon: 'ok' };
    case 'warning':
      return { state: 'warning', label: 'device.health.warning', icon: 'warning' };
    case 'fault':
      return { state: 'fault', label: 'device.health.fault', icon: 'fault' };
    default:
      return { state: 'unknown', label: 'device.health.unknown', icon: 'unknown' };
  }
}

export function usable(device: DeviceDTO | undefined): boolean {
  return device !== undefined && device.health.state !== 'fault';
}

/** The kiosk's own device of a kind (first one if several). */
export function ownDevice(devices: readonly DeviceDTO[], terminalId: string | null, kind: DeviceKind): DeviceDTO | undefined {
  if (!terminalId) return undefined;
  return devices.find((d) => d.terminalId === terminalId && d.kind === kind);
}

/** "请刷身份证" only when this kiosk has a reader that is not in fault. */
export function showIdHint(devices: readonly DeviceDTO[], terminalId: string | null): boolean {
  return usable(ownDevice(devices, terminalId, 'id_reader'));
}

/** This kiosk's own printer is in fault (paper out, cover open, offline…): the kiosk's fault notice says so. */
export function ownPrinterInFault(devices: readonly DeviceDTO[], terminalId: string | null): boolean {
  return ownDevice(devices, terminalId, 'printer')?.health.state === 'fault';
}

/** Tickets will print: the kiosk's own printer when the hall lists one, else the hall-wide `printing` flag. */
export function printerAvailable(hall: Pick<HallInfoDTO, 'printing'>, devices: readonly DeviceDTO[], terminalId: string | null): boolean {
  const printer = ownDevice(devices, terminalId, 'printer');
  if (printer) return printer.health.state !== 'fault';
  return hall.printing.available;
}

/** The counter's rating pad when it can take the rating; undefined: rate on screen. */
export function workingRatingPad(devices: readonly DeviceDTO[], counterId: string | null): DeviceDTO | undefined {
  if (!counterId) return undefined;
  return devices.find((d) => d.kind === 'rating_pad' && d.counterId === counterId && d.health.state !== 'fault');
}

const kindOrder: DeviceKind[] = ['printer', 'id_reader', 'rating_pad', 'keypad'];

/** Devices grouped by terminal (terminals sorted by id, devices by kind then id). */
export function groupByTerminal(devices: readonly DeviceDTO[]): { terminalId: string; devices: DeviceDTO[] }[] {
  const groups = new Map<string, DeviceDTO[]>();
  for (const d of devices) {
    const list = groups.get(d.terminalId) ?? [];
    list.push(d);
    groups.set(d.terminalId, list);
  }
  const rank = (k: string) => {
    const i = kindOrder.indexOf(k as DeviceKind);
    return i < 0 ? kindOrder.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([terminalId, list]) => ({ terminalId, devices: [...list].sort((a, b) => rank(a.kind) - rank(b.kind) || a.id.localeCompare(b.id)) }));
}

/** Replace one device in a list (an emulator action answers with the device). */
export function replaceDevice(devices: readonly DeviceDTO[], device: DeviceDTO): DeviceDTO[] {
  const found = devices.some((d) => d.id === device.id);
  return found ? devices.map((d) => (d.id === device.id ? device : d)) : [...devices, device];
}

/** `data:` URL of an SVG image, for <img src> (the SVG is never injected as markup). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
