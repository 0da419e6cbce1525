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
import { CreateAppointmentForm, ImportAppointmentsForm, type FormOutcome } from './AppointmentForms';
import { DateField } from './forms/DateField';

type Outcomes = { create: FormOutcome | null; import: FormOutcome | null; list: FormOutcome | null };

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
  const [outcomes, setOutcomes] = useState<Outcomes>({ create: null, import: null, list: null });
  const [busy, setBusy] = useState(false);

  const view = useHallView<AppointmentDTO[]>((signal) => client.call('appointments', { signal, query: { day } }), {
    live,
    key: `appointments:${day}:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || n.event.type === 'ticket_issued',
    pollMs: 60_000,
  });
  const list = view.data ?? [];

  const failed = (err: unknown): FormOutcome => {
    if (err instanceof ApiError) {
      const problems = Array.isArray(err.details) ? (err.details as { path: string; message: string }[]) : [];
      return { ok: false, text: err.code === 'import_invalid' ? rt('appointments.import.failed') : rt('appointments.failed', { message: err.message }), problems };
    }
    return { ok: false, text: t(describeError(err)) };
  };

  /** Runs one form's request; its outcome shows under that form. True when it succeeded. */
  const run = async (form: keyof Outcomes, work: () => Promise<FormOutcome>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    let outcome: FormOutcome;
    try {
      outcome = await work();
      view.reload();
    } catch (err) {
      outcome = failed(err);
    } finally {
      setBusy(false);
    }
    setOutcomes({ create: null, import: null, list: null, [form]: outcome });
    return outcome.ok;
  };

  const create = (body: CreateAppointmentRequest) =>
    run('create', async () => {
      const a = await client.call('createAppointment', { body });
      if (a.serviceDay !== day) setDay(a.serviceDay);
      return { ok: true, text: rt('appointments.create.done', { code: a.code }) };
    });

  const importList = (body: ImportAppointmentsRequest) =>
    run('import', async () => {
      const res = await client.call('importAppointments', { body });
      return { ok: true, text: rt('appointments.import.done', { count: res.imported }) };
    });

  const cancel = (a: AppointmentDTO) =>
    run('list', async () => {
      await client.call('cancelAppointment', { params: { id: a.id } });
      return { ok: true, text: rt('appointments.cancelled', { code: a.code }) };
    });

  return (
    <section className="admin-card admin-appointments" data-testid="appointments-panel">
      <h2>{rt('appointments.title')}</h2>
      <div className="admin-appointments-day">
        <DateField label={rt('appointments.day')} value={day} onValue={setDay} testId="appointments-day" />
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

      {outcomes.list ? (
        <p className={`admin-device-outcome ${outcomes.list.ok ? 'admin-device-outcome-ok' : 'admin-device-outcome-bad'}`} role="status" data-testid="appointments-list-outcome" data-ok={String(outcomes.list.ok)}>
          {outcomes.list.text}
        </p>
      ) : null}

      <div className="admin-appointments-forms">
        <CreateAppointmentForm matters={matters} serviceDay={serviceDay} busy={busy} outcome={outcomes.create} onCreate={create} />
        <ImportAppointmentsForm busy={busy} outcome={outcomes.import} onImport={importList} />
      </div>
    </section>
  );
}
