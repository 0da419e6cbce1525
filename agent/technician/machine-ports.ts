// What this machine offers to plug a device into, for the technician's page:
// serial ports (serialport's list: COM3, /dev/ttyUSB0, with USB ids when known),
// USB line printers (/dev/usb/lp*), and HID devices (node-hid). Contract:
// never throws — a source that cannot be read (no udev, no libusb) is reported
// with its error and the others are still listed.
import fs from 'node:fs';

export interface MachinePorts {
  serial: { path: string; manufacturer: string | null; vendorId: string | null; productId: string | null }[];
  usbPrinters: { path: string }[];
  hid: { path: string | null; vendorId: number; productId: number; product: string | null; manufacturer: string | null }[];
  errors: { source: 'serial' | 'usb_lp' | 'hid'; message: string }[];
}

/** `usbDir`: where USB line printers appear (default /dev/usb; tests point it elsewhere). */
export async function listMachinePorts(options: { usbDir?: string } = {}): Promise<MachinePorts> {
  const usbDir = options.usbDir ?? '/dev/usb';
  const out: MachinePorts = { serial: [], usbPrinters: [], hid: [], errors: [] };
  try {
    const { SerialPort } = await import('serialport');
    out.serial = (await SerialPort.list()).map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null }));
  } catch (err) {
    out.errors.push({ source: 'serial', message: (err as Error).message });
  }
  try {
    out.usbPrinters = fs.existsSync(usbDir)
      ? fs
          .readdirSync(usbDir)
          .filter((n) => /^lp\d+$/.test(n))
          .sort((x, y) => Number(x.slice(2)) - Number(y.slice(2)))
          .map((n) => ({ path: `${usbDir}/${n}` }))
      : [];
  } catch (err) {
    out.errors.push({ source: 'usb_lp', message: (err as Error).message });
  }
  try {
    const HID = (await import('node-hid')).default;
    out.hid = HID.devices().map((d) => ({ path: d.path ?? null, vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, manufacturer: d.manufacturer ?? null }));
  } catch (err) {
    out.errors.push({ source: 'hid', message: (err as Error).message });
  }
  return out;
}
