// 统计报表: the manager's report of a period (today, this week, this month, last month or chosen
// dates) grouped by queue, matter, counter, staff member, day or time of day; exported as CSV or
// Excel (the hall makes the file: GET /api/v1/admin/reports/export) and printed as the monthly
// report (print CSS hides everything but the report). Waits are measured ones; the charts below
// come from the same report (ReportCharts.tsx). UI text: renderer/shared/i18n/zh-CN-reports.ts.
import { useState } from 'react';
import type { ReplyOf } from '../../hall/api/contract';
import type { ApiClient } from '../shared/api/client';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { useT, type MessageKey } from '../shared/i18n';
import { minutesOf, periodOf, type PeriodPreset } from './reportPeriods';
import { ReportCharts } from './ReportCharts';
import { DateField, useChineseDate } from './forms/DateField';

type Report = ReplyOf<'hallReport'>;
type Row = Report['rows'][number];
const DIMENSIONS = ['queue', 'matter', 'counter', 'staff', 'day', 'hour', 'half_hour'] as const;
const PRESETS: readonly PeriodPreset[] = ['today', 'week', 'month', 'lastMonth', 'custom'];
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

export function ReportsPanel({ client, serviceDay }: { client: ApiClient; serviceDay: string }) {
  const t = useT();
  const chineseDate = useChineseDate();
  const [preset, setPreset] = useState<PeriodPreset>('month');
  const [custom, setCustom] = useState(() => periodOf('month', serviceDay));
  const [by, setBy] = useState<(typeof DIMENSIONS)[number]>('queue');
  const [error, setError] = useState<string | null>(null);
  const period = preset === 'custom' ? custom : periodOf(preset, serviceDay);
  // The report asked for: set by 生成报表 (the first one, this month by queue, on opening).
  const [asked, setAsked] = useState(() => ({ ...periodOf('month', serviceDay), by: 'queue' as (typeof DIMENSIONS)[number], n: 0 }));
  const view = useHallView<{ main: Report; chart: Report }>(
    async (signal) => {
      const { from, to, by: dim } = asked;
      const [main, chart] = await Promise.all([client.call('hallReport', { signal, query: { from, to, by: dim } }), client.call('hallReport', { signal, query: { from, to, by: 'half_hour' } })]);
      return { main, chart };
    },
    { live: null, key: `report:${asked.from}:${asked.to}:${asked.by}:${asked.n}` },
  );
  const report = view.data?.main ?? null;
  const byHalfHour = view.data?.chart ?? null;
  const loading = view.data === null && view.error === null;
  const run = () => {
    setError(null);
    setAsked((a) => ({ ...period, by, n: a.n + 1 }));
  };
  const shownError = error ?? (view.error ? t(describeError(view.error)) : null);

  const download = async (format: 'csv' | 'xlsx') => {
    if (!report) return;
    try {
      const { blob, fileName } = await client.download('hallReportExport', { query: { from: report.from, to: report.to, by: report.by, format } });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? `report.${format}`;
      a.dataset.testid = 'report-download-link';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(t('report.downloadFailed', { message: t(describeError(err)) }));
    }
  };

  const m = (s: number | null) => {
    const v = minutesOf(s);
    return v === null ? t('report.none') : v;
  };

  return (
    <section className="admin-card admin-report" data-testid="admin-reports">
      <h2>{t('report.title')}</h2>
      <p className="admin-muted admin-no-print">{t('report.intro')}</p>
      <form
        className="admin-form admin-report-form admin-no-print"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <fieldset className="admin-segmented">
          <legend>{t('report.period')}</legend>
          {PRESETS.map((p) => (
            <label key={p} className={preset === p ? 'is-active' : ''}>
              <input type="radio" name="report-period" value={p} checked={preset === p} onChange={() => setPreset(p)} data-testid={`report-period-${p}`} />
              {t(`report.period.${p}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        {preset === 'custom' ? (
          <div className="admin-form-row">
            <DateField label={t('report.from')} value={custom.from} max={serviceDay} onValue={(from) => setCustom({ ...custom, from })} testId="report-from" />
            <DateField label={t('report.to')} value={custom.to} max={serviceDay} onValue={(to) => setCustom({ ...custom, to })} testId="report-to" />
          </div>
        ) : (
          <p className="admin-muted" data-testid="report-period-shown">{t('report.periodShown', { from: chineseDate(period.from), to: chineseDate(period.to) })}</p>
        )}
        <label>
          {t('report.by')}
          <select value={by} onChange={(e) => setBy(e.target.value as (typeof DIMENSIONS)[number])} data-testid="report-by">
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`report.by.${d}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <div className="admin-actions">
          <button type="submit" className="admin-button" disabled={loading} data-testid="report-run">
            {loading ? t('report.loading') : t('report.run')}
          </button>
          <button type="button" className="admin-button admin-button-secondary" disabled={!report} onClick={() => void download('csv')} data-testid="report-export-csv">
            {t('report.exportCsv')}
          </button>
          <button type="button" className="admin-button admin-button-secondary" disabled={!report} onClick={() => void download('xlsx')} data-testid="report-export-xlsx">
            {t('report.exportXlsx')}
          </button>
          <button type="button" className="admin-button admin-button-secondary" disabled={!report} onClick={() => window.print()} data-testid="report-print">
            {t('report.print')}
          </button>
        </div>
      </form>
      {shownError ? (
        <p className="admin-bad" role="alert">
          {shownError}
        </p>
      ) : null}
      {report ? (
        <div className="admin-report-body" data-testid="report-body">
          <h3>{t('report.heading', { hall: report.hallName, from: report.from, to: report.to })}</h3>
          {report.total.tickets === 0 ? <p className="admin-muted">{t('report.empty')}</p> : null}
          <div className="admin-table-scroll">
            <table className="admin-table" data-testid="report-table">
              <thead>
                <tr>
                  <th>{t(`report.col.by.${report.by}` as MessageKey)}</th>
                  <th>{t('report.col.tickets')}</th>
                  <th>{t('report.col.served')}</th>
                  <th>{t('report.col.noShows')}</th>
                  <th>{t('report.col.transfers')}</th>
                  <th>{t('report.col.suspensions')}</th>
                  <th>{t('report.col.waitMean')}</th>
                  <th>{t('report.col.waitP50')}</th>
                  <th>{t('report.col.waitP90')}</th>
                  <th>{t('report.col.waitMax')}</th>
                  <th>{t('report.col.overTarget')}</th>
                  <th>{t('report.col.target')}</th>
                  <th>{t('report.col.serviceMean')}</th>
                  <th>{t('report.col.serviceP90')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <ReportRow key={r.key} row={r} m={m} t={t} />
                ))}
                <ReportRow row={report.total} m={m} t={t} total />
              </tbody>
            </table>
          </div>
          <p className="admin-muted">{t('report.unit')}</p>
          <div className="admin-report-summary">
            <div data-testid="report-ratings">
              <h4>{t('report.ratings')}</h4>
              <p>
                {report.ratings.hall.satisfaction === null
                  ? t('report.ratings.noRate', { count: report.ratings.hall.rated })
                  : t('report.ratings.rated', { count: report.ratings.hall.rated, rate: pct(report.ratings.hall.satisfaction) })}
                {' · '}
                {t('report.ratings.notRated', { count: report.ratings.hall.notRated })}
              </p>
            </div>
            <div data-testid="report-cases">
              <h4>{t('report.cases')}</h4>
              <p>
                {t('report.cases.summary', {
                  total: report.cases.total,
                  opened: report.cases.byStatus.opened ?? 0,
                  revisited: report.cases.byStatus.revisited ?? 0,
                  rectified: report.cases.byStatus.rectified ?? 0,
                  explained: report.cases.byStatus.explained ?? 0,
                  appealed: report.cases.byStatus.appealed ?? 0,
                  closed: report.cases.byStatus.closed ?? 0,
                })}
              </p>
              <p>
                {report.cases.onTimeRate === null
                  ? t('report.cases.noRate')
                  : t('report.cases.onTime', {
                      revisitOnTime: report.cases.revisit.onTime,
                      revisitLate: report.cases.revisit.late,
                      rectifyOnTime: report.cases.rectify.onTime,
                      rectifyLate: report.cases.rectify.late,
                      rate: pct(report.cases.onTimeRate),
                    })}
              </p>
            </div>
          </div>
          {byHalfHour ? <ReportCharts byHalfHour={byHalfHour} client={client} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function ReportRow({ row, m, t, total }: { row: Row; m: (s: number | null) => string; t: ReturnType<typeof useT>; total?: boolean }) {
  return (
    <tr className={`${total ? 'admin-total' : ''} ${row.overTarget ? 'admin-over' : ''}`} data-testid="report-row" data-key={row.key}>
      <td>
        {total ? t('report.total') : row.name}
        {row.overTarget ? <span className="admin-badge admin-badge-over"> {t('report.overTarget')}</span> : null}
      </td>
      <td className="num">{row.tickets}</td>
      <td className="num">{row.served}</td>
      <td className="num">{row.noShows}</td>
      <td className="num">{row.transfers}</td>
      <td className="num">{row.suspensions}</td>
      <td className="num">{m(row.wait.mean)}</td>
      <td className="num">{m(row.wait.p50)}</td>
      <td className="num">{m(row.wait.p90)}</td>
      <td className="num">{m(row.wait.max)}</td>
      <td className="num">{row.waitsOverTarget}</td>
      <td className="num">{row.waitTargetMinutes ?? t('report.none')}</td>
      <td className="num">{m(row.service.mean)}</td>
      <td className="num">{m(row.service.p90)}</td>
    </tr>
  );
}
