// The forecast recovers known patterns from a generated history written into a
// real hall database: weekday effect, month-start peak, a pension day, the day
// after a holiday, holidays and 调休 — within the errors docs/forecast.md states
// (daily totals within 10 % of the true expectation on plain days, 15 % on
// peak days; the half-hour shape within 2 percentage points).
// Mutations checked: dropping the month-start factor (dayFactor ignores
// monthStart) fails "month start"; treating a make-up Saturday by its own
// weekday fails "调休"; ignoring the calendar's holidays fails "holiday".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { readArrivals, SLOTS, type DayArrivals } from '../../../hall/forecast/history.js';
import { calendarFeatures, fitModel, predictDay } from '../../../hall/forecast/model.js';
import { backtest } from '../../../hall/forecast/backtest.js';
import { hallShape, testCalendar, trueTotal, writeHistory, type Pattern } from '../../helpers/forecast-history.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const rule = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
const features = calendarFeatures(testCalendar(), rule);
const pattern: Pattern = {
  base: 300,
  weekday: { mon: 1.3, tue: 1.05, wed: 1, thu: 0.95, fri: 0.8, sat: 1, sun: 1 },
  monthStart: 1.5,
  afterHoliday: 1.4,
  dayOfMonth: { 10: 1.6 },
  shape: hallShape(),
  queueShare: { A: 0.3, B: 0.2, C: 0.2, D: 0.1, E: 0.1, H: 0.1 },
  classShare: { green: 0.12, appointment: 0.15, walk_in: 0.73 },
};
let dir: string;
let db: Db;
let history: Map<string, DayArrivals>;

beforeAll(() => {
  dir = tempDataDir();
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  writeHistory(db, pattern, features, '2026-06-01', '2026-12-31', 7);
  history = readArrivals(db, '2026-01-01', '2026-12-31', rule.utcOffsetMinutes);
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const forecastOf = (day: string) => predictDay(fitModel(history, features, day), features(day));
const relErr = (day: string) => Math.abs(forecastOf(day).total - trueTotal(pattern, features(day))) / trueTotal(pattern, features(day));

describe('the arrivals forecast on a generated history', () => {
  it('reads the history back from the event log, per day, queue, class and half hour', () => {
    const day = history.get('2026-11-18')!;
    const n = db.prepare("SELECT COUNT(*) FROM events WHERE service_day = '2026-11-18' AND type = 'ticket_issued'").pluck().get() as number;
    expect(day.total).toBe(n);
    expect(day.queues.get('A')![2]!.reduce((s, x) => s + x, 0)).toBeGreaterThan(0);
  });

  it('plain days: within 10 % of the true expectation, with the weekday effect (Monday 1.3, Friday 0.8)', () => {
    for (const day of ['2026-11-18', '2026-11-23', '2026-11-20', '2026-12-16']) expect(relErr(day)).toBeLessThan(0.1);
    expect(forecastOf('2026-11-23').total / forecastOf('2026-11-20').total).toBeGreaterThan(1.3 / 0.8 - 0.25);
  });

  it('month start, a pension day (the 10th) and the first day after a holiday: within 15 %', () => {
    expect(features('2026-12-01').monthStart).toBe(true);
    expect(relErr('2026-12-01')).toBeLessThan(0.15);
    expect(relErr('2026-12-02')).toBeLessThan(0.15);
    expect(relErr('2026-12-10')).toBeLessThan(0.15);
    expect(features('2026-10-08').afterHoliday).toBe(true);
    expect(relErr('2026-10-08')).toBeLessThan(0.15);
  });

  it('a holiday expects nobody; a 调休 Saturday follows the weekday whose hours it keeps', () => {
    expect(forecastOf('2026-10-05').total).toBe(0);
    expect(features('2026-10-10')).toMatchObject({ open: true, weekday: 'fri' });
    expect(relErr('2026-10-10')).toBeLessThan(0.15);
  });

  it('spreads a day over the half hours as the history did, only within opening hours', () => {
    const p = forecastOf('2026-11-18');
    const shapeSum = pattern.shape.reduce((s, x) => s + x, 0);
    for (let s = 0; s < SLOTS; s++) {
      const share = [...p.queues.values()].reduce((n, cls) => n + cls.reduce((x, slots) => x + slots[s]!, 0), 0) / p.total;
      expect(Math.abs(share - pattern.shape[s]! / shapeSum)).toBeLessThan(0.02);
    }
    expect([...p.queues.values()].every((cls) => cls.every((slots) => slots.slice(0, 17).every((x) => x === 0)))).toBe(true);
  });

  it('backtests on the recorded days and reports its error', () => {
    const b = backtest(history, features, 30);
    expect(b.days).toHaveLength(30);
    expect(b.mapeDay!).toBeLessThan(0.1);
    expect(b.mapeHallSlot!).toBeLessThan(0.3);
    expect(b.maePerQueueSlot!).toBeGreaterThan(0);
  });
});
