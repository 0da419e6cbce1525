// 超时提醒 and 取号机故障记录 on the admin page. Queue warnings: queues whose longest wait,
// or a new visitor's expected wait, is past the target (hall/domain/estimate.ts
// waitWarning), with the figures to act on. Kiosk faults: every printer or card reader
// fault the hall saw on a kiosk — also after it recovered, marked when it began with
// nobody around (24-hour zone at night) — and today's tickets that did not print.
import type { KioskFaultsDTO, QueueWarningDTO } from '../../hall/api/dto';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { formatHm } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { HealthFaultIcon, WarningIcon } from '../shared/components/Icons';
import { rulesKey, useRulesT } from '../kiosk/rulesText';
import { useT } from '../shared/i18n';
import { healthWords } from '../shared/devices/health-words';
import './devices.css';

/** Layout only (admin.css belongs to the admin page's owner). */
const listStyle = { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: '0.6em' } as const;
const rowStyle = { display: 'flex', gap: '0.6em', alignItems: 'flex-start' } as const;

export function QueueWarnings({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const rt = useRulesT();
  const { client, live } = connection;
  // Waits grow with time alone: poll every minute as well as on every event.
  const view = useHallView<QueueWarningDTO[]>((signal) => client.call('queueWarnings', { signal }), {
    live,
    key: `queue-warnings:${sessionToken}`,
    pollMs: 60_000,
    minIntervalMs: 2_000,
  });
  const list = view.data ?? [];
  return (
    <section className="admin-card admin-queue-warnings" data-testid="queue-warnings" data-count={list.length}>
      <h2>{rt('queueWarnings.title')}</h2>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {view.data && list.length === 0 ? <p className="admin-muted">{rt('queueWarnings.none')}</p> : null}
      {list.length ? (
        <>
          <ul className="admin-warning-list" style={listStyle}>
            {list.map((w) => (
              <li key={w.queueId} className="admin-warning" style={rowStyle} data-testid="queue-warning-row" data-queue-id={w.queueId} data-warning={w.warning}>
                <WarningIcon width="1.2em" height="1.2em" />
                <div>
                  <strong>
                    {w.prefix} {w.name} · {rt(rulesKey('queueWarnings', w.warning, 'queueWarnings.over_target'))}
                  </strong>
                  <div>{rt('queueWarnings.figures', { waiting: w.waiting, longest: w.longestWaitMinutes, target: w.waitTargetMinutes, open: w.openCounters })}</div>
                  <div className="admin-muted">
                    {rt('queueWarnings.estimate', {
                      min: w.estimate.minMinutes,
                      max: w.estimate.maxMinutes,
                      basis: rt(w.estimate.basis === 'measured' ? 'kioskRules.estimate.measured' : 'kioskRules.estimate.typical'),
                    })}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <p className="admin-muted">{rt('queueWarnings.hint')}</p>
        </>
      ) : null}
    </section>
  );
}

export function KioskFaults({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const rt = useRulesT();
  const t = useT();
  /** The fault in the manager's words ("缺纸 — 请换纸"); the driver's own words are folded. */
  const faultWords = (code: string) => {
    const words = healthWords({ state: 'fault', code });
    return `${t(words.problem)} — ${t(words.action)}`;
  };
  const { client, live } = connection;
  const view = useHallView<KioskFaultsDTO>((signal) => client.call('kioskFaults', { signal }), {
    live,
    key: `kiosk-faults:${sessionToken}`,
    // A fault or recovery shows at once (kiosk_device_fault / _recovered), not at the next poll.
    accept: (n) => n.kind === 'resync' || n.event.type === 'print_failed' || n.event.type.startsWith('kiosk_device_'),
    pollMs: 15_000,
  });
  const faults = view.data?.faults ?? [];
  const failedPrints = view.data?.failedPrints ?? [];
  return (
    <section className="admin-card admin-kiosk-faults" data-testid="kiosk-faults" data-count={faults.length}>
      <h2>{rt('kioskFaults.title')}</h2>
      {view.error && !view.data ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : null}
      {view.data && faults.length === 0 ? <p className="admin-muted">{rt('kioskFaults.none')}</p> : null}
      {faults.length ? (
        <ul className="admin-warning-list" style={listStyle}>
          {faults.map((f) => (
            <li
              key={`${f.deviceId}:${f.since}:${f.code}`}
              className={`admin-warning ${f.endedAt === null ? 'admin-warning-ongoing' : ''}`}
              style={rowStyle}
              data-testid="kiosk-fault-row"
              data-device-id={f.deviceId}
              data-unattended={String(f.unattended)}
              data-ongoing={String(f.endedAt === null)}
            >
              <HealthFaultIcon width="1.2em" height="1.2em" />
              <div>
                <strong>
                  {f.terminalName || f.terminalId} · {rt(rulesKey('kioskFaults.zone', f.zone, 'kioskFaults.zone.hall'))} · {rt(rulesKey('kioskFaults.kind', f.kind, 'kioskFaults.kind.printer'))}
                </strong>
                <div data-testid="kiosk-fault-words">{faultWords(f.code)}</div>
                <details className="admin-device-detail">
                  <summary>{t('deviceWords.detail')}</summary>
                  {f.deviceId} · {f.code} · {f.message}
                </details>
                <div>
                  {rt('kioskFaults.since', { time: formatHm(f.since) })} · {f.endedAt === null ? <strong>{rt('kioskFaults.ongoing')}</strong> : rt('kioskFaults.ended', { time: formatHm(f.endedAt) })}
                  {f.unattended ? <span className="admin-badge admin-badge-over">{rt('kioskFaults.unattended')}</span> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {failedPrints.length ? (
        <>
          <h3>{rt('kioskFaults.failedPrints')}</h3>
          <ul data-testid="failed-prints">
            {failedPrints.map((p, i) => (
              <li key={i}>
                {rt('kioskFaults.failedPrint', { time: formatHm(p.at), kiosk: p.kioskId, number: p.number })}
                {p.code ? ` (${p.code})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
