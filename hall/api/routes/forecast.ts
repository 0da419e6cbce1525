// 人员预测: the staffing forecast for hall managers, on the LAN API.
//   GET /api/v1/admin/forecast[?backtest=N]  the rest of today and tomorrow: expected
//     arrivals per half hour, waits with the planned counters, counter advice; with
//     backtest=N (1–60) also the forecast's error on the last N recorded days.
// Access: an admin terminal with a staff session (hall/api/contract.ts, enforced by the Router).
// Contract: reads the hall database (SELECTs only) and never changes the hall. The
// simulations run in slices (driveInSlices) so counters' calls are not held up; one
// forecast at a time (429 "busy" otherwise).
import type { HallSetup } from '../../domain/index.js';
import type { Db } from '../../store/db.js';
import { forecastSteps } from '../../forecast/forecast.js';
import { driveInSlices } from '../../simulator/run.js';
import { ApiError } from '../http.js';
import type { Router } from '../router.js';

export interface ForecastDeps {
  db: Db;
  runtime: { readonly setup: HallSetup };
  now: () => number;
}

export function forecastRoutes(router: Router, deps: ForecastDeps): void {
  let running = false;
  router.route('staffingForecast', async (ctx) => {
    const raw = ctx.url.searchParams.get('backtest');
    const backtestDays = raw === null ? 0 : Number(raw);
    if (!Number.isInteger(backtestDays) || backtestDays < 0 || backtestDays > 60) throw new ApiError(400, 'invalid_request', `backtest must be a whole number of days from 0 to 60 (got "${raw}")`);
    if (running) throw new ApiError(429, 'busy', 'a forecast is being made; try again when it has finished');
    running = true;
    try {
      return await driveInSlices(forecastSteps(deps.db, deps.runtime.setup, deps.now(), { backtestDays }));
    } finally {
      running = false;
    }
  });
}
