// Pure logic of the technician's page: the assign form ⇄ a device declaration as
// terminal.json holds it (protocol/devices.ts localDeviceSchema), the list the page
// PUTs back, and which models and ports fit which kind of device.
// Contract: deviceFromForm never throws; it returns the declaration or the fields
// that are wrong (as message keys), so the server's own check is a second line, not the first.
import type { LocalDeviceConfig, TechnicianStatus } from '../../agent/technician/api-types';
import type { MessageKey } from '../shared/i18n';

export type DeviceKind = LocalDeviceConfig['kind'];
export type TransportType = LocalDeviceConfig['transport']['type'];

export const KINDS: readonly DeviceKind[] = ['printer', 'id_reader', 'rating_pad', 'keypad'];

/** Where each kind can be plugged in (agent/devices/open-device.ts opens nothing else). */
export const TRANSPORTS: Record<DeviceKind, readonly TransportType[]> = {
  printer: ['usb_lp', 'serial', 'tcp', 'emulated'],
  id_reader: ['serial', 'emulated'],
  rating_pad: ['serial', 'hid', 'tcp', 'emulated'],
  keypad: ['serial', 'tcp', 'emulated'],
};

/** Bundled model profiles (drivers/printer/profiles, drivers/rating/profiles, drivers/keypad/profiles). */
export const MODELS: Record<DeviceKind, readonly string[]> = {
  printer: ['generic-epson', 'snbc-bk-t080', 'generic-58mm-gb2312'],
  id_reader: ['sam-serial'],
  rating_pad: ['servicehall-reference-serial-v1', 'servicehall-reference-hid-v1', 'keyboard-mode-evdev'],
  keypad: ['servicehall-reference-keypad-v1'],
};

/** The model select's value for "another model, typed in" (a custom printer profile's id). */
export const CUSTOM_MODEL = '__custom__';

export interface DeviceForm {
  id: string;
  kind: DeviceKind;
  /** One of MODELS[kind], or CUSTOM_MODEL (then customModel is used). */
  model: string;
  customModel: string;
  transport: TransportType;
  /** serial / usb_lp / hid path. */
  path: string;
  host: string;
  port: string;
  /** Empty: the driver's default. */
  baudRate: string;
  readsStatus: 'auto' | 'true' | 'false';
  /** "profile": whatever the model profile says. */
  confirm: 'profile' | 'true' | 'false';
  confirmTimeoutMs: string;
  /** Keypads: "address:counter" pairs separated by commas, e.g. "1:3, 2:4". */
  keypadAddresses: string;
}

export type FormField = keyof DeviceForm;
export type FormErrors = Partial<Record<FormField, MessageKey>>;
export type FormResult = { ok: true; device: LocalDeviceConfig } | { ok: false; errors: FormErrors };

export function emptyForm(kind: DeviceKind = 'printer', terminalId: string | null = null): DeviceForm {
  return {
    id: suggestedId(kind, terminalId),
    kind,
    model: MODELS[kind][0]!,
    customModel: '',
    transport: TRANSPORTS[kind][0]!,
    path: '',
    host: '',
    port: '',
    baudRate: '',
    readsStatus: 'auto',
    confirm: 'profile',
    confirmTimeoutMs: '',
    keypadAddresses: '',
  };
}

const ID_SUFFIX: Record<DeviceKind, string> = { printer: 'printer', id_reader: 'id-reader', rating_pad: 'rating-pad', keypad: 'keypad' };

export function suggestedId(kind: DeviceKind, terminalId: string | null): string {
  return terminalId ? `${terminalId}-${ID_SUFFIX[kind]}` : ID_SUFFIX[kind];
}

/** A new kind chosen in the form: models and transports that do not fit it are reset. */
export function withKind(form: DeviceForm, kind: DeviceKind, terminalId: string | null): DeviceForm {
  const idWasSuggested = form.id === '' || KINDS.some((k) => form.id === suggestedId(k, terminalId));
  return {
    ...form,
    kind,
    id: idWasSuggested ? suggestedId(kind, terminalId) : form.id,
    model: MODELS[kind][0]!,
    customModel: '',
    transport: TRANSPORTS[kind].includes(form.transport) ? form.transport : TRANSPORTS[kind][0]!,
  };
}

