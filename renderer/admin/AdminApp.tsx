// 管理: sign-in for admins and managers, then the hall at a glance: queues against their
// wait targets, counters, today's ratings, and the devices with their health, test print
// and (for the demo's emulators) injected swipes, presses and faults.
import { useEffect } from 'react';
import type { HallInfoDTO, RatingDTO, StaffSessionDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { ApiError, describeError, isUnreachable } from '../shared/api/errors';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { syncHallClock } from '../shared/hooks/hallClock';
import { formatHm, setHallUtcOffset } from '../shared/format/time';
import { waitRangePhrase } from '../shared/format/wait';
import type { PageConnection } from '../shared/page/connection';
import { useStaffSession } from '../shared/page/staffSession';
import { Clock } from '../shared/components/Clock';
import { ConnectionBanner } from '../shared/components/ConnectionBanner';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { StaffSignIn } from '../shared/components/StaffSignIn';
import { WarningIcon } from '../shared/components/Icons';
import { RatingsChart } from './RatingsChart';
import { DevicesSection } from './DevicesSection';
import { RatingUploadsPanel } from './RatingUploadsPanel';
import { SimulatorSection, SyncStatusSection } from './CentralSections';
import { ForecastPanel } from './ForecastPanel';
import { EnrolmentSection } from './EnrolmentPanel';
import { TlsSection } from './TlsPanel';
import { AppointmentsPanel } from './AppointmentsPanel';
import { ServiceRecordsPanel } from './ServiceRecordsPanel';
import { CasesPanel } from './CasesPanel';
import { ServiceDeskPanel } from './ServiceDeskPanel';
import { KioskFaults, QueueWarnings } from './QueueWarnings';
import { HelpRequestsPanel } from './HelpRequestsPanel';
import { PolicyWarnings } from './PolicyWarnings';
import { badRatings, overTarget, ratingDistribution } from './stats';
import { AdminNav, AdminSection } from './AdminSections';
import { ReportsPanel } from './ReportsPanel';

export function AdminApp({ connection }: { connection: PageConnection }) {
  const t = useT();
  const { client, live, staff } = connection;
  const session = useStaffSession(staff!);
  const liveStatus = useLiveStatus(live);

  if (!connection.token) {
    return (
      <div className="admin admin-fatal">
        <ErrorMessage message="error.noToken" testId="admin-fatal" />
      </div>
    );
  }

  const signIn = async (staffNo: string, pin: string) => {
    staff!.set(await client.call('adminSignIn', { body: { staffNo, pin } }));
  };

  return (
    <div className="admin">
      <ConnectionBanner show={liveStatus === 'offline'} />
      {session ? (
        <Dashboard connection={connection} session={session} />
      ) : (
        <div className="admin-sign-in">
          <StaffSignIn title={t('admin.signInTitle')} onSignIn={signIn} />
        </div>
      )}
    </div>
  );
}

function Dashboard({ connection, session }: { connection: PageConnection; session: StaffSessionDTO }) {
  const t = useT();
  const { client, live, staff } = connection;

  const hallView = useHallView<HallInfoDTO>(
    async (signal) => {
      const hall = await client.call('hall', { signal });
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    },
    { live, key: 'hall', minIntervalMs: 1_000 },
  );
  const hall = hallView.data;
  const day = hall?.serviceDay ?? '';
  const ratingsView = useHallView<RatingDTO[]>((signal) => client.call('adminRatings', { signal, query: { day } }), {
    live,
    key: `${day}:${session.sessionToken}`,
    enabled: day !== '',
    accept: (n) => n.kind === 'resync' || n.event.type.startsWith('rating_'),
    pollMs: 60_000,
  });

  const ratingsError = ratingsView.error;
  useEffect(() => {
    if (ratingsError instanceof ApiError && ratingsError.status === 401) staff?.clear();
  }, [ratingsError, staff]);

  const offline = isUnreachable(hallView.error);
  if (!hall) {
    return (
      <main className="admin-main">
        {hallView.error ? <ErrorMessage message={describeError(hallView.error)} onRetry={hallView.reload} /> : <p className="loading">{t('app.loading')}</p>}
      </main>
    );
  }

  const ratings = ratingsView.data ?? [];
  const totalWaiting = hall.queues.reduce((n, q) => n + q.waiting, 0);
  const open = hall.counters.filter((c) => c.status !== 'signed_out').length;
  const over = hall.queues.filter(overTarget).length;
  const dash = t('admin.none');

  return (
    <>
      <ConnectionBanner show={offline} />
      <header className="admin-header">
        <div>
          <h1>{t('admin.title')}</h1>
          <p>{t('admin.overview', { hall: hall.hall.name, day: hall.serviceDay })}</p>
        </div>
        <div className="admin-header-right">
          <span>{t('admin.signedInAs', { name: session.staff.name, post: session.staff.post })}</span>
          <Clock className="admin-clock" />
          <button type="button" className="admin-sign-out" onClick={() => staff?.clear()} data-testid="admin-sign-out">
            {t('action.signOut')}
          </button>
        </div>
      </header>

      <AdminNav />
      <main className="admin-main" data-testid="admin-dashboard">
        <AdminSection id="today">
        <section className="admin-summary">
          <Summary label={t('admin.summary.waiting')} value={t('admin.summary.people', { count: totalWaiting })} testId="admin-total-waiting" />
          <Summary label={t('admin.summary.counters')} value={t('admin.summary.ofTotal', { count: open, total: hall.counters.length })} testId="admin-open-counters" />
          <Summary label={t('admin.summary.overTarget')} value={String(over)} warn={over > 0} testId="admin-over-target" />
          <Summary
            label={t('admin.summary.ratings')}
            value={t('admin.ratings.count', { count: ratings.filter((r) => r.outcome && r.outcome !== 'not_rated').length })}
            note={badRatings(ratings) > 0 ? t('admin.ratings.bad', { count: badRatings(ratings) }) : undefined}
            testId="admin-ratings-count"
          />
        </section>

        <section className="admin-card">
          <h2>{t('admin.queues')}</h2>
          <table className="admin-table" data-testid="admin-queues">
            <thead>
              <tr>
                <th>{t('admin.queue.name')}</th>
                <th>{t('admin.queue.waiting')}</th>
                <th>{t('admin.queue.green')}</th>
                <th>{t('admin.queue.longest')}</th>
                <th>{t('admin.queue.estimate')}</th>
                <th>{t('admin.queue.target')}</th>
                <th>{t('admin.queue.state')}</th>
              </tr>
            </thead>
            <tbody>
              {hall.queues.map((q) => {
                const isOver = overTarget(q);
                const est = waitRangePhrase(q.estimate);
                return (
                  <tr key={q.id} className={isOver ? 'admin-over' : ''} data-testid="admin-queue-row" data-queue-id={q.id} data-over={String(isOver)}>
                    <td>
                      <strong>{q.prefix}</strong> {q.name}
                    </td>
                    <td className="num">{q.waiting}</td>
                    <td className="num">{q.waitingGreen}</td>
                    <td className="num">{t('admin.queue.minutes', { count: q.longestWaitMinutes })}</td>
                    <td>{t(est.key, est.params)}</td>
                    <td className="num">{t('admin.queue.minutes', { count: q.waitTargetMinutes })}</td>
                    <td>
                      {isOver ? (
                        <span className="admin-badge admin-badge-over">
                          <WarningIcon width="1em" height="1em" /> {t('admin.queue.over')}
                        </span>
                      ) : (
                        <span className="admin-badge">{t('admin.queue.ok')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <HelpRequestsPanel connection={connection} sessionToken={session.sessionToken} />
        <QueueWarnings connection={connection} sessionToken={session.sessionToken} />
        <PolicyWarnings connection={connection} sessionToken={session.sessionToken} />
        </AdminSection>
        <AdminSection id="queues">
        <section className="admin-card">
          <h2>{t('admin.counters')}</h2>
          <table className="admin-table" data-testid="admin-counters">
            <thead>
              <tr>
                <th>{t('admin.counter.number')}</th>
                <th>{t('admin.counter.name')}</th>
                <th>{t('admin.counter.area')}</th>
                <th>{t('admin.counter.status')}</th>
                <th>{t('admin.counter.staff')}</th>
                <th>{t('admin.counter.current')}</th>
              </tr>
            </thead>
            <tbody>
              {hall.counters.map((c) => (
                <tr key={c.id} data-testid="admin-counter-row" data-counter-id={c.id} data-status={c.status}>
                  <td className="num">{t('counter.numbered', { number: c.number })}</td>
                  <td>{c.name}</td>
                  <td>{c.area || dash}</td>
                  <td>
                    <span className={`admin-status admin-status-${c.status}`}>{t(`counterStatus.${c.status}`)}</span>
                  </td>
                  <td>{c.staff ? t('counterPage.staff', { name: c.staff.name, staffNo: c.staff.staffNo }) : dash}</td>
                  <td className="num">{c.currentTicketNumber ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <ServiceDeskPanel connection={connection} sessionToken={session.sessionToken} counters={hall.counters} queues={hall.queues} />
        <ForecastPanel client={connection.client} />
        </AdminSection>
        <AdminSection id="ratings">
        <section className="admin-card admin-ratings">
          <h2>{t('admin.ratings')}</h2>
          {ratingsView.error && !(ratingsView.error instanceof ApiError && ratingsView.error.status === 401) ? (
            <ErrorMessage message={describeError(ratingsView.error)} onRetry={ratingsView.reload} />
          ) : null}
          <div className="admin-ratings-body">
            <RatingsChart counts={ratingDistribution(ratings)} />
            {ratings.length ? (
              <table className="admin-table" data-testid="admin-ratings">
                <thead>
                  <tr>
                    <th>{t('admin.ratings.time')}</th>
                    <th>{t('admin.ratings.ticket')}</th>
                    <th>{t('admin.ratings.counter')}</th>
                    <th>{t('admin.ratings.staff')}</th>
                    <th>{t('admin.ratings.matter')}</th>
                    <th>{t('admin.ratings.outcome')}</th>
                    <th>{t('admin.ratings.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ratings.map((r) => (
                    <tr key={r.id} data-testid="admin-rating-row" data-outcome={r.outcome ?? ''}>
                      <td className="num">{formatHm(r.ratedAt ?? r.requestedAt)}</td>
                      <td className="num">{r.ticketNumber}</td>
                      {/* A self-service terminal's rating has no counter number (hall/domain/decide-self-service.ts). */}
                      <td className="num">{r.counterNumber ? t('counter.numbered', { number: r.counterNumber }) : t('publication.selfService')}</td>
                      <td>{r.staffName ?? dash}</td>
                      <td>{r.matterName}</td>
                      <td className={r.outcome === 'dissatisfied' || r.outcome === 'very_dissatisfied' ? 'admin-bad' : ''}>
                        {r.outcome ? t(`rating.${r.outcome}`) : t('rating.pending')}
                      </td>
                      <td>{r.source ? t(`rating.source.${r.source}`) : dash}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="admin-muted">{t('admin.ratings.empty')}</p>
            )}
          </div>
        </section>
        <CasesPanel connection={connection} sessionToken={session.sessionToken} staffId={session.staff.id} />
        <ServiceRecordsPanel connection={connection} sessionToken={session.sessionToken} />
        </AdminSection>
        <AdminSection id="reports">
          <ReportsPanel client={connection.client} serviceDay={hall.serviceDay} />
        </AdminSection>
        <AdminSection id="appointments">
          <AppointmentsPanel connection={connection} sessionToken={session.sessionToken} matters={hall.matters} serviceDay={hall.serviceDay} />
        </AdminSection>
        <AdminSection id="devices">
          <KioskFaults connection={connection} sessionToken={session.sessionToken} />
          <DevicesSection connection={connection} sessionToken={session.sessionToken} counters={hall.counters} />
          <EnrolmentSection connection={connection} session={session} />
        </AdminSection>
        <AdminSection id="sync">
          <SyncStatusSection connection={connection} session={session} />
          <RatingUploadsPanel connection={connection} sessionToken={session.sessionToken} />
        </AdminSection>
        <AdminSection id="settings">
          <SimulatorSection connection={connection} session={session} />
          <TlsSection connection={connection} session={session} />
        </AdminSection>
        <p className="admin-muted admin-updated">{t('admin.updatedAt', { time: formatHm(hallView.loadedAt) })}</p>
      </main>
    </>
  );
}

function Summary({ label, value, note, warn, testId }: { label: string; value: string; note?: string; warn?: boolean; testId: string }) {
  return (
    <div className={`admin-summary-card ${warn ? 'admin-summary-warn' : ''}`} data-testid={testId}>
      <span className="admin-summary-label">{label}</span>
      <span className="admin-summary-value">{value}</span>
      {note ? <span className="admin-summary-note">{note}</span> : null}
    </div>
  );
}
