// Announced pauses (000 第十七条) on the hall display and the kiosk: every notice from the moment
// the manager posts it until service resumes — a counter pausing or a queue stopping its
// numbers early, with the reason category and the time service resumes, "will pause at …"
// before it starts. Refreshed on each notice event (and a slow poll); renders nothing when
// there is no notice.
import type { ServiceNoticeDTO, ServiceNoticesDTO } from '../../../hall/api/dto';
import type { PageConnection } from '../page/connection';
import { useT, type Translate } from '../i18n';
import { useHallView } from '../hooks/useHallView';
import { useHallNow } from '../hooks/hallClock';
import { formatHm } from '../format/time';
import '../styles/service-desk.css';

function noticeText(n: ServiceNoticeDTO, now: number, t: Translate): string {
  const target = n.counterNumber !== null ? t('notices.counter', { counter: n.counterNumber }) : t('notices.queue', { queue: n.queueName ?? n.queueId ?? '' });
  const params = { target, reason: n.reasonLabel, starts: formatHm(n.startsAt), resumes: formatHm(n.resumesAt) };
  const active = n.startsAt <= now;
  if (n.queueId !== null) return t(active ? 'notices.queueActive' : 'notices.queueUpcoming', params);
  return t(active ? 'notices.active' : 'notices.upcoming', params);
}

export function ServiceNoticeBar({ connection, className = '' }: { connection: PageConnection; className?: string }) {
  const t = useT();
  const now = useHallNow();
  const { client, live } = connection;
  const view = useHallView<ServiceNoticesDTO>((signal) => client.call('serviceNotices', { signal }), {
    live,
    key: 'service-notices',
    enabled: connection.token !== null,
    accept: (n) => n.kind === 'resync' || n.event.type.startsWith('service_notice_'),
    pollMs: 60_000,
  });
  const notices = (view.data?.notices ?? []).filter((n) => n.resumesAt > now);
  if (notices.length === 0) return null;
  return (
    <section className={`service-notices ${className}`} role="status" aria-label={t('notices.title')} data-testid="service-notices">
      <h2 className="service-notices-title">{t('notices.title')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.noticeId} data-testid="service-notice" data-active={String(n.startsAt <= now)} data-reason={n.reasonId}>
            {noticeText(n, now, t)}
          </li>
        ))}
      </ul>
    </section>
  );
}
