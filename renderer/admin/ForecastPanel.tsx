// 来访人数与窗口安排预测: the staffing forecast on the admin page. The manager
// presses 生成预测 (it runs the simulator, a few seconds) and reads, for the rest
// of today and for tomorrow, the expected visitors per half hour, the planned
// and the advised number of open counters, the advice as sentences
// ("10:30 加开 1 个窗口（共 7 个）"), and the waits per group with the planned
// counters and with the advised ones; optionally how accurate the forecast was
// on the last 20 working days.
// Contract: GET /api/v1/admin/forecast (hall/api/routes/forecast.ts); types come
// from the route table. UI text: renderer/shared/i18n/zh-CN-forecast.ts.
import { useState } from 'react';
import { useT, type MessageKey } from '../shared/i18n';
import type { ApiClient } from '../shared/api/client';
import { ApiError, describeError } from '../shared/api/errors';
import type { ReplyOf } from '../../hall/api/contract';

type Forecast = ReplyOf<'staffingForecast'>;
type Day = Forecast['days'][number];
type Staffing = NonNullable<Day['staffing']>;
const GROUPS = ['green', 'appointment', 'walk_in'] as const;
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const minutes = (n: number | null) => (n === null ? '—' : n.toFixed(1));

export function ForecastPanel({ client }: { client: ApiClient }) {
  const t = useT();
  const [withBacktest, setWithBacktest] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Forecast | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await client.call('staffingForecast', { query: withBacktest ? { backtest: '20' } : {} }));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'busy' ? t('forecast.error.busy') : t(describeError(err)));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="admin-card" data-testid="forecast">
      <h2>{t('forecast.title')}</h2>
      <p className="admin-muted">{t('forecast.intro')}</p>
      <div className="admin-device-controls">
        <label>
          <input type="checkbox" checked={withBacktest} onChange={(e) => setWithBacktest(e.target.checked)} data-testid="forecast-backtest" />
          {t('forecast.withBacktest')}
        </label>
        <button type="button" className="admin-button" disabled={running} onClick={() => void run()} data-testid="forecast-run">
          {running ? t('forecast.running') : t('forecast.run')}
        </button>
      </div>
      {error ? (
        <p className="error-message" role="alert" data-testid="forecast-error">
          {error}
        </p>
      ) : null}
      {result ? <ForecastResult result={result} /> : null}
    </section>
  );
}

function ForecastResult({ result }: { result: Forecast }) {
  const t = useT();
  if (result.history.days === 0) return <p>{t('forecast.noHistory')}</p>;
  const b = result.backtest;
  return (
    <div data-testid="forecast-result">
      <p className="admin-muted">{t('forecast.history', { from: result.history.from, to: result.history.to, days: result.history.days })}</p>
      {result.days.map((d) => (
        <ForecastDay key={d.serviceDay} day={d} />
      ))}
      {b && b.mapeHallSlot !== null ? (
        <p data-testid="forecast-backtest-result">{t('forecast.backtest', { days: b.days.length, mape: pct(b.mapeHallSlot), dayMape: pct(b.mapeDay), mae: (b.maePerQueueSlot ?? 0).toFixed(1) })}</p>
      ) : null}
    </div>
  );
}

/** "10:30 加开 1 个窗口（共 7 个）" for each change of the advised counters. */
export function adviceText(t: ReturnType<typeof useT>, staffing: Staffing): string[] {
  return staffing.changes.map((c, i) =>
    i === 0 ? t('forecast.advice.first', { time: c.from, total: c.total }) : t(c.change > 0 ? 'forecast.advice.more' : 'forecast.advice.fewer', { time: c.from, n: Math.abs(c.change), total: c.total }),
  );
}

function ForecastDay({ day }: { day: Day }) {
  const t = useT();
  const tags = [day.dayName, day.monthStart ? t('forecast.tag.monthStart') : null, day.afterHoliday ? t('forecast.tag.afterHoliday') : null].filter(Boolean).join('，');
  const title = t(day.which === 'today' ? 'forecast.today' : 'forecast.tomorrow', { day: day.serviceDay }) + (tags ? `（${tags}）` : '');
  if (!day.open) {
    return (
      <div data-testid="forecast-day" data-which={day.which}>
        <h3>{title}</h3>
        <p>{t('forecast.closed')}</p>
      </div>
    );
  }
  const s = day.staffing;
  const advice = s ? adviceText(t, s) : [];
  return (
    <div data-testid="forecast-day" data-which={day.which}>
      <h3>{title}</h3>
      <p>
        {day.which === 'today'
          ? t('forecast.todaySummary', { arrived: day.arrivedSoFar ?? 0, rest: Math.round(day.expectedTotal - (day.arrivedSoFar ?? 0)), ratio: day.correction ?? 1 })
          : t('forecast.daySummary', { total: Math.round(day.expectedTotal), ratio: day.factor })}
      </p>
      {s ? (
        <>
          <h4>{t('forecast.adviceTitle')}</h4>
          <ul data-testid="forecast-advice">{advice.length > 1 || advice.length === 0 ? advice.map((a) => <li key={a}>{a}</li>) : [<li key={advice[0]}>{advice[0]}</li>, <li key="none">{t('forecast.advice.none')}</li>]}</ul>
        </>
      ) : null}
      <table className="admin-table" data-testid="forecast-table">
        <thead>
          <tr>
            <th>{t('forecast.col.time')}</th>
            <th>{t('forecast.col.expected')}</th>
            {s ? <th>{t('forecast.col.planned')}</th> : null}
            {s ? <th>{t('forecast.col.advised')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {day.slots.map((slot) => {
            const st = s?.slots.find((x) => x.from === slot.from);
            return (
              <tr key={slot.from} data-testid="forecast-slot">
                <td>{slot.from}</td>
                <td className="num">{slot.expected.toFixed(1)}</td>
                {s ? <td className="num">{st?.planned ?? '—'}</td> : null}
                {s ? <td className="num">{st ? `${st.advised}${st.short ? `（${t('forecast.short')}）` : ''}` : '—'}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {s ? <Waits staffing={s} /> : null}
    </div>
  );
}

function Waits({ staffing }: { staffing: Staffing }) {
  const t = useT();
  return (
    <>
      <h4>{t('forecast.waitsTitle')}</h4>
      <table className="admin-table" data-testid="forecast-waits">
        <thead>
          <tr>
            <th>{t('forecast.waits.group')}</th>
            <th>{t('forecast.waits.plannedMean')}</th>
            <th>{t('forecast.waits.plannedP90')}</th>
            <th>{t('forecast.waits.plannedOver')}</th>
            <th>{t('forecast.waits.advisedMean')}</th>
            <th>{t('forecast.waits.advisedP90')}</th>
            <th>{t('forecast.waits.advisedOver')}</th>
          </tr>
        </thead>
        <tbody>
          {GROUPS.map((g) => (
            <tr key={g}>
              <td>{t(`ticketClass.${g}` as MessageKey)}</td>
              <td className="num">{minutes(staffing.planned[g].meanMinutes)}</td>
              <td className="num">{minutes(staffing.planned[g].p90Minutes)}</td>
              <td className="num">{pct(staffing.planned[g].overTargetShare)}</td>
              <td className="num">{minutes(staffing.advised[g].meanMinutes)}</td>
              <td className="num">{minutes(staffing.advised[g].p90Minutes)}</td>
              <td className="num">{pct(staffing.advised[g].overTargetShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
