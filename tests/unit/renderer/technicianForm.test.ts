// The technician page's pure logic (renderer/technician/declaration.ts, health.ts): the assign
// form → the declaration terminal.json holds, checked against the agent's own schema
// (protocol/devices.ts), back again for editing, the list the page PUTs, and health words.
// Mutations tried: dropping `baudRate` from serial transports (the 9600 case fails); writing
// readsStatus "auto" as an explicit value instead of omitting it (the minimal-declaration case
// fails); upsertDevice appending a known id at the end instead of in its place (the upsert case fails); sourceOf
// ignoring usesHallDefaults (the "hall defaults off" case fails).
import { describe, expect, test } from 'vitest';
import { localDeviceSchema, type LocalDeviceConfig } from '../../../protocol/devices';
import {
  CUSTOM_MODEL,
  KINDS,
  MODELS,
  TRANSPORTS,
  declarationOf,
  deviceFromForm,
  emptyForm,
  formFromDevice,
  pickPort,
  removeDevice,
  sourceOf,
  upsertDevice,
  withKind,
  type DeviceForm,
} from '../../../renderer/technician/declaration';
import { healthWords } from '../../../renderer/technician/health';
import { zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';
import fs from 'node:fs';
import path from 'node:path';

const form = (patch: Partial<DeviceForm>): DeviceForm => ({ ...emptyForm('printer', 'kiosk-2'), ...patch });

function accepted(f: DeviceForm): LocalDeviceConfig {
  const result = deviceFromForm(f);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  // What the page sends is what the agent accepts.
  expect(localDeviceSchema.safeParse(result.device).success).toBe(true);
  return result.device;
}

describe('the assign form as a device declaration', () => {
  test('a printer on COM3 at 9600 baud, one-way, not confirmed', () => {
    const d = accepted(form({ model: 'snbc-bk-t080', transport: 'serial', path: ' COM3 ', baudRate: '9600', readsStatus: 'false', confirm: 'false' }));
    expect(d).toEqual({ id: 'kiosk-2-printer', kind: 'printer', model: 'snbc-bk-t080', transport: { type: 'serial', path: 'COM3', baudRate: 9600 }, printer: { readsStatus: false, confirm: false } });
  });

  test('defaults are left out: no baud rate, readsStatus auto and confirm by profile write nothing', () => {
    const d = accepted(form({ transport: 'usb_lp', path: '/dev/usb/lp0' }));
    expect(d).toEqual({ id: 'kiosk-2-printer', kind: 'printer', model: 'generic-epson', transport: { type: 'usb_lp', path: '/dev/usb/lp0' } });
  });

  test('a network printer with a custom profile id and a confirmation wait', () => {
    const d = accepted(form({ model: CUSTOM_MODEL, customModel: 'acme-80', transport: 'tcp', host: '192.168.1.50', port: '9100', confirm: 'true', confirmTimeoutMs: '1500', readsStatus: 'true' }));
    expect(d).toEqual({ id: 'kiosk-2-printer', kind: 'printer', model: 'acme-80', transport: { type: 'tcp', host: '192.168.1.50', port: 9100 }, printer: { readsStatus: true, confirm: true, confirmTimeoutMs: 1500 } });
  });

  test('a keypad with its addresses, a HID rating pad without a path', () => {
    const keypad = accepted({ ...withKind(emptyForm('printer', 'counter-3'), 'keypad', 'counter-3'), transport: 'serial', path: '/dev/ttyUSB1', keypadAddresses: '1:3， 2：4' });
    expect(keypad).toMatchObject({ id: 'counter-3-keypad', kind: 'keypad', model: 'servicehall-reference-keypad-v1', keypadAddresses: [{ address: 1, counterNumber: 3 }, { address: 2, counterNumber: 4 }] });
    expect(keypad.printer).toBeUndefined();
    const pad = accepted({ ...withKind(emptyForm('printer', 'counter-3'), 'rating_pad', 'counter-3'), model: 'servicehall-reference-hid-v1', transport: 'hid' });
    expect(pad).toEqual({ id: 'counter-3-rating-pad', kind: 'rating_pad', model: 'servicehall-reference-hid-v1', transport: { type: 'hid' } });
  });

  test('each wrong field is named, with a message in the catalog', () => {
    const result = deviceFromForm(form({ id: 'bad id!', model: CUSTOM_MODEL, customModel: ' ', transport: 'tcp', host: '', port: '70000', confirmTimeoutMs: '50' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['confirmTimeoutMs', 'customModel', 'host', 'id', 'port']);
    for (const key of Object.values(result.errors)) expect(zhCN[key!]).toBeTruthy();
    expect(deviceFromForm(form({ transport: 'serial', path: '' })).ok).toBe(false);
    expect(deviceFromForm(form({ transport: 'serial', path: 'COM3', baudRate: 'fast' })).ok).toBe(false);
    expect(deviceFromForm(form({ transport: 'usb_lp', path: 'lp0' })).ok).toBe(false);
    expect(deviceFromForm({ ...withKind(form({}), 'keypad', 'c'), keypadAddresses: '300:1' }).ok).toBe(false);
    // An ID reader cannot sit on a USB printer port.
    expect(deviceFromForm({ ...withKind(form({}), 'id_reader', 'k'), transport: 'usb_lp', path: '/dev/usb/lp0' }).ok).toBe(false);
  });

  test('a declaration round-trips through the form unchanged (editing keeps what it does not show)', () => {
    const declarations: LocalDeviceConfig[] = [
      { id: 'k-printer', kind: 'printer', model: 'acme-80', transport: { type: 'tcp', host: '10.0.0.9', port: 9100 }, printer: { readsStatus: 'auto', confirm: true, confirmTimeoutMs: 3000 } },
      { id: 'k-reader', kind: 'id_reader', model: 'sam-serial', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } },
      { id: 'c-pad', kind: 'rating_pad', model: 'keyboard-mode-evdev', transport: { type: 'hid', path: '/dev/input/by-id/usb-pad-event-kbd' } },
      { id: 'c-keys', kind: 'keypad', model: 'servicehall-reference-keypad-v1', transport: { type: 'emulated' }, keypadAddresses: [{ address: 7, counterNumber: 2 }] },
    ];
    for (const d of declarations) {
      const back = accepted(formFromDevice(d));
      // readsStatus "auto" is the default: written as absent, which means the same.
      const expected = d.printer?.readsStatus === 'auto' ? { ...d, printer: { confirm: true, confirmTimeoutMs: 3000 } } : d;
      expect(back).toEqual(expected);
    }
  });

  test('changing the kind resets a model and transport that do not fit and follows the suggested id', () => {
    const f = withKind(form({ transport: 'usb_lp', path: '/dev/usb/lp0' }), 'id_reader', 'kiosk-2');
    expect(f).toMatchObject({ id: 'kiosk-2-id-reader', model: 'sam-serial', transport: 'serial' });
    const typed = withKind(form({ id: 'front-desk-printer' }), 'rating_pad', 'kiosk-2');
    expect(typed.id).toBe('front-desk-printer');
  });

  test('every kind offers only bundled models that exist in drivers/*/profiles', () => {
    const root = path.resolve(import.meta.dirname, '../../../drivers');
    const ids = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => (JSON.parse(fs.readFileSync(path.join(root, dir, f), 'utf8')) as { id: string }).id);
    expect([...MODELS.printer].sort()).toEqual(ids('printer/profiles').sort());
    expect([...MODELS.rating_pad].sort()).toEqual(ids('rating/profiles').sort());
    expect([...MODELS.keypad].sort()).toEqual(ids('keypad/profiles').sort());
    for (const k of KINDS) expect(TRANSPORTS[k]).toContain('emulated');
  });

  test('a port picked from the machine list sets the transport, unless the kind cannot use it', () => {
    const printer = pickPort(form({}), 'usb_lp', '/dev/usb/lp1');
    expect(printer).toMatchObject({ transport: 'usb_lp', path: '/dev/usb/lp1' });
    const reader = withKind(form({}), 'id_reader', 'k');
    expect(pickPort(reader, 'hid', '/dev/hidraw0')).toBe(reader);
  });
});

describe('the list the page writes back', () => {
  const a: LocalDeviceConfig = { id: 'a', kind: 'printer', model: 'generic-epson', transport: { type: 'emulated' } };
  const b: LocalDeviceConfig = { id: 'b', kind: 'id_reader', model: 'sam-serial', transport: { type: 'emulated' } };

  test('upsert replaces in place, renames, or appends; remove drops one', () => {
    const b2 = { ...b, transport: { type: 'serial' as const, path: 'COM4' } };
    expect(upsertDevice([a, b], b2).map((d) => d.id)).toEqual(['a', 'b']);
    expect(upsertDevice([b, a], { ...a, model: 'snbc-bk-t080' })).toEqual([b, { ...a, model: 'snbc-bk-t080' }]);
    expect(upsertDevice([a, b], { ...a, id: 'a2' }, 'a').map((d) => d.id)).toEqual(['a2', 'b']);
    expect(upsertDevice([a], b).map((d) => d.id)).toEqual(['a', 'b']);
    expect(removeDevice([a, b], 'a')).toEqual([b]);
  });

  test('where a device comes from: this machine, the hall, or this machine over the hall', () => {
    const status = { localDevices: [a], hallDefaults: [{ ...a, model: 'x' }, b], usesHallDefaults: true };
    expect(sourceOf(status, 'a')).toBe('override');
    expect(sourceOf(status, 'b')).toBe('hall');
    expect(declarationOf(status, 'a')).toBe(a);
    expect(declarationOf(status, 'b')).toBe(b);
    expect(sourceOf({ ...status, usesHallDefaults: false }, 'a')).toBe('local');
  });
});

describe('health in plain words', () => {
  test('known codes say what to do; unknown codes fall back to their state', () => {
    expect(healthWords({ state: 'fault', code: 'paper_out', message: '', since: 0 })).toBe('technician.health.paperOut');
    expect(healthWords({ state: 'fault', code: 'sam_self_test_failed', message: '', since: 0 })).toBe('technician.health.sam');
    expect(healthWords({ state: 'warning', code: 'something_new', message: '', since: 0 })).toBe('technician.health.warning');
    expect(healthWords({ state: 'fault', code: 'something_new', message: '', since: 0 })).toBe('technician.health.fault');
    expect(zhCN[healthWords({ state: 'fault', code: 'disconnected', message: '', since: 0 })]).toContain('线缆');
  });
});
