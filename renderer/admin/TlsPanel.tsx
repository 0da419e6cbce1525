// 安全连接: whether the LAN is encrypted, and the certificate fingerprint a
// technician compares with the one a terminal shows while it is enrolled
// (docs/security-tls.md). Data: GET /api/v1/admin/tls (hall/api/dto.ts).
// The fingerprint is shown whole, in two lines of 16 pairs, in a monospace font:
// a person compares it character by character.
import { useT } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { wallClock } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import type { StaffSessionDTO, TlsStatusDTO } from '../../hall/api/dto';

/** "AB:CD:…" (32 pairs) → two lines of 16 pairs. */
export function fingerprintLines(sha256: string): string[] {
  const pairs = sha256.split(':');
  return [pairs.slice(0, 16).join(':'), pairs.slice(16).join(':')].filter((line) => line !== '');
}

export function TlsPanel({ status }: { status: TlsStatusDTO }) {
  const t = useT();
  if (!status.enabled || !status.sha256) {
    return (
      <section className="admin-card" data-testid="admin-tls">
        <h2>{t('admin.tls')}</h2>
        <p className="admin-muted">{t('admin.tls.off')}</p>
      </section>
    );
  }
  const until = status.notAfter === null ? null : wallClock(status.notAfter);
  return (
    <section className="admin-card" data-testid="admin-tls">
      <h2>{t('admin.tls')}</h2>
      <p>{t('admin.tls.on')}</p>
      <p>
        {t('admin.tls.fingerprint')}
        {status.source ? `（${t(`admin.tls.source.${status.source}`)}）` : null}
      </p>
      <code className="admin-fingerprint" data-testid="admin-tls-fingerprint">
        {fingerprintLines(status.sha256).map((line) => (
          <span key={line}>{line}</span>
        ))}
      </code>
      {until ? <p className="admin-muted">{t('admin.tls.validUntil', { date: `${until.year}-${String(until.month).padStart(2, '0')}-${String(until.day).padStart(2, '0')}` })}</p> : null}
      <p className="admin-muted">{t('admin.tls.hint')}</p>
    </section>
  );
}

export function TlsSection({ connection, session }: { connection: PageConnection; session: StaffSessionDTO }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<TlsStatusDTO>((signal) => client.call('tlsStatus', { signal }), {
    live,
    key: `tls:${session.sessionToken}`,
    // The certificate changes only with a restart of the hall: load once, re-check hourly.
    accept: () => false,
    pollMs: 3_600_000,
  });
  if (view.data) return <TlsPanel status={view.data} />;
  return <section className="admin-card">{view.error ? <p role="alert">{t(describeError(view.error))}</p> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
}
