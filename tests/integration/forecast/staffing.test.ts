// Counter advice from a forecast, checked by simulation on the demo hall with
// a generated history in a real hall database: with the advised counters every
// class stays within its wait target in every half hour; with one counter
// fewer from any half hour on (where more than one is advised), that half hour
// with one counter fewer in any half hour (where more than one is advised),
// some half hour is not (the advice uses no more counters than needed). The
// whole forecast (rest of today with today's arrivals so far, and tomorrow)
// through forecastHall. Mutations checked: skipping the whole-day repair pass
// fails the first test; never lowering the count after a busy half hour (no
// decrement in the search and no trim pass) fails the second.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import type { HallSetup } from '../../../hall/domain/index.js';
import { EventLog } from '../../../hall/store/event-log.js';
import { readArrivals } from '../../../hall/forecast/history.js';
import { calendarFeatures, fitModel, predictDay } from '../../../hall/forecast/model.js';
import { forecastHall, plannedCounters } from '../../../hall/forecast/forecast.js';
import { adviseStaffing, evaluate, forecastDays, openCounters, slotStart, withinTarget, type StaffingInput, type StaffingResult } from '../../../hall/forecast/staffing.js';
import { localTime } from '../../../hall/simulator/day.js';
import { hallShape, testCalendar, writeHistory, type Pattern } from '../../helpers/forecast-history.js';
import { tempDataDir } from '../../helpers/hall-harness.js';
import { demoSetup, policy } from '../../unit/simulator/demo.js';

const setup: HallSetup = { ...demoSetup(), calendar: testCalendar() };
const features = calendarFeatures(setup.calendar, setup.dayRule);
const pattern: Pattern = {
  base: 100,
  weekday: { mon: 1.3, tue: 1.05, wed: 1, thu: 0.95, fri: 0.8, sat: 1, sun: 1 },
  monthStart: 1.5,
  afterHoliday: 1.4,
  dayOfMonth: {},
  shape: hallShape(),
  queueShare: { A: 0.2, B: 0.15, C: 0.15, D: 0.1, E: 0.15, F: 0.1, G: 0.05, H: 0.1 },
  classShare: { green: 0.12, appointment: 0.15, walk_in: 0.73 },
};
let dir: string;
let db: Db;
let input: StaffingInput;
let advice: StaffingResult;

beforeAll(() => {
  dir = tempDataDir();
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  writeHistory(db, pattern, features, '2026-08-01', '2026-11-22', 3);
  const day = '2026-11-23';
  const history = readArrivals(db, '2026-01-01', '2026-11-22', setup.dayRule.utcOffsetMinutes);
  const forecast = predictDay(fitModel(history, features, day), features(day));
  input = { setup, forecast, serviceDay: day, policy: policy(setup, 'default'), serviceMinutes: new Map(), fromSlot: 0, plannedCounters: plannedCounters(setup, features(day)) };
  advice = adviseStaffing(input);
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('counter advice', () => {
  it('keeps every class within its wait target in every half hour, simulated', () => {
    const { from, to } = advice.range;
    expect(to - from).toBe(16); // 09:00–17:00
    const e = evaluate(input, openCounters(input, advice.counts), 48);
    const slots = Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i);
    expect(advice.slots.filter((s) => s.short)).toEqual([]);
    expect(withinTarget(e, slots), JSON.stringify(advice.slots)).toBe(true);
    for (const c of ['green', 'appointment', 'walk_in'] as const) expect(advice.advised[c].overTargetShare!).toBeLessThanOrEqual(0.1);
    // Monday morning needs more than the quiet lunch hour.
    const at = (hm: string) => advice.slots.find((s) => s.from === hm)!.advised;
    expect(at('10:00')).toBeGreaterThan(at('12:30'));
  });

  it('uses no more counters than needed: one fewer in any half hour breaks some half hour', () => {
    const days = forecastDays(input);
    const { from, to } = advice.range;
    const slots = Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i).filter((s) => !advice.slots.find((x) => x.slot === s)?.short);
    let checked = 0;
    for (let s = from; s < to; s++) {
      const k = advice.counts[s]!;
      if (k <= 1) continue;
      const fewer = advice.counts.map((c, i) => (i === s ? c - 1 : c));
      expect(withinTarget(evaluate(input, openCounters(input, fewer), 48, days), slots), `slot ${s} with ${k - 1}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('phrases each change as advice and compares with the planned counters', () => {
    expect(advice.changes[0]).toMatchObject({ from: '09:00', change: advice.counts[advice.range.from], total: advice.counts[advice.range.from] });
    for (const c of advice.changes.slice(1)) expect(c.total - c.change).toBe(advice.slots[advice.slots.findIndex((x) => x.from === c.from) - 1]!.advised);
    expect(advice.slots.every((s) => s.planned === 8 || s.planned === 2)).toBe(true); // lunch: the two general counters
  });
});

describe('forecastHall', () => {
  it('forecasts the rest of today, corrected by today’s arrivals so far, and tomorrow', () => {
    // Today (Monday 2026-11-23) at 10:00 with twice the usual morning.
    const day = '2026-11-23';
    const log = new EventLog(db, { node: 'test' });
    const history = readArrivals(db, '2026-01-01', '2026-11-22', 480);
    const p = predictDay(fitModel(history, features, day), features(day));
    const morning = [...p.queues.values()].reduce((n, cls) => n + cls.reduce((x, slots) => x + slots.slice(0, 20).reduce((a, b) => a + b, 0), 0), 0);
    const start = localTime(day, '08:30', 480);
    db.transaction(() => {
      for (let i = 0; i < Math.round(morning * 2); i++) {
        const at = start + Math.floor((i / (morning * 2)) * 90 * 60_000);
        log.append('ticket_issued', day, at, { ticketId: `t${i}`, number: `A${i}`, queueId: 'A', matterId: 'x', ticketClass: 'walk_in', greenCategory: null, kioskId: null, issuedAt: at, issueSeq: i, queueNumber: i, appointmentId: null, checkIn: null });
      }
    })();
    const now = localTime(day, '10:00', 480);
    const f = forecastHall(db, setup, now, { staffing: false, backtestDays: 10 });
    const [today, tomorrow] = f.days;
    expect(today!.which).toBe('today');
    expect(today!.arrivedSoFar).toBe(Math.round(morning * 2));
    // (arrived + 30) / (expected so far + 30): twice the morning moves the rest of the day up, not double.
    expect(today!.correction).toBe(Math.round(((Math.round(morning * 2) + 30) / (morning + 30)) * 100) / 100);
    expect(today!.correction!).toBeGreaterThan(1.3);
    expect(today!.slots[0]!.from).toBe('10:00');
    const uncorrected = [...p.queues.values()].reduce((n, cls) => n + cls.reduce((x, slots) => x + slots[20]!, 0), 0);
    expect(today!.slots[0]!.expected).toBeCloseTo(uncorrected * today!.correction!, 0);
    expect(tomorrow).toMatchObject({ serviceDay: '2026-11-24', which: 'tomorrow', weekday: 'tue', arrivedSoFar: null });
    expect(f.backtest!.days).toHaveLength(10);
    expect(slotStart(day, 20, 480)).toBe(now);
  });
});
