// Who this terminal is, which hall it belongs to and whether the link to the hall is up.
import type { TechnicianStatus } from '../../agent/technician/api-types';
import { useT } from '../shared/i18n';
import { formatHms } from '../shared/format/time';

export function StatusHeader({ status }: { status: TechnicianStatus }) {
  const t = useT();
  const { link } = status;
  return (
    <section className="tech-card tech-status" aria-labelledby="tech-status-title" data-testid="tech-status">
      <h2 id="tech-status-title">{t('technician.status')}</h2>
      <dl className="tech-facts">
        <dt>{t('technician.status.terminal')}</dt>
        <dd data-testid="tech-terminal-id">{status.terminalId ?? t('technician.status.notEnrolled')}</dd>
        <dt>{t('technician.status.hall')}</dt>
        <dd className="tech-mono">{status.hallUrl ?? t('technician.status.noHall')}</dd>
        <dt>{t('technician.status.link')}</dt>
        <dd data-testid="tech-link" data-connected={String(link.connected)}>
          <strong className={link.connected ? 'tech-ok' : 'tech-bad'}>{t(link.connected ? 'technician.status.linkUp' : 'technician.status.linkDown')}</strong>
          <span className="tech-muted"> {t('technician.status.since', { time: formatHms(link.since) })}</span>
          {!link.connected ? (
            <details className="tech-detail">
              <summary>{t('technician.detail')}</summary>
              <p className="tech-mono">{link.reason}</p>
            </details>
          ) : null}
        </dd>
      </dl>
      {!link.connected ? <p className="tech-note">{t('technician.status.linkDownHint')}</p> : null}
    </section>
  );
}