/** A declaration (from terminal.json or the hall's defaults) in the form, to edit it. */
export function formFromDevice(d: LocalDeviceConfig): DeviceForm {
  const known = MODELS[d.kind].includes(d.model);
  const t = d.transport;
  return {
    ...emptyForm(d.kind),
    id: d.id,
    model: known ? d.model : CUSTOM_MODEL,
    customModel: known ? '' : d.model,
    transport: t.type,
    path: t.type === 'serial' || t.type === 'usb_lp' || t.type === 'hid' ? (t.path ?? '') : '',
    host: t.type === 'tcp' ? t.host : '',
    port: t.type === 'tcp' ? String(t.port) : '',
    baudRate: t.type === 'serial' && t.baudRate !== undefined ? String(t.baudRate) : '',
    readsStatus: d.printer?.readsStatus === true ? 'true' : d.printer?.readsStatus === false ? 'false' : 'auto',
    confirm: d.printer?.confirm === undefined ? 'profile' : d.printer.confirm ? 'true' : 'false',
    confirmTimeoutMs: d.printer?.confirmTimeoutMs !== undefined ? String(d.printer.confirmTimeoutMs) : '',
    keypadAddresses: (d.keypadAddresses ?? []).map((a) => `${a.address}:${a.counterNumber}`).join(', '),
  };
}

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The form as the declaration terminal.json will hold, or what is wrong with it. */
export function deviceFromForm(form: DeviceForm): FormResult {
  const errors: FormErrors = {};
  const id = form.id.trim();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) errors.id = 'technician.form.error.id';
  const model = form.model === CUSTOM_MODEL ? form.customModel.trim() : form.model;
  if (!model) errors.customModel = 'technician.form.error.model';
  if (!TRANSPORTS[form.kind].includes(form.transport)) errors.transport = 'technician.form.error.transport';

  let transport: LocalDeviceConfig['transport'] = { type: 'emulated' };
  const path = form.path.trim();
  switch (form.transport) {
    case 'emulated':
      break;
    case 'serial': {
      if (!path) errors.path = 'technician.form.error.path';
      const baud = form.baudRate.trim() === '' ? undefined : wholeNumber(form.baudRate);
      if (baud === null || baud === 0) errors.baudRate = 'technician.form.error.baudRate';
      transport = { type: 'serial', path, ...(baud ? { baudRate: baud } : {}) };
      break;
    }
    case 'usb_lp':
      if (!path.startsWith('/')) errors.path = 'technician.form.error.usbPath';
      transport = { type: 'usb_lp', path };
      break;
    case 'hid':
      transport = { type: 'hid', ...(path ? { path } : {}) };
      break;
    case 'tcp': {
      const port = wholeNumber(form.port);
      if (!form.host.trim()) errors.host = 'technician.form.error.host';
      if (port === null || port < 1 || port > 65535) errors.port = 'technician.form.error.port';
      transport = { type: 'tcp', host: form.host.trim(), port: port ?? 0 };
      break;
    }
  }

  let printer: LocalDeviceConfig['printer'];
  if (form.kind === 'printer') {
    const timeout = form.confirmTimeoutMs.trim() === '' ? undefined : wholeNumber(form.confirmTimeoutMs);
    if (timeout === null || (timeout !== undefined && (timeout < 200 || timeout > 15_000))) errors.confirmTimeoutMs = 'technician.form.error.confirmTimeout';
    printer = {
      ...(form.readsStatus !== 'auto' && { readsStatus: form.readsStatus === 'true' }),
      ...(form.confirm !== 'profile' && { confirm: form.confirm === 'true' }),
      ...(timeout ? { confirmTimeoutMs: timeout } : {}),
    };
    if (Object.keys(printer).length === 0) printer = undefined;
  }

  let keypadAddresses: LocalDeviceConfig['keypadAddresses'];
  if (form.kind === 'keypad' && form.keypadAddresses.trim()) {
    keypadAddresses = [];
    for (const pair of form.keypadAddresses.split(/[,，\s]+/).filter(Boolean)) {
      const m = /^(\d{1,3})[:：](\d{1,4})$/.exec(pair);
      const address = m ? Number(m[1]) : NaN;
      const counterNumber = m ? Number(m[2]) : NaN;
      if (!m || address > 255 || counterNumber < 1) {
        errors.keypadAddresses = 'technician.form.error.keypadAddresses';
        break;
      }
      keypadAddresses.push({ address, counterNumber });
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    device: { id, kind: form.kind, model, transport, ...(keypadAddresses && { keypadAddresses }), ...(printer && { printer }) },
  };
}

/** terminal.json's devices with `device` added, or replacing the entry of the same id (kept in place). */
export function upsertDevice(list: readonly LocalDeviceConfig[], device: LocalDeviceConfig, replacing?: string): LocalDeviceConfig[] {
  const oldId = replacing ?? device.id;
  const at = list.findIndex((d) => d.id === oldId);
  const rest = list.filter((d) => d.id !== oldId && d.id !== device.id);
  if (at < 0) return [...rest, device];
  const out = [...rest];
  out.splice(Math.min(at, out.length), 0, device);
  return out;
}

export function removeDevice(list: readonly LocalDeviceConfig[], id: string): LocalDeviceConfig[] {
  return list.filter((d) => d.id !== id);
}

/**
 * Where a running device is declared: "local" (terminal.json only), "override" (terminal.json
 * replaces a hall default of the same id), "hall" (the hall's default only).
 */
export function sourceOf(status: Pick<TechnicianStatus, 'localDevices' | 'hallDefaults' | 'usesHallDefaults'>, id: string): 'local' | 'override' | 'hall' {
  const local = status.localDevices.some((d) => d.id === id);
  const hall = status.usesHallDefaults && status.hallDefaults.some((d) => d.id === id);
  return local ? (hall ? 'override' : 'local') : 'hall';
}

/** The declaration of a running device: terminal.json's entry first, else the hall's default. */
export function declarationOf(status: Pick<TechnicianStatus, 'localDevices' | 'hallDefaults'>, id: string): LocalDeviceConfig | undefined {
  return status.localDevices.find((d) => d.id === id) ?? status.hallDefaults.find((d) => d.id === id);
}

/** A port picked from the machine's list: the transport it implies for this kind, if the kind can use it. */
export function pickPort(form: DeviceForm, source: 'serial' | 'usb_lp' | 'hid', path: string): DeviceForm {
  const transport: TransportType = source;
  if (!TRANSPORTS[form.kind].includes(transport)) return form;
  return { ...form, transport, path };
}
