// 大厅综合监管屏: the hall's wall dashboard (docs/wall.md). Read-only and full screen, in type
// readable at 5 m: people waiting and served today, counters open, today's satisfaction, open
// 差评 cases (and how many are past a deadline), and every queue's longest measured wait against
// its target — the same rule as the admin page (renderer/admin/stats.ts overTarget).
// Live: the hall view reloads on every event of the live feed; the summary on events that change
// it and every 30 s (cases pass deadlines with time alone).
import type { HallInfoDTO } from '../../hall/api/dto';
import type { ReplyOf } from '../../hall/api/contract';
import { useT } from '../shared/i18n';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { syncHallClock } from '../shared/hooks/hallClock';
import { formatHm, setHallUtcOffset } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { Clock } from '../shared/components/Clock';
import { overTarget } from '../admin/stats';

type Summary = ReplyOf<'wallSummary'>;

export function WallApp({ connection }: { connection: PageConnection }) {
  const t = useT();
  const { client, live } = connection;
  const liveStatus = useLiveStatus(live);
  const enabled = connection.token !== null;
  const hallView = useHallView<HallInfoDTO>(
    async (signal) => {
      const hall = await client.call('hall', { signal });
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    },
    { live, key: 'wall-hall', enabled, minIntervalMs: 500 },
  );
  const summaryView = useHallView<Summary>((signal) => client.call('wallSummary', { signal }), {
    live,
    key: 'wall-summary',
    enabled,
    pollMs: 30_000,
    minIntervalMs: 1_000,
    accept: (n) => n.kind === 'resync' || /^(service_finished|rating_|bad_rating_case)/.test(n.event.type),
  });
  if (!enabled) return <main className="wall wall-fatal">{t('wall.noToken')}</main>;
  const hall = hallView.data;
  const s = summaryView.data;
  if (!hall) return <main className="wall">{t('app.loading')}</main>;
  const waiting = hall.queues.reduce((n, q) => n + q.waiting, 0);
  const open = hall.counters.filter((c) => c.status !== 'signed_out').length;
  return (
    <main className="wall" data-testid="wall">
      {liveStatus === 'offline' ? <p className="wall-offline">{t('wall.offline')}</p> : null}
      <header className="wall-header">
        <h1>
          {hall.hall.name} · {t('wall.title')}
        </h1>
        <Clock className="wall-clock" />
      </header>
      <section className="wall-figures">
        <Figure label={t('wall.waiting')} value={t('wall.people', { count: waiting })} testId="wall-waiting" />
        <Figure label={t('wall.served')} value={s ? t('wall.people', { count: s.served }) : '—'} testId="wall-served" />
        <Figure label={t('wall.counters')} value={t('wall.of', { count: open, total: hall.counters.length })} testId="wall-counters" />
        <Figure
          label={t('wall.satisfaction')}
          value={s && s.satisfaction !== null ? `${Math.round(s.satisfaction * 1000) / 10}%` : t('wall.noRatings')}
          testId="wall-satisfaction"
        />
        <Figure
          label={t('wall.cases')}
          value={s ? t('wall.pieces', { count: s.openCases }) : '—'}
          note={s && s.overdueCases > 0 ? t('wall.casesOverdue', { count: s.overdueCases }) : undefined}
          warn={!!s && s.overdueCases > 0}
          testId="wall-cases"
        />
      </section>
      <table className="wall-queues" data-testid="wall-queues">
        <thead>
          <tr>
            <th>{t('wall.queue')}</th>
            <th>{t('wall.queueWaiting')}</th>
            <th>{t('wall.longest')}</th>
            <th>{t('wall.target')}</th>
            <th>{t('wall.state')}</th>
          </tr>
        </thead>
        <tbody>
          {hall.queues.map((q) => {
            const over = overTarget(q);
            return (
              <tr key={q.id} className={over ? 'wall-over' : ''} data-testid="wall-queue" data-queue-id={q.id} data-over={String(over)}>
                <td>
                  <strong>{q.prefix}</strong> {q.name}
                </td>
                <td className="num">{q.waiting}</td>
                <td className="num">{t('wall.minutes', { count: q.longestWaitMinutes })}</td>
                <td className="num">{t('wall.minutes', { count: q.waitTargetMinutes })}</td>
                <td>{over ? `▲ ${t('wall.over')}` : t('wall.ok')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer className="wall-footer">{t('wall.updated', { time: formatHm(hallView.loadedAt) })}</footer>
    </main>
  );
}

function Figure({ label, value, note, warn, testId }: { label: string; value: string; note?: string; warn?: boolean; testId: string }) {
  return (
    <div className={`wall-figure ${warn ? 'wall-warn' : ''}`} data-testid={testId}>
      <span className="wall-label">{label}</span>
      <span className="wall-value">{value}</span>
      {note ? <span className="wall-note">{note}</span> : null}
    </div>
  );
}
