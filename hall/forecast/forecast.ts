// The staffing forecast (docs/forecast.md): expected arrivals per queue per
// half hour for the rest of today and for tomorrow, from the hall's own event
// log; the waits they would cause with the planned counters; and the fewest
// counters per half hour that keep every class within its wait target.
// Today's arrivals so far correct the rest of today: the remaining half hours
// are scaled by (arrived + 30) / (expected so far + 30), so an unusual morning
// moves the afternoon, and a quiet first half hour does not halve the day.
// Contract: reads the database only (SELECTs); pure otherwise; deterministic
// for the same database, setup and `now`.
import type { Db } from '../store/db.js';
import type { HallSetup } from '../domain/index.js';
import { addDays, parseTime, regularHoursOn, type Weekday } from '../domain/calendar/index.js';
import { serviceDayOf } from '../domain/clock.js';
import { shippedPolicies } from '../simulator/policies.js';
import { backtest, type Backtest } from './backtest.js';
import { CLASSES, SLOTS, SLOT_MS, readArrivals, readServiceMinutes, type DayArrivals } from './history.js';
import { calendarFeatures, fitModel, predictDay, type DayFeatures, type DayForecast, type Model } from './model.js';
import { adviseSteps, slotLabel, slotStart, type StaffingResult } from './staffing.js';
import { drive } from '../simulator/run.js';

export const HISTORY_DAYS = 371;

export interface ForecastDayResult {
  serviceDay: string;
  which: 'today' | 'tomorrow';
  open: boolean;
  dayName: string | null;
  weekday: Weekday;
  monthStart: boolean;
  afterHoliday: boolean;
  /** The day's factor against a plain day of the current level. */
  factor: number;
  /** Tickets expected for the whole day (today: arrived so far + expected for the rest). */
  expectedTotal: number;
  arrivedSoFar: number | null;
  /** Today only: arrivals so far over what was expected by now (the correction applied to the rest). */
  correction: number | null;
  /** Expected tickets per half hour from `fromSlot`: the hall and each queue. */
  slots: { from: string; expected: number; byQueue: Record<string, number> }[];
  staffing: StaffingResult | null;
}

export interface HallForecast {
  now: number;
  history: { from: string; to: string; days: number };
  model: { level: number; weekday: Record<Weekday, number>; monthStart: number; afterHoliday: number; dayOfMonth: Record<string, number> };
  days: ForecastDayResult[];
  backtest: Backtest | null;
}

