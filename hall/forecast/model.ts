// The arrivals model: expected tickets per queue, class and half hour of a
// service day, from the hall's own history (history.ts) and its calendar.
//   expected(d, q, c, s) = level × dayFactor(d) × share(q) × classShare(q, c) × shape(q, s)
// dayFactor = weekday × month start × first day after a holiday × day of month:
//   - weekday: a 调休 make-up workday counts as the weekday whose hours it keeps;
//   - month start: the first two open days of a month;
//   - after a holiday: the first open day after a closed stretch holding a holiday;
//   - day of month: what is left per date (a pension day, a local deadline),
//     shrunk toward 1 by one day's worth of evidence, so a date seen once moves
//     the forecast only half-way. Month start and after-holiday are shrunk by
//     half a day's worth only: they are known effects, seen a few times a year.
// Factors are ratios of a day's tickets to the level around it (open days
// within ±14 days, deseasonalised, three rounds). The level is the last 28
// days' tickets over their factors. Shares, classes and the intraday shape come
// from the last 56 days; a small queue's shape leans on the hall's (30 tickets'
// worth). A closed day (holiday, weekend without service) expects nothing.
// Contract: pure; `asOf` is exclusive — nothing from that day on is used.
import { addDays, dayPlan, weekdayOf, type HallCalendar, type Weekday } from '../domain/calendar/index.js';
import type { DayRule } from '../domain/clock.js';
import { CLASSES, SLOTS, SLOT_MS, type DayArrivals } from './history.js';

export interface DayFeatures {
  date: string;
  open: boolean;
  /** The weekday whose pattern the day follows (a make-up workday: the one it keeps the hours of). */
  weekday: Weekday;
  monthStart: boolean;
  afterHoliday: boolean;
  dayName: string | null;
  /** Half-hour slots (local) in which tickets can be taken: from 30 min before opening to closing. */
  slotFrom: number;
  slotTo: number;
}

export interface Model {
  asOf: string;
  level: number;
  weekday: Record<Weekday, number>;
  monthStart: number;
  afterHoliday: number;
  /** Index 1–31. */
  dayOfMonth: number[];
  queueShare: Map<string, number>;
  /** queue → [green, appointment, walk_in] shares. */
  classShare: Map<string, number[]>;
  /** queue → 48 slot shares summing to 1. */
  shape: Map<string, number[]>;
  /** Open days with tickets the model was fitted on. */
  daysUsed: number;
}

export interface DayForecast {
  features: DayFeatures;
  total: number;
  factor: number;
  /** queue → class index → slot → expected tickets. */
  queues: Map<string, number[][]>;
}

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DEFAULT_HOURS = { from: 17, to: 34 }; // 08:30–17:00 when the hall has no calendar

/** Day features from the hall calendar (memoised per date); without a calendar: Monday–Friday open 09:00–17:00. */
export function calendarFeatures(calendar: HallCalendar | null, rule: DayRule): (date: string) => DayFeatures {
  const cache = new Map<string, DayFeatures>();
  const basic = (date: string) => {
    if (!calendar) {
      const w = weekdayOf(date);
      return { open: w !== 'sat' && w !== 'sun', weekday: w, holiday: false, dayName: null, slotFrom: DEFAULT_HOURS.from, slotTo: DEFAULT_HOURS.to };
    }
    const plan = dayPlan(calendar, date, rule);
    const makeUp = calendar.makeUpWorkdays.find((m) => m.date === date);
    const midnight = plan.startsAt - rule.dayStartsAtHour * 3_600_000;
    const slotOf = (at: number) => Math.floor((at - midnight) / SLOT_MS);
    return {
      open: plan.hours !== null,
      weekday: makeUp ? makeUp.hoursOf : plan.weekday,
      holiday: plan.dayKind === 'holiday',
      dayName: plan.dayName,
      slotFrom: plan.hours ? Math.max(0, slotOf(plan.hours.opensAt) - 1) : 0,
      slotTo: plan.hours ? Math.min(SLOTS, slotOf(plan.hours.closesAt - 1) + 1) : 0,
    };
  };
  const basicCache = new Map<string, ReturnType<typeof basic>>();
  const b = (date: string) => basicCache.get(date) ?? basicCache.set(date, basic(date)).get(date)!;
  return (date) => {
    const hit = cache.get(date);
    if (hit) return hit;
    const x = b(date);
    let monthStart = false;
    let afterHoliday = false;
    if (x.open) {
      let openBefore = 0;
      for (let d = `${date.slice(0, 8)}01`; d < date; d = addDays(d, 1)) if (b(d).open) openBefore++;
      monthStart = openBefore < 2;
      let sawHoliday = false;
      for (let d = addDays(date, -1), i = 0; i < 14 && !b(d).open; d = addDays(d, -1), i++) sawHoliday ||= b(d).holiday;
      afterHoliday = sawHoliday;
    }
    const f: DayFeatures = { date, open: x.open, weekday: x.weekday, monthStart, afterHoliday, dayName: x.dayName, slotFrom: x.slotFrom, slotTo: x.slotTo };
    cache.set(date, f);
    return f;
  };
}

export function dayFactor(m: Model, f: DayFeatures): number {
  if (!f.open) return 0;
  return m.weekday[f.weekday] * (f.monthStart ? m.monthStart : 1) * (f.afterHoliday ? m.afterHoliday : 1) * (m.dayOfMonth[Number(f.date.slice(8))] ?? 1);
}

