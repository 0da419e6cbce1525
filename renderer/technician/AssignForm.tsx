// 设置设备: assign a device to a port — kind, model (bundled profile or a custom id),
// where it is plugged in, baud rate, printer options. Every field has a label; errors are
// next to their field and announced. Saving writes terminal.json (PUT /local/api/devices).
import type { FormEvent, ReactNode } from 'react';
import { useT, type MessageKey } from '../shared/i18n';
import { kindKey } from '../shared/devices/devices';
import { CUSTOM_MODEL, KINDS, MODELS, TRANSPORTS, type DeviceForm, type FormErrors, type FormField, type TransportType } from './declaration';

const TRANSPORT_WORDS: Record<TransportType, MessageKey> = {
  serial: 'technician.transport.serial',
  usb_lp: 'technician.transport.usb_lp',
  hid: 'technician.transport.hid',
  tcp: 'technician.transport.tcp',
  emulated: 'technician.transport.emulated',
};

interface Props {
  form: DeviceForm;
  errors: FormErrors;
  editing: string | null;
  saving: boolean;
  onChange(next: DeviceForm): void;
  onKind(kind: DeviceForm['kind']): void;
  onSubmit(): void;
  onCancel(): void;
}

export function AssignForm({ form, errors, editing, saving, onChange, onKind, onSubmit, onCancel }: Props) {
  const t = useT();
  const set = <K extends FormField>(key: K, value: DeviceForm[K]) => onChange({ ...form, [key]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const needsPath = form.transport === 'serial' || form.transport === 'usb_lp' || form.transport === 'hid';
  return (
    <section className="tech-card" aria-labelledby="tech-form-title" data-testid="tech-form">
      <h2 id="tech-form-title">{t(editing ? 'technician.form.editing' : 'technician.form.title', { id: editing ?? '' })}</h2>
      <p className="tech-muted">{t('technician.form.hint')}</p>
      <form onSubmit={submit} noValidate>
        <Field id="tech-kind" label="technician.form.kind" error={errors.kind}>
          <select id="tech-kind" value={form.kind} onChange={(e) => onKind(e.target.value as DeviceForm['kind'])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </Field>
        <Field id="tech-id" label="technician.form.id" error={errors.id} hint="technician.form.idHint">
          <input id="tech-id" className="tech-mono" value={form.id} onChange={(e) => set('id', e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="tech-model" label="technician.form.model" error={errors.model}>
          <select id="tech-model" value={form.model} onChange={(e) => set('model', e.target.value)}>
            {MODELS[form.kind].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
            <option value={CUSTOM_MODEL}>{t('technician.form.customModel')}</option>
          </select>
        </Field>
        {form.model === CUSTOM_MODEL ? (
          <Field id="tech-custom-model" label="technician.form.customModelId" error={errors.customModel} hint="technician.form.customModelHint">
            <input id="tech-custom-model" className="tech-mono" value={form.customModel} onChange={(e) => set('customModel', e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
        ) : null}
        <Field id="tech-transport" label="technician.form.transport" error={errors.transport}>
          <select id="tech-transport" value={form.transport} onChange={(e) => set('transport', e.target.value as TransportType)}>
            {TRANSPORTS[form.kind].map((tr) => (
              <option key={tr} value={tr}>
                {t(TRANSPORT_WORDS[tr])}
              </option>
            ))}
          </select>
        </Field>
        {needsPath ? (
          <Field id="tech-path" label="technician.form.path" error={errors.path} hint={form.transport === 'hid' ? 'technician.form.hidPathHint' : 'technician.form.pathHint'}>
            <input id="tech-path" className="tech-mono" value={form.path} onChange={(e) => set('path', e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
        ) : null}
        {form.transport === 'serial' ? (
          <Field id="tech-baud" label="technician.form.baudRate" error={errors.baudRate} hint="technician.form.baudHint">
            <input id="tech-baud" inputMode="numeric" list="tech-bauds" value={form.baudRate} onChange={(e) => set('baudRate', e.target.value)} autoComplete="off" />
            <datalist id="tech-bauds">
              {[9600, 19200, 38400, 57600, 115200].map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
          </Field>
        ) : null}
        {form.transport === 'tcp' ? (
          <>
            <Field id="tech-host" label="technician.form.host" error={errors.host}>
              <input id="tech-host" className="tech-mono" value={form.host} onChange={(e) => set('host', e.target.value)} autoComplete="off" spellCheck={false} />
            </Field>
            <Field id="tech-port" label="technician.form.port" error={errors.port} hint="technician.form.portHint">
              <input id="tech-port" inputMode="numeric" value={form.port} onChange={(e) => set('port', e.target.value)} autoComplete="off" />
            </Field>
          </>
        ) : null}
        {form.kind === 'printer' ? <PrinterOptions form={form} errors={errors} set={set} /> : null}
        {form.kind === 'keypad' ? (
          <Field id="tech-keypad" label="technician.form.keypadAddresses" error={errors.keypadAddresses} hint="technician.form.keypadHint">
            <input id="tech-keypad" className="tech-mono" value={form.keypadAddresses} onChange={(e) => set('keypadAddresses', e.target.value)} autoComplete="off" />
          </Field>
        ) : null}
        <div className="tech-actions">
          <button type="submit" className="tech-button" disabled={saving} data-testid="tech-save">
            {t(saving ? 'technician.form.saving' : 'technician.form.save')}
          </button>
          {editing ? (
            <button type="button" className="tech-button secondary" onClick={onCancel} disabled={saving}>
              {t('technician.form.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function PrinterOptions({ form, errors, set }: { form: DeviceForm; errors: FormErrors; set: <K extends FormField>(key: K, value: DeviceForm[K]) => void }) {
  const t = useT();
  return (
    <fieldset className="tech-fieldset">
      <legend>{t('technician.form.printerOptions')}</legend>
      <Field id="tech-reads-status" label="technician.form.readsStatus" error={errors.readsStatus} hint="technician.form.readsStatusHint">
        <select id="tech-reads-status" value={form.readsStatus} onChange={(e) => set('readsStatus', e.target.value as DeviceForm['readsStatus'])}>
          <option value="auto">{t('technician.form.readsStatus.auto')}</option>
          <option value="true">{t('technician.form.readsStatus.true')}</option>
          <option value="false">{t('technician.form.readsStatus.false')}</option>
        </select>
      </Field>
      <Field id="tech-confirm" label="technician.form.confirm" error={errors.confirm} hint="technician.form.confirmHint">
        <select id="tech-confirm" value={form.confirm} onChange={(e) => set('confirm', e.target.value as DeviceForm['confirm'])}>
          <option value="profile">{t('technician.form.confirm.profile')}</option>
          <option value="true">{t('technician.form.confirm.true')}</option>
          <option value="false">{t('technician.form.confirm.false')}</option>
        </select>
      </Field>
      <Field id="tech-confirm-timeout" label="technician.form.confirmTimeout" error={errors.confirmTimeoutMs} hint="technician.form.confirmTimeoutHint">
        <input id="tech-confirm-timeout" inputMode="numeric" value={form.confirmTimeoutMs} onChange={(e) => set('confirmTimeoutMs', e.target.value)} autoComplete="off" />
      </Field>
    </fieldset>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: MessageKey; hint?: MessageKey; error: MessageKey | undefined; children: ReactNode }) {
  const t = useT();
  return (
    <div className={`tech-field${error ? ' tech-field-error' : ''}`}>
      <label htmlFor={id}>{t(label)}</label>
      {children}
      {hint ? <span className="tech-muted tech-hint">{t(hint)}</span> : null}
      {error ? (
        <span className="tech-bad" role="alert" data-testid="tech-field-error">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
