// 终端登记: the manager makes a one-time enrolment code for a terminal and opens the
// address it gives on that device (docs/api.md "Enrolment"). Data:
// GET /api/v1/admin/terminals, POST /api/v1/admin/terminals/:id/enrolment-code.
// Contract: a code is shown once, in this panel's state only — never stored, never
// logged; making another code or leaving the page forgets it.
import { useState } from 'react';
import type { StaffSessionDTO, TerminalRole } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { formatHm } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';

interface TerminalRow {
  id: string;
  role: TerminalRole;
  counterId: string | null;
  name: string;
  page: string;
}

interface MadeCode {
  terminalId: string;
  code: string;
  expiresAt: number;
  page: string;
}

export function EnrolmentPanel({ terminals, makeCode }: { terminals: TerminalRow[]; makeCode: (terminalId: string) => Promise<MadeCode> }) {
  const t = useT();
  const [made, setMade] = useState<MadeCode | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const make = async (terminalId: string) => {
    setBusy(terminalId);
    setError(null);
    setMade(null);
    try {
      setMade(await makeCode(terminalId));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="admin-card" data-testid="admin-enrolment">
      <h2>{t('admin.enrol')}</h2>
      <p className="admin-muted">{t('admin.enrol.hint')}</p>
      {error ? <p role="alert">{t(error)}</p> : null}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.enrol.terminal')}</th>
            <th>{t('admin.enrol.role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {terminals.map((row) => (
            <tr key={row.id} data-testid={`admin-enrol-${row.id}`}>
              <td>{row.name || row.id}</td>
              <td>{t(`admin.enrol.role.${row.role}` as MessageKey)}</td>
              <td>
                <button type="button" disabled={busy !== null} onClick={() => void make(row.id)}>
                  {t('admin.enrol.make')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {made ? (
        <div className="admin-enrol-code" role="status" data-testid="admin-enrol-code">
          <p>
            {terminals.find((r) => r.id === made.terminalId)?.name || made.terminalId} · {t('admin.enrol.code')}：<code>{made.code}</code> · {t('admin.enrol.until', { time: formatHm(made.expiresAt) })}
          </p>
          <p>
            {t('admin.enrol.address')}：<code>{`${window.location.origin}${made.page}`}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function EnrolmentSection({ connection, session }: { connection: PageConnection; session: StaffSessionDTO }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<TerminalRow[]>((signal) => client.call('terminals', { signal }), {
    live,
    key: `terminals:${session.sessionToken}`,
    // The terminals change only with the configuration (a restart).
    accept: () => false,
    pollMs: 3_600_000,
  });
  if (view.data) return <EnrolmentPanel terminals={view.data} makeCode={(id) => client.call('enrolmentCode', { params: { terminalId: id } })} />;
  return <section className="admin-card">{view.error ? <p role="alert">{t(describeError(view.error))}</p> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
}