const mean = (xs: number[], prior = 0, weight = 0) => (xs.length + weight ? (xs.reduce((s, x) => s + x, 0) + prior * weight) / (xs.length + weight) : 1);

/** Fits the model on the open days before `asOf` that have tickets. */
export function fitModel(days: Map<string, DayArrivals>, features: (date: string) => DayFeatures, asOf: string): Model {
  const used = [...days.values()].filter((d) => d.serviceDay < asOf && d.total > 0 && features(d.serviceDay).open).sort((a, b) => (a.serviceDay < b.serviceDay ? -1 : 1));
  const m: Model = { asOf, level: 0, weekday: Object.fromEntries(WEEK.map((w) => [w, 1])) as Record<Weekday, number>, monthStart: 1, afterHoliday: 1, dayOfMonth: new Array<number>(32).fill(1), queueShare: new Map(), classShare: new Map(), shape: new Map(), daysUsed: used.length };
  if (used.length === 0) return m;
  const f = used.map((d) => features(d.serviceDay));
  const dayNo = used.map((d) => Date.parse(`${d.serviceDay}T00:00:00Z`) / 86_400_000);
  for (let round = 0; round < 3; round++) {
    const factor = f.map((x) => dayFactor(m, x));
    // Level around each day: deseasonalised tickets of the open days within ±14 days.
    const around = used.map((_, i) => {
      let sum = 0;
      let n = 0;
      for (let j = 0; j < used.length; j++) {
        if (Math.abs(dayNo[j]! - dayNo[i]!) > 14) continue;
        sum += used[j]!.total / factor[j]!;
        n++;
      }
      return sum / n;
    });
    const r = used.map((d, i) => d.total / around[i]!);
    const plain = (i: number) => !f[i]!.monthStart && !f[i]!.afterHoliday;
    const idx = used.map((_, i) => i);
    for (const w of WEEK) {
      const xs = idx.filter((i) => plain(i) && f[i]!.weekday === w).map((i) => r[i]! / domOf(m, f[i]!));
      m.weekday[w] = xs.length ? mean(xs) : 1;
    }
    m.monthStart = mean(idx.filter((i) => f[i]!.monthStart && !f[i]!.afterHoliday).map((i) => r[i]! / m.weekday[f[i]!.weekday]), 1, 0.5);
    m.afterHoliday = mean(idx.filter((i) => f[i]!.afterHoliday).map((i) => r[i]! / m.weekday[f[i]!.weekday]), 1, 0.5);
    const byDom = new Map<number, number[]>();
    r.forEach((x, i) => {
      if (!plain(i)) return;
      const k = Number(f[i]!.date.slice(8));
      byDom.set(k, [...(byDom.get(k) ?? []), x / m.weekday[f[i]!.weekday]]);
    });
    // Day of month relative to the plain days' average (so it does not move the weekday level).
    const plainMean = mean([...byDom.values()].flat());
    for (let k = 1; k <= 31; k++) m.dayOfMonth[k] = mean((byDom.get(k) ?? []).map((x) => x / plainMean), 1, 1);
  }
  // Level: the last 28 days' tickets over their factors.
  const lastNo = dayNo.at(-1)!;
  const recent = used.map((d, i) => ({ d, i })).filter(({ i }) => lastNo - dayNo[i]! < 28);
  m.level = recent.reduce((s, { d }) => s + d.total, 0) / recent.reduce((s, { i }) => s + dayFactor(m, f[i]!), 0);
  // Queue shares, classes and shapes: the last 56 days.
  const window = used.filter((_, i) => lastNo - dayNo[i]! < 56);
  const hall = new Array<number>(SLOTS).fill(0);
  const perQueue = new Map<string, { slots: number[]; classes: number[] }>();
  let all = 0;
  for (const d of window) {
    for (const [q, cls] of d.queues) {
      const acc = perQueue.get(q) ?? { slots: new Array<number>(SLOTS).fill(0), classes: [0, 0, 0] };
      cls.forEach((slots, c) => slots.forEach((n, s) => ((acc.slots[s]! += n), (acc.classes[c]! += n), (hall[s]! += n), (all += n))));
      perQueue.set(q, acc);
    }
  }
  for (const [q, acc] of perQueue) {
    const n = acc.classes.reduce((s, x) => s + x, 0);
    m.queueShare.set(q, n / all);
    m.classShare.set(q, acc.classes.map((x) => x / n));
    m.shape.set(q, acc.slots.map((x, s) => (x + 30 * (hall[s]! / all)) / (n + 30)));
  }
  return m;
}

function domOf(m: Model, f: DayFeatures): number {
  return m.dayOfMonth[Number(f.date.slice(8))] ?? 1;
}

/** Expected tickets of one day, per queue, class and slot (slots outside the day's hours get none). */
export function predictDay(m: Model, f: DayFeatures): DayForecast {
  const factor = dayFactor(m, f);
  const total = m.level * factor;
  const queues = new Map<string, number[][]>();
  for (const [q, share] of m.queueShare) {
    const shape = m.shape.get(q)!;
    const inHours = shape.reduce((s, x, i) => (i >= f.slotFrom && i < f.slotTo ? s + x : s), 0);
    const classes = m.classShare.get(q)!;
    queues.set(
      q,
      CLASSES.map((_, c) => shape.map((x, s) => (f.open && inHours > 0 && s >= f.slotFrom && s < f.slotTo ? (total * share * classes[c]! * x) / inHours : 0))),
    );
  }
  return { features: f, total: f.open ? total : 0, factor, queues };
}
