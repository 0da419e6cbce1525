// 预约管理 on the admin page: the appointments of a day (today by default) with their
// status and ticket number; enter one (name stored masked, ID number only as a blind index
// for card check-in); import a JSON or CSV list — all rows or none, every bad line named;
// cancel a booked one. Texts: renderer/shared/i18n/zh-CN-kiosk-rules.ts.
import { useState } from 'react';
import type { AppointmentDTO, CreateAppointmentRequest, ImportAppointmentsRequest, MatterDTO } from '../../hall/api/dto';
import { ApiError, describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { useT } from '../shared/i18n';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { rulesKey, useRulesT } from '../kiosk/rulesText';

type Outcome = { ok: boolean; text: string; problems?: { path: string; message: string }[] };

/** Layout only (admin.css belongs to the admin page's owner): two forms side by side, fields stacked. */
const formsStyle = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(22em, 1fr))', gap: '1.5em', marginTop: '1em' } as const;
const formStyle = { display: 'grid', gap: '0.5em', alignContent: 'start' } as const;

export interface AppointmentsPanelProps {
  connection: PageConnection;
  sessionToken: string;
  matters: MatterDTO[];
  serviceDay: string;
}

export function AppointmentsPanel({ connection, sessionToken, matters, serviceDay }: AppointmentsPanelProps) {
  const t = useT();
  const rt = useRulesT();
  const { client, live } = connection;
  const [day, setDay] = useState(serviceDay);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<CreateAppointmentRequest>({ matterId: matters[0]?.id ?? '', date: serviceDay, start: '09:00', end: '09:30', name: '', idNumber: '' });
  const [importText, setImportText] = useState('');
  const [format, setFormat] = useState<ImportAppointmentsRequest['format']>('csv');

  const view = useHallView<AppointmentDTO[]>((signal) => client.call('appointments', { signal, query: { day } }), {
    live,
    key: `appointments:${day}:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || n.event.type === 'ticket_issued',
    pollMs: 60_000,
  });
  const list = view.data ?? [];

  const failed = (err: unknown): Outcome => {
    if (err instanceof ApiError) {
      const problems = Array.isArray(err.details) ? (err.details as { path: string; message: string }[]) : [];
      return { ok: false, text: err.code === 'import_invalid' ? rt('appointments.import.failed') : rt('appointments.failed', { message: err.message }), problems };
    }
    return { ok: false, text: t(describeError(err)) };
  };

  const run = async (work: () => Promise<Outcome>) => {
    if (busy) return;
    setBusy(true);
    try {
      setOutcome(await work());
      view.reload();
    } catch (err) {
      setOutcome(failed(err));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(async () => {
      const body: CreateAppointmentRequest = { matterId: form.matterId, date: form.date, start: form.start, end: form.end };
      if (form.name?.trim()) body.name = form.name.trim();
      if (form.idNumber?.trim()) body.idNumber = form.idNumber.trim();
      const a = await client.call('createAppointment', { body });
      setForm((f) => ({ ...f, name: '', idNumber: '' }));
      if (a.serviceDay !== day) setDay(a.serviceDay);
      return { ok: true, text: rt('appointments.create.done', { code: a.code }) };
    });

  const importList = () =>
    run(async () => {
      const res = await client.call('importAppointments', { body: { format, text: importText } });
      setImportText('');
      return { ok: true, text: rt('appointments.import.done', { count: res.imported }) };
    });

  const cancel = (a: AppointmentDTO) =>
    run(async () => {
      await client.call('cancelAppointment', { params: { id: a.id } });
      return { ok: true, text: rt('appointments.cancelled', { code: a.code }) };
    });

  const field = (key: keyof CreateAppointmentRequest) => ({
    value: form[key] ?? '',
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  return (
    <section className="admin-card admin-appointments" data-testid="appointments-panel">
      <h2>{rt('appointments.title')}</h2>
      <div className="admin-appointments-day">
        <label>
          {rt('appointments.day')} <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} data-testid="appointments-day" />
        </label>
        <span className="admin-muted" data-testid="appointments-count">
          {rt('appointments.count', { count: list.length, checkedIn: list.filter((a) => a.status === 'checked_in').length })}
        </span>
      </div>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {list.length ? (
        <table className="admin-table" data-testid="appointments-table">
          <thead>
            <tr>
              <th>{rt('appointments.col.slot')}</th>
              <th>{rt('appointments.col.code')}</th>
              <th>{rt('appointments.col.matter')}</th>
              <th>{rt('appointments.col.name')}</th>
              <th>{rt('appointments.col.status')}</th>
              <th>{rt('appointments.col.ticket')}</th>
              <th>{rt('appointments.col.source')}</th>
              <th>{rt('appointments.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} data-testid="appointment-row" data-code={a.code} data-status={a.status}>
                <td className="num">{a.slotText}</td>
                <td className="num">
                  <strong>{a.code}</strong>
                </td>
                <td>{a.matterName}</td>
                <td>
                  {a.maskedName ?? t('admin.none')}
                  {a.hasIdNumber ? <span className="admin-badge">{rt('appointments.idCard')}</span> : null}
                </td>
                <td>
                  <span className={`admin-badge admin-appointment-${a.status}`}>{rt(rulesKey('appointments.status', a.status, 'appointments.status.booked'))}</span>
                </td>
                <td className="num">{a.ticketNumber ?? t('admin.none')}</td>
                <td>{rt(rulesKey('appointments.source', a.source, 'appointments.source.local'))}</td>
                <td>
                  {a.status === 'booked' ? (
                    <button type="button" className="admin-button admin-button-small" onClick={() => void cancel(a)} disabled={busy} data-testid="appointment-cancel">
                      {rt('appointments.cancel')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : view.data ? (
        <p className="admin-muted">{rt('appointments.empty')}</p>
      ) : null}

      {outcome ? (
        <div className={`admin-device-outcome ${outcome.ok ? 'admin-device-outcome-ok' : 'admin-device-outcome-bad'}`} role={outcome.ok ? 'status' : 'alert'} data-testid="appointments-outcome" data-ok={String(outcome.ok)}>
          <p>{outcome.text}</p>
          {outcome.problems?.length ? (
            <ul data-testid="import-problems">
              {outcome.problems.map((p, i) => (
                <li key={i} data-testid="import-problem" data-path={p.path}>
                  <strong>{p.path.startsWith('line ') ? rt('appointments.import.line', { line: p.path.slice(5) }) : p.path === '(file)' ? rt('appointments.import.file') : p.path}</strong> {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="admin-appointments-forms" style={formsStyle}>
        <form
          className="admin-form"
          style={formStyle}
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
          data-testid="appointment-create"
        >
          <h3>{rt('appointments.create.title')}</h3>
          <label>
            {rt('appointments.create.matter')}
            <select {...field('matterId')} data-testid="appointment-matter">
              {matters.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {rt('appointments.create.date')} <input type="date" {...field('date')} data-testid="appointment-date" />
          </label>
          <label>
            {rt('appointments.create.start')} <input type="time" {...field('start')} data-testid="appointment-start" />
          </label>
          <label>
            {rt('appointments.create.end')} <input type="time" {...field('end')} data-testid="appointment-end" />
          </label>
          <label>
            {rt('appointments.create.name')} <input type="text" maxLength={30} autoComplete="off" {...field('name')} data-testid="appointment-name" />
          </label>
          <label>
            {rt('appointments.create.idNumber')} <input type="text" maxLength={18} autoComplete="off" {...field('idNumber')} data-testid="appointment-id-number" />
          </label>
          <button type="submit" className="admin-button" disabled={busy} data-testid="appointment-create-submit">
            {rt('appointments.create.submit')}
          </button>
        </form>

        <form
          className="admin-form"
          style={formStyle}
          onSubmit={(e) => {
            e.preventDefault();
            void importList();
          }}
          data-testid="appointment-import"
        >
          <h3>{rt('appointments.import.title')}</h3>
          <p className="admin-muted">{rt('appointments.import.hint')}</p>
          <div className="admin-format-choice">
            {(['csv', 'json'] as const).map((f) => (
              <label key={f}>
                <input type="radio" name="import-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`import-format-${f}`} /> {f.toUpperCase()}
              </label>
            ))}
          </div>
          <label>
            {rt('appointments.import.text')}
            <textarea rows={6} value={importText} onChange={(e) => setImportText(e.target.value)} spellCheck={false} data-testid="import-text" />
          </label>
          <button type="submit" className="admin-button" disabled={busy || !importText.trim()} data-testid="import-submit">
            {rt('appointments.import.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}
