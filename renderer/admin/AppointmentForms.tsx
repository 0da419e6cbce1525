// The two forms of 预约管理: 登记预约 (matter, Chinese date, 24-hour start and end, optional
// name and ID number) and 导入预约名单 (CSV or JSON; every bad line named right under the list).
// Each checks what it can before sending and says it under the field concerned; what only the
// hall can check comes back from it and is shown under the form's button.
import { useState, type ReactNode } from 'react';
import type { CreateAppointmentRequest, ImportAppointmentsRequest, MatterDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { useRulesT } from '../kiosk/rulesText';
import { DateField } from './forms/DateField';
import { TimeField } from './forms/TimeField';
import { FieldError } from './forms/FieldError';
import { FormFrame } from '../shared/records/RecordForms';

export type FormOutcome = { ok: boolean; text: string; problems?: { path: string; message: string }[] };

/** A form's own result line under its button. */
function Outcome({ outcome, testId, children }: { outcome: FormOutcome | null; testId: string; children?: ReactNode }) {
  if (!outcome) return null;
  return (
    <div className={`admin-device-outcome ${outcome.ok ? 'admin-device-outcome-ok' : 'admin-device-outcome-bad'}`} role={outcome.ok ? 'status' : 'alert'} data-testid={testId} data-ok={String(outcome.ok)}>
      <p>{outcome.text}</p>
      {children}
    </div>
  );
}

const ID_NUMBER = /^\d{17}[\dXx]$/;

export function CreateAppointmentForm(props: { matters: MatterDTO[]; serviceDay: string; busy: boolean; outcome: FormOutcome | null; onCreate: (body: CreateAppointmentRequest) => Promise<boolean> }) {
  const t = useT();
  const rt = useRulesT();
  const blank = { matterId: props.matters[0]?.id ?? '', date: props.serviceDay, start: '09:00', end: '09:30', name: '', idNumber: '' };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<{ end?: string; idNumber?: string }>({});
  const set = (key: keyof typeof form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors({});
  };

  const submit = async () => {
    const found = {
      ...(form.end <= form.start ? { end: t('forms.endBeforeStart') } : {}),
      ...(form.idNumber.trim() && !ID_NUMBER.test(form.idNumber.trim()) ? { idNumber: t('forms.idNumber') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    const body: CreateAppointmentRequest = { matterId: form.matterId, date: form.date, start: form.start, end: form.end };
    if (form.name.trim()) body.name = form.name.trim();
    if (form.idNumber.trim()) body.idNumber = form.idNumber.trim();
    if (await props.onCreate(body)) setForm((f) => ({ ...f, name: '', idNumber: '' }));
  };

  return (
    <FormFrame className="admin-form" testId="appointment-create" onSend={() => void submit()}>
      <h3>{rt('appointments.create.title')}</h3>
      <label>
        {rt('appointments.create.matter')}
        <select value={form.matterId} onChange={(e) => set('matterId')(e.target.value)} data-testid="appointment-matter">
          {props.matters.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <DateField label={rt('appointments.create.date')} value={form.date} onValue={set('date')} min={props.serviceDay} testId="appointment-date" />
      <div className="admin-form-pair">
        <TimeField label={rt('appointments.create.start')} value={form.start} onValue={set('start')} testId="appointment-start" />
        <TimeField label={rt('appointments.create.end')} value={form.end} onValue={set('end')} error={errors.end} testId="appointment-end" />
      </div>
      <label>
        {rt('appointments.create.name')}
        <input type="text" maxLength={30} autoComplete="off" value={form.name} onChange={(e) => set('name')(e.target.value)} data-testid="appointment-name" />
      </label>
      <label>
        {rt('appointments.create.idNumber')}
        <input
          type="text"
          maxLength={18}
          autoComplete="off"
          inputMode="text"
          value={form.idNumber}
          onChange={(e) => set('idNumber')(e.target.value)}
          aria-invalid={errors.idNumber ? true : undefined}
          aria-describedby="appointment-id-number-error"
          data-testid="appointment-id-number"
        />
        <FieldError id="appointment-id-number-error" message={errors.idNumber} />
      </label>
      <button type="submit" className="admin-button" disabled={props.busy} data-testid="appointment-create-submit">
        {rt('appointments.create.submit')}
      </button>
      <Outcome outcome={props.outcome} testId="appointments-outcome" />
    </FormFrame>
  );
}

export function ImportAppointmentsForm(props: { busy: boolean; outcome: FormOutcome | null; onImport: (body: ImportAppointmentsRequest) => Promise<boolean> }) {
  const t = useT();
  const rt = useRulesT();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<ImportAppointmentsRequest['format']>('csv');
  const [empty, setEmpty] = useState(false);
  const problems = props.outcome?.problems ?? [];
  return (
    <FormFrame className="admin-form" testId="appointment-import" onSend={() => (text.trim() ? void props.onImport({ format, text }).then((ok) => ok && setText('')) : setEmpty(true))}>
      <h3>{rt('appointments.import.title')}</h3>
      <p className="admin-muted">{rt('appointments.import.hint')}</p>
      <fieldset className="admin-segmented">
        <legend>{t('forms.importFormat')}</legend>
        {(['csv', 'json'] as const).map((f) => (
          <label key={f} className={format === f ? 'is-active' : ''}>
            <input type="radio" name="import-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`import-format-${f}`} /> {f.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <label>
        {rt('appointments.import.text')}
        <textarea
          rows={6}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setEmpty(false);
          }}
          spellCheck={false}
          aria-invalid={empty || problems.length ? true : undefined}
          aria-describedby="import-text-error"
          data-testid="import-text"
        />
        <FieldError id="import-text-error" message={empty ? t('forms.importEmpty') : null} />
      </label>
      <Outcome outcome={props.outcome} testId="import-outcome">
        {problems.length ? (
          <ul data-testid="import-problems">
            {problems.map((p, i) => (
              <li key={i} data-testid="import-problem" data-path={p.path}>
                <strong>{p.path.startsWith('line ') ? rt('appointments.import.line', { line: p.path.slice(5) }) : p.path === '(file)' ? rt('appointments.import.file') : p.path}</strong> {p.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Outcome>
      <button type="submit" className="admin-button" disabled={props.busy} data-testid="import-submit">
        {rt('appointments.import.submit')}
      </button>
    </FormFrame>
  );
}
