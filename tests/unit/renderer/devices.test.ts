// Devices as the pages show them: kiosk hints, the counter's rating pad, the technician's
// health display, and which list wins between a view and a `devices` push.
import { describe, expect, test } from 'vitest';
import type { DeviceDTO } from '../../../hall/api/dto';
import {
  groupByTerminal,
  healthDisplay,
  kindKey,
  printerAvailable,
  replaceDevice,
  showIdHint,
  svgDataUrl,
  workingRatingPad,
} from '../../../renderer/shared/devices/devices';
import { pickDevices } from '../../../renderer/shared/devices/useDevices';
import { printerFlagsFromHealth } from '../../../renderer/shared/devices/printerFlags';
import { CARD_FIXTURES } from '../../../renderer/admin/DevicesSection';
import { zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';

function device(id: string, kind: DeviceDTO['kind'], terminalId: string, state: DeviceDTO['health']['state'] = 'ok', counterId: string | null = null, code = 'ok'): DeviceDTO {
  return { id, kind, terminalId, counterId, model: 'm', transport: 't', emulated: true, agentConnected: true, agent: null, health: { state, code, message: '', since: 1 } };
}

describe('kiosk hints follow the kiosk own devices', () => {
  const devices = [device('k1-r', 'id_reader', 'kiosk-1'), device('k1-p', 'printer', 'kiosk-1', 'fault', null, 'paper_out'), device('k2-r', 'id_reader', 'kiosk-2', 'fault')];
  test('"请刷身份证" only with a reader on this kiosk that is not in fault', () => {
    expect(showIdHint(devices, 'kiosk-1')).toBe(true);
    expect(showIdHint(devices, 'kiosk-2')).toBe(false);
    expect(showIdHint(devices, 'kiosk-3')).toBe(false);
    expect(showIdHint(devices, null)).toBe(false);
    expect(showIdHint([device('w', 'id_reader', 'kiosk-1', 'warning')], 'kiosk-1')).toBe(true);
  });
  test('the printer banner follows the own printer where present, else the hall flag', () => {
    expect(printerAvailable({ printing: { available: true, reason: null } }, devices, 'kiosk-1')).toBe(false);
    expect(printerAvailable({ printing: { available: false, reason: 'x' } }, devices, 'kiosk-2')).toBe(false);
    expect(printerAvailable({ printing: { available: true, reason: null } }, devices, 'kiosk-2')).toBe(true);
    expect(printerAvailable({ printing: { available: true, reason: null } }, [device('p', 'printer', 'kiosk-1', 'warning')], 'kiosk-1')).toBe(true);
  });
});

describe('counter display rating pad', () => {
  test('a pad of this counter that is not in fault takes the rating; otherwise the screen does', () => {
    const pads = [device('pad1', 'rating_pad', 'counter-1', 'ok', 'c01'), device('pad2', 'rating_pad', 'counter-2', 'fault', 'c02')];
    expect(workingRatingPad(pads, 'c01')?.id).toBe('pad1');
    expect(workingRatingPad(pads, 'c02')).toBeUndefined();
    expect(workingRatingPad(pads, 'c03')).toBeUndefined();
    expect(workingRatingPad([device('k', 'keypad', 'counter-1', 'ok', 'c01')], 'c01')).toBeUndefined();
  });
});

describe('health display', () => {
  test('every state has its own icon and words (colour is never the only cue)', () => {
    const shown = (['ok', 'warning', 'fault'] as const).map((state) => healthDisplay({ state, code: 'x', message: '', since: 0 }));
    expect(new Set(shown.map((s) => s.icon)).size).toBe(3);
    expect(new Set(shown.map((s) => s.label)).size).toBe(3);
    for (const s of shown) expect(zhCN[s.label]).toBeTruthy();
    expect(healthDisplay(undefined)).toEqual({ state: 'unknown', label: 'device.health.unknown', icon: 'unknown' });
  });
  test('kinds translate; an unknown kind gets a generic word, never the code', () => {
    expect(kindKey('printer')).toBe('device.kind.printer');
    expect(kindKey('keypad')).toBe('device.kind.keypad');
    expect(kindKey('scanner')).toBe('device.kind.other');
  });
  test('grouped by terminal, printers first', () => {
    const groups = groupByTerminal([device('b', 'id_reader', 'kiosk-2'), device('a', 'printer', 'kiosk-2'), device('c', 'rating_pad', 'counter-1')]);
    expect(groups.map((g) => g.terminalId)).toEqual(['counter-1', 'kiosk-2']);
    expect(groups[1]!.devices.map((d) => d.id)).toEqual(['a', 'b']);
  });
  test('printer switches start from the health code', () => {
    expect(printerFlagsFromHealth({ state: 'fault', code: 'paper_out', message: '', since: 0 })).toEqual({ paperOut: true, paperNearEnd: false, coverOpen: false, offline: false });
    expect(printerFlagsFromHealth({ state: 'fault', code: 'cover_open', message: '', since: 0 }).coverOpen).toBe(true);
  });
  test('the preview SVG becomes an image address, never markup', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toContain('<');
  });
  test('the six card fixtures of the emulator are offered with words', () => {
    expect(CARD_FIXTURES.map((f) => f.id)).toEqual(['resident-adult', 'resident-elderly', 'resident-rare-character-name', 'foreigner-2017', 'foreigner-2023', 'hmt-residence-permit']);
  });
});

describe('which device list is current', () => {
  const viewList = [device('a', 'printer', 'k')];
  const pushedList = [device('a', 'printer', 'k', 'fault')];
  test('a push replaces the view it arrived over; a view loaded later wins again', () => {
    expect(pickDevices(viewList, null)).toBe(viewList);
    expect(pickDevices(viewList, { devices: pushedList, over: viewList })).toBe(pushedList);
    const reloaded = [device('a', 'printer', 'k', 'warning')];
    expect(pickDevices(reloaded, { devices: pushedList, over: viewList })).toBe(reloaded);
    expect(pickDevices(undefined, { devices: pushedList, over: undefined })).toBe(pushedList);
    expect(pickDevices(undefined, null)).toEqual([]);
  });
  test('an emulator answer replaces its device', () => {
    expect(replaceDevice(viewList, pushedList[0]!)).toEqual(pushedList);
    expect(replaceDevice([], pushedList[0]!)).toEqual(pushedList);
  });
});
