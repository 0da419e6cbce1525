// GET /api/v1/admin/forecast over real HTTP on a real hall database with a
// generated history: access, the same forecast as in-process, the backtest
// parameter, one forecast at a time, and other requests answered meanwhile.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { forecastRoutes } from '../../../hall/api/routes/forecast.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { forecastHall, type HallForecast } from '../../../hall/forecast/forecast.js';
import { calendarFeatures } from '../../../hall/forecast/model.js';
import { localTime } from '../../../hall/simulator/day.js';
import { hallShape, writeHistory } from '../../helpers/forecast-history.js';
import { tempDataDir } from '../../helpers/hall-harness.js';
import { startAdminApi, type AdminApi } from '../../helpers/admin-api.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const setup = hallSetupFrom(config);
const NOW = localTime('2026-11-23', '08:00', 480);
let dir: string;
let db: Db;
let hall: AdminApi;
let adminSession: string;
const get = <T>(route: string, opts: { terminal?: string; session?: string } = {}) => hall.call<T>('GET', route, opts);

beforeAll(async () => {
  dir = tempDataDir();
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  writeHistory(db, { base: 90, weekday: { mon: 1.3, tue: 1, wed: 1, thu: 1, fri: 0.8, sat: 1, sun: 1 }, monthStart: 1.4, afterHoliday: 1, dayOfMonth: {}, shape: hallShape(), queueShare: { A: 0.3, B: 0.2, C: 0.2, E: 0.2, H: 0.1 }, classShare: { green: 0.1, appointment: 0.1, walk_in: 0.8 } }, calendarFeatures(null, setup.dayRule), '2026-09-01', '2026-11-20', 9);
  hall = await startAdminApi(config, setup, db, dir, NOW, (router) => forecastRoutes(router, { db, runtime: { setup }, now: () => NOW }));
  adminSession = hall.adminSession;
});

afterAll(async () => {
  await hall.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/admin/forecast', () => {
  it('needs an admin terminal and a staff session', async () => {
    expect((await get('/api/v1/admin/forecast')).status).toBe(401);
    expect((await get('/api/v1/admin/forecast', { terminal: 'admin' })).status).toBe(401);
  });

  it('answers the forecast the hall makes in-process, with the backtest when asked, answering other requests meanwhile', async () => {
    // Two identical requests at once: exactly one forecast runs, the other is refused as busy,
    // whichever reaches the hall first (no sleep guessing when the first has started). While it
    // runs (in slices), the hall answers other requests.
    const route = '/api/v1/admin/forecast?backtest=5';
    let forecastDone = false;
    const both = Promise.all([get<HallForecast>(route, { terminal: 'admin', session: adminSession }), get<HallForecast>(route, { terminal: 'admin', session: adminSession })]).then((r) => {
      forecastDone = true;
      return r;
    });
    const health = await get<{ ok: boolean }>('/api/v1/health');
    const answeredWhileRunning = !forecastDone;
    const answers = await both;
    const res = answers.find((a) => a.status === 200)!;
    const busy = answers.find((a) => a.status !== 200) as unknown as { status: number; body: { error: { code: string } } };
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
    expect(health.body.ok).toBe(true);
    expect(answeredWhileRunning).toBe(true);
    expect(busy.body.error.code).toBe('busy');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(forecastHall(db, setup, NOW, { backtestDays: 5 }))));
    expect(res.body.days.map((d) => d.serviceDay)).toEqual(['2026-11-23', '2026-11-24']);
    expect(res.body.days[0]!.staffing!.changes[0]!.from).toBe('09:00');
    expect(res.body.backtest!.days).toHaveLength(5);
  });

  it('refuses a bad backtest parameter, saying what it takes', async () => {
    const bad = await get<{ error: { message: string } }>('/api/v1/admin/forecast?backtest=500', { terminal: 'admin', session: adminSession });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/backtest must be a whole number of days from 0 to 60/);
  });
});