export interface ForecastOptions {
  /** Advise on counters (runs the simulator); default true. */
  staffing?: boolean;
  /** Backtest over this many recorded days; 0: none (default). */
  backtestDays?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The hall's planned counters per slot: every counter with queues through opening hours; at lunch only general counters, and only when the calendar says 午间不间断 (no calendar: domain counters break 12:00–13:30). */
export function plannedCounters(setup: HallSetup, f: DayFeatures): string[][] {
  const counters = [...setup.counters.values()].filter((c) => c.queueIds.length > 0);
  const lunch = new Set<number>();
  const cal = setup.calendar;
  if (!cal) for (let s = 24; s < 27; s++) lunch.add(s);
  else {
    const l = regularHoursOn(cal, f.date)?.lunch;
    if (l) for (let s = Math.floor(parseTime(l.start) / 30); s < Math.ceil(parseTime(l.end) / 30); s++) lunch.add(s);
  }
  return Array.from({ length: SLOTS }, (_, s) => {
    if (!f.open || s < f.slotFrom + 1 || s >= f.slotTo) return [];
    if (!lunch.has(s)) return counters.map((c) => c.id);
    return cal && !cal.lunchNonStop ? [] : counters.filter((c) => c.kind === 'general').map((c) => c.id);
  });
}

function slotTotals(forecast: DayForecast, from: number): ForecastDayResult['slots'] {
  const out: ForecastDayResult['slots'] = [];
  for (let s = Math.max(from, forecast.features.slotFrom); s < forecast.features.slotTo; s++) {
    const byQueue: Record<string, number> = {};
    let total = 0;
    for (const [q, cls] of forecast.queues) {
      const n = CLASSES.reduce((x, _, c) => x + cls[c]![s]!, 0);
      byQueue[q] = round1(n);
      total += n;
    }
    out.push({ from: slotLabel(s), expected: round1(total), byQueue });
  }
  return out;
}

function scaled(forecast: DayForecast, from: number, r: number): DayForecast {
  const queues = new Map([...forecast.queues].map(([q, cls]) => [q, cls.map((slots) => slots.map((x, s) => (s >= from ? x * r : x)))]));
  return { ...forecast, queues };
}

function sumSlots(cls: Iterable<number[][]>, from: number, to: number): number {
  let n = 0;
  for (const c of cls) for (const slots of c) for (let s = from; s < to; s++) n += slots[s] ?? 0;
  return n;
}

export function modelSummary(m: Model): HallForecast['model'] {
  const dom: Record<string, number> = {};
  m.dayOfMonth.forEach((x, k) => k > 0 && Math.abs(x - 1) >= 0.1 && (dom[String(k)] = round1(x * 100) / 100));
  return { level: round1(m.level), weekday: Object.fromEntries(Object.entries(m.weekday).map(([w, x]) => [w, Math.round(x * 100) / 100])) as Record<Weekday, number>, monthStart: Math.round(m.monthStart * 100) / 100, afterHoliday: Math.round(m.afterHoliday * 100) / 100, dayOfMonth: dom };
}

/** Forecast of the rest of today and of tomorrow, at `now`. */
export function forecastHall(db: Db, setup: HallSetup, now: number, options: ForecastOptions = {}): HallForecast {
  return drive(forecastSteps(db, setup, now, options));
}

/** forecastHall() step by step: the hall service runs it in slices (driveInSlices). */
export function* forecastSteps(db: Db, setup: HallSetup, now: number, options: ForecastOptions = {}): Generator<void, HallForecast, void> {
  const rule = setup.dayRule;
  const today = serviceDayOf(now, rule);
  const tomorrow = addDays(today, 1);
  const from = addDays(today, -HISTORY_DAYS);
  const history = readArrivals(db, from, addDays(today, -1), rule.utcOffsetMinutes);
  const features = calendarFeatures(setup.calendar, rule);
  const model = fitModel(history, features, today);
  const queueOf = (m: string) => setup.matters.get(m)?.queueId;
  const serviceMinutes = readServiceMinutes(db, addDays(today, -28), today, queueOf);
  const policy = setup.policies.get('default') ?? shippedPolicies(setup)[0]!;
  const midnight = slotStart(today, 0, rule.utcOffsetMinutes);
  const nowSlot = Math.min(SLOTS, Math.max(0, Math.floor((now - midnight) / SLOT_MS)));
  const days: ForecastDayResult[] = [];

  for (const [which, day] of [['today', today], ['tomorrow', tomorrow]] as const) {
    const f = features(day);
    let p = predictDay(model, f);
    let arrivedSoFar: number | null = null;
    let correction: number | null = null;
    let fromSlot = 0;
    if (which === 'today') {
      const sofar: DayArrivals | undefined = readArrivals(db, today, today, rule.utcOffsetMinutes).get(today);
      arrivedSoFar = sumSlots(sofar?.queues.values() ?? [], 0, nowSlot);
      const expectedSoFar = sumSlots(p.queues.values(), 0, nowSlot);
      correction = Math.round(((arrivedSoFar + 30) / (expectedSoFar + 30)) * 100) / 100;
      p = scaled(p, nowSlot, correction);
      fromSlot = nowSlot;
    }
    const rest = sumSlots(p.queues.values(), fromSlot, SLOTS);
    const staffing =
      options.staffing === false || !f.open || rest < 0.5
        ? null
        : yield* adviseSteps({ setup, forecast: p, serviceDay: day, policy, serviceMinutes, fromSlot, plannedCounters: plannedCounters(setup, f) });
    days.push({
      serviceDay: day,
      which,
      open: f.open,
      dayName: f.dayName,
      weekday: f.weekday,
      monthStart: f.monthStart,
      afterHoliday: f.afterHoliday,
      factor: Math.round(p.factor * 100) / 100,
      expectedTotal: round1((arrivedSoFar ?? 0) + rest),
      arrivedSoFar,
      correction,
      slots: slotTotals(p, fromSlot),
      staffing,
    });
  }
  const days0 = [...history.keys()].sort();
  return {
    now,
    history: { from: days0[0] ?? today, to: days0.at(-1) ?? today, days: model.daysUsed },
    model: modelSummary(model),
    days,
    backtest: options.backtestDays ? backtest(history, features, options.backtestDays) : null,
  };
}

