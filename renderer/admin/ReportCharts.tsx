// The report's charts (ECharts, loaded lazily — EChart.tsx): waits through the day against the
// target, arrivals per half hour and the ratings trend, all from the report of the chosen period
// (measured waits, never the estimate); counters open against needed from the staffing forecast
// (an estimate, titled as one), on demand because it runs the simulator.
import { useMemo, useState } from 'react';
import type { ReplyOf } from '../../hall/api/contract';
import type { ApiClient } from '../shared/api/client';
import { describeError } from '../shared/api/errors';
import { useT } from '../shared/i18n';
import { EChart, type ChartOption } from './EChart';

type Report = ReplyOf<'hallReport'>;
type Forecast = ReplyOf<'staffingForecast'>;

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

export function ReportCharts({ byHalfHour, client }: { byHalfHour: Report; client: ApiClient }) {
  const t = useT();
  const target = Math.min(...byHalfHour.waitTargets.map((w) => w.minutes));
  const waits = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: byHalfHour.rows.map((r) => r.key) },
      yAxis: { type: 'value', name: t('chart.unit.minutes') },
      series: [
        {
          name: t('chart.waits.mean'),
          type: 'bar',
          data: byHalfHour.rows.map((r) => minutes(r.wait.mean)),
          markLine: Number.isFinite(target) ? { symbol: 'none', data: [{ yAxis: target, name: t('chart.waits.target', { minutes: target }) }], label: { formatter: t('chart.waits.target', { minutes: target }) }, lineStyle: { color: '#b34700', type: 'dashed' } } : undefined,
        },
        { name: t('chart.waits.p90'), type: 'line', data: byHalfHour.rows.map((r) => minutes(r.wait.p90)) },
      ],
    }),
    [byHalfHour, t, target],
  );
  const arrivals = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: byHalfHour.rows.map((r) => r.key) },
      yAxis: { type: 'value', name: t('chart.unit.people') },
      series: [{ name: t('chart.arrivals.series'), type: 'bar', data: byHalfHour.rows.map((r) => r.tickets), label: { show: byHalfHour.rows.length <= 24, position: 'top' } }],
    }),
    [byHalfHour, t],
  );
  const trend = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: byHalfHour.ratingTrend.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', name: '%', min: 0, max: 100 },
        { type: 'value', name: t('chart.unit.times'), minInterval: 1 },
      ],
      series: [
        { name: t('chart.ratings.rate'), type: 'line', data: byHalfHour.ratingTrend.map((d) => (d.satisfaction === null ? null : Math.round(d.satisfaction * 1000) / 10)), connectNulls: false },
        { name: t('chart.ratings.bad'), type: 'bar', yAxisIndex: 1, data: byHalfHour.ratingTrend.map((d) => d.bad) },
      ],
    }),
    [byHalfHour, t],
  );
  return (
    <div className="admin-charts">
      <EChart option={waits} title={t('chart.waits')} testId="chart-waits" />
      <EChart option={arrivals} title={t('chart.arrivals')} testId="chart-arrivals" />
      <EChart option={trend} title={t('chart.ratings')} testId="chart-ratings-trend" />
      <CountersChart client={client} />
    </div>
  );
}

function CountersChart({ client }: { client: ApiClient }) {
  const t = useT();
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const today = forecast?.days.find((d) => d.which === 'today') ?? null;
  const slots = useMemo(() => today?.staffing?.slots ?? [], [today]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: slots.map((s) => s.from) },
      yAxis: [
        { type: 'value', name: t('chart.unit.counters'), minInterval: 1 },
        { type: 'value', name: t('chart.unit.people') },
      ],
      series: [
        { name: t('chart.counters.planned'), type: 'line', step: 'start', data: slots.map((s) => s.planned) },
        { name: t('chart.counters.needed'), type: 'line', step: 'start', data: slots.map((s) => s.advised) },
        { name: t('chart.counters.expected'), type: 'bar', yAxisIndex: 1, data: slots.map((s) => Math.round(s.expected)), itemStyle: { opacity: 0.35 } },
      ],
    }),
    [slots, t],
  );
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setForecast(await client.call('staffingForecast'));
    } catch (err) {
      setError(t(describeError(err)));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="admin-counters-chart">
      {forecast === null ? (
        <figure className="admin-echart">
          <figcaption>{t('chart.counters')}</figcaption>
          <button type="button" className="admin-button" onClick={() => void run()} disabled={running} data-testid="chart-counters-run">
            {running ? t('forecast.running') : t('chart.counters.run')}
          </button>
          {error ? <p className="admin-bad">{error}</p> : null}
        </figure>
      ) : slots.length ? (
        <EChart option={option} title={t('chart.counters')} testId="chart-counters" />
      ) : (
        <p className="admin-muted">{t('chart.counters.closed')}</p>
      )}
    </div>
  );
}
