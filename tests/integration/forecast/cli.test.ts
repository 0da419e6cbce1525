// The forecast's command line on a real hall database with a generated history
// (the demo configuration: no calendar, so Monday–Friday): what it prints, its
// backtest line, and clear refusals of bad input (exit code 2).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hall/store/db.js';
import { calendarFeatures } from '../../../hall/forecast/model.js';
import { runForecastCli } from '../../../hall/forecast/cli.js';
import { hallShape, writeHistory } from '../../helpers/forecast-history.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const rootDir = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let file: string;

beforeAll(() => {
  dir = tempDataDir();
  file = path.join(dir, 'hall.sqlite');
  const db = openDatabase(file);
  const features = calendarFeatures(null, { utcOffsetMinutes: 480, dayStartsAtHour: 3 });
  writeHistory(db, { base: 90, weekday: { mon: 1.3, tue: 1, wed: 1, thu: 1, fri: 0.8, sat: 1, sun: 1 }, monthStart: 1.4, afterHoliday: 1, dayOfMonth: {}, shape: hallShape(), queueShare: { A: 0.3, B: 0.2, C: 0.2, E: 0.2, H: 0.1 }, classShare: { green: 0.1, appointment: 0.1, walk_in: 0.8 } }, features, '2026-09-01', '2026-11-20', 4);
  db.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run forecast', () => {
  it('prints today and tomorrow with expected arrivals, waits, counter advice and the backtest error', () => {
    const out = runForecastCli(['--data', file, '--at', '2026-11-23T08:00', '--backtest', '10']);
    expect(out).toMatch(/^Staffing forecast for .+ \(history 2026-09-01 … 2026-11-20, \d+ open days with tickets\)/);
    expect(out).toMatch(/Today 2026-11-23 \(mon\): 0 arrived so far/);
    expect(out).toMatch(/Tomorrow 2026-11-24 \(tue\): \d+ visitors expected/);
    expect(out).toMatch(/ {2}09:30 +\d+\.\d +8 +\d+/);
    expect(out).toMatch(/waits with the advised counters/);
    expect(out).toMatch(/advice: 09:00 open \d+ counters?/);
    expect(out).toMatch(/Backtest over the last 10 recorded days: MAE \d+(\.\d+)? tickets per queue per half hour; MAPE \d+% .+; \d+% per day/);
    const json = JSON.parse(runForecastCli(['--data', file, '--at', '2026-11-23T08:00', '--no-advice', '--json']));
    expect(json.days[0].staffing).toBeNull();
    expect(json.model.weekday.mon).toBeGreaterThan(json.model.weekday.fri);
  });

  it('refuses bad input with a clear message naming what is wrong, as a process with exit code 2', () => {
    expect(() => runForecastCli([])).toThrow(/--data <hall.sqlite> is required/);
    expect(() => runForecastCli(['--data', file, '--at', '23.11.2026'])).toThrow(/--at must be YYYY-MM-DDTHH:MM/);
    expect(() => runForecastCli(['--data', file, '--backtest', '0'])).toThrow(/--backtest must be a whole number of days from 1 to 60/);
    expect(() => runForecastCli(['--data', path.join(dir, 'nope.sqlite')])).toThrow(/no such file/);
    const notDb = path.join(dir, 'note.txt');
    fs.writeFileSync(notDb, 'hello');
    expect(() => runForecastCli(['--data', notDb])).toThrow(/is not a hall database/);
    const p = spawnSync(process.execPath, ['--import', 'tsx', 'hall/forecast/cli.ts', '--data', notDb], { cwd: rootDir, encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/^forecast: --data .+ is not a hall database/);
  });
});
