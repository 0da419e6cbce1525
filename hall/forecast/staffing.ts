// From expected arrivals to counters: the waits a forecast day would cause
// with the planned counters, and the fewest counters per half hour that keep
// every class within its wait target — both by running the simulator (the
// real queue engine) over seeded days drawn from the forecast.
// "Within target" for a half hour: of the tickets taken in it, at most 10 %
// per class wait longer than their queue's target (p90 within target), pooled
// over several seeded draws (repsFor). The advice for slot s is the fewest counters k such
// that, with the advice before s and k counters from s on, slot s is within
// target; so with k − 1 from s on it is not (tests check this).
// Which counters: those serving several queues first (general counters), then
// the rest by the expected load of their queues in that half hour.
// Contract: deterministic (seeds from the service day); the hall calendar is
// not applied inside these runs (the plan itself covers the opening hours);
// visitors arriving before opening take their tickets in its first 5 minutes.
import type { CallingPolicy, HallSetup, TicketClass } from '../domain/index.js';
import { localTime, type SimArrival, type SimDay, type StaffShift } from '../simulator/day.js';
import { Rng, hashString } from '../simulator/random.js';
import { drive, simulate } from '../simulator/run.js';
import { summarizeWaits, waitOf, type WaitSample, type WaitSummary } from '../simulator/compare.js';
import { CLASSES, SLOT_MS, SLOTS } from './history.js';
import type { DayForecast } from './model.js';

/**
 * Seeded draws per evaluation: enough for about 600 visitors in all (a small hall's half hour
 * holds only a few visitors per group, and one unlucky visitor must not decide it), 2 to 8.
 */
export function repsFor(forecast: DayForecast): number {
  return Math.min(8, Math.max(2, Math.ceil(600 / Math.max(1, forecast.total))));
}
export const MAX_OVER_TARGET = 0.1;
const MIN = 60_000;

export interface SlotStaffing {
  slot: number;
  /** Local "HH:MM" the half hour starts. */
  from: string;
  expected: number;
  planned: number;
  advised: number;
  /** Even every counter cannot keep this half hour within target. */
  short: boolean;
}

export interface StaffingResult {
  slots: SlotStaffing[];
  /** Waits per class (minutes) with the planned counters and with the advised ones. */
  planned: Record<TicketClass, WaitSummary>;
  advised: Record<TicketClass, WaitSummary>;
  /** Each change of the advised number of counters: "at 10:30, +1 (7 in all)". */
  changes: { from: string; change: number; total: number }[];
  simulatedRuns: number;
  /** Counters advised per slot (48 entries; 0 outside the advised half hours). */
  counts: number[];
  /** First and last+1 slot advised on. */
  range: { from: number; to: number };
}

export interface StaffingInput {
  setup: HallSetup;
  forecast: DayForecast;
  serviceDay: string;
  policy: CallingPolicy;
  /** Measured mean service minutes per queue (else the configured average). */
  serviceMinutes: Map<string, number>;
  /** First slot to advise on (today: the current half hour). */
  fromSlot: number;
  /** Counters staffed per slot in the hall's plan (48 entries, ids). */
  plannedCounters: string[][];
}

/** Epoch ms of the start of a local half-hour slot of a service day. */
export function slotStart(serviceDay: string, slot: number, utcOffsetMinutes: number): number {
  return localTime(serviceDay, '00:00', utcOffsetMinutes) + slot * SLOT_MS;
}

export const slotLabel = (slot: number) => `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;

/** One seeded day of visitors drawn from the forecast, slots fromSlot.. only. */
export function forecastSimDay(input: StaffingInput, rep: number, untilSlot = SLOTS): SimDay {
  const { setup, forecast, serviceDay } = input;
  const offset = setup.dayRule.utcOffsetMinutes;
  const rng = new Rng(hashString(`forecast:${serviceDay}:${rep}`));
  const openSlot = forecast.features.slotFrom + 1;
  const openAt = slotStart(serviceDay, openSlot, offset);
  const mattersOf = new Map<string, string>();
  for (const [id, m] of setup.matters) if (!mattersOf.has(m.queueId)) mattersOf.set(m.queueId, id);
  const green = setup.greenCategories.has('elderly') ? 'elderly' : ([...setup.greenCategories][0] ?? null);
  const drafts: Omit<SimArrival, 'id'>[] = [];
  for (const [q, classes] of [...forecast.queues].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const matterId = mattersOf.get(q);
    const queue = setup.queues.get(q);
    if (!matterId || !queue) continue;
    const avg = input.serviceMinutes.get(q) ?? queue.avgServiceMinutes;
    classes.forEach((slots, c) => {
      const cls = CLASSES[c]!;
      for (let s = input.fromSlot; s < Math.min(untilSlot, SLOTS); s++) {
        const n = rng.poisson(slots[s]!);
        for (let i = 0; i < n; i++) {
          let at = slotStart(serviceDay, s, offset) + Math.round(rng.uniform(0, SLOT_MS));
          if (at < openAt) at = openAt + Math.round(rng.uniform(0, 5 * MIN));
          const serviceMs = Math.round(Math.min(avg * 6, Math.max(0.5, rng.logNormal(avg, 0.6))) * MIN);
          drafts.push({
            at,
            matterId,
            serviceMs,
            greenCategory: cls === 'green' ? green : null,
            appointment: cls === 'appointment' ? { id: '', slotStart: at + 5 * MIN, slotEnd: at + 35 * MIN } : null,
          });
        }
      }
    });
  }
  drafts.sort((a, b) => a.at - b.at);
  const arrivals = drafts.map((d, i) => {
    const id = `f${rep}-${String(i + 1).padStart(5, '0')}`;
    return { ...d, id, appointment: d.appointment ? { ...d.appointment, id: `appt-${id}` } : null };
  });
  return { serviceDay, source: 'generated', seed: rep, openAt, closeAt: openAt, arrivals, shifts: [], notes: [] };
}

/** Counters in the order they are opened in a slot: multi-queue first, then by their queues' expected load. */
export function counterOrder(setup: HallSetup, forecast: DayForecast, slot: number): string[] {
  const load = (q: string) => (forecast.queues.get(q) ?? []).reduce((s, slots) => s + (slots[slot] ?? 0), 0) * (setup.queues.get(q)?.avgServiceMinutes ?? 10);
  return [...setup.counters.values()]
    .filter((c) => c.queueIds.length > 0)
    .map((c) => ({ c, score: c.queueIds.reduce((s, q) => s + load(q), 0) / c.queueIds.length }))
    .sort((a, b) => b.c.queueIds.length - a.c.queueIds.length || b.score - a.score || a.c.number - b.c.number)
    .map((x) => x.c.id);
}

/** Shifts from a list of counters per slot; the counters of the last slot stay to serve out the line. */
export function shiftsOf(serviceDay: string, utcOffsetMinutes: number, open: string[][]): { shifts: StaffShift[]; closeAt: number } {
  const shifts: StaffShift[] = [];
  let last = -1;
  const since = new Map<string, number>();
  for (let s = 0; s <= SLOTS; s++) {
    const now = new Set(open[s] ?? []);
    if (now.size) last = s;
    for (const [id, from] of since) {
      if (now.has(id)) continue;
      shifts.push({ counterId: id, from: slotStart(serviceDay, from, utcOffsetMinutes), to: slotStart(serviceDay, s, utcOffsetMinutes) });
      since.delete(id);
    }
    for (const id of now) if (!since.has(id)) since.set(id, s);
  }
  return { shifts, closeAt: slotStart(serviceDay, last + 1, utcOffsetMinutes) };
}

export interface Evaluation {
  /** Wait samples by class, per arrival slot. */
  bySlot: Map<number, Map<TicketClass, WaitSample[]>>;
}

/** Runs the seeded days with these counters open per slot, arrivals before `untilSlot` only. */
export function evaluate(input: StaffingInput, open: string[][], untilSlot: number, days: SimDay[] = forecastDays(input)): Evaluation {
  return drive(evaluateSteps(input, open, untilSlot, days));
}

/** evaluate() step by step (yields inside each simulated day). */
export function* evaluateSteps(input: StaffingInput, open: string[][], untilSlot: number, days: SimDay[]): Generator<void, Evaluation, void> {
  const { setup } = input;
  const { shifts, closeAt } = shiftsOf(input.serviceDay, setup.dayRule.utcOffsetMinutes, open);
  const runSetup: HallSetup = { ...setup, calendar: null };
  const bySlot = new Map<number, Map<TicketClass, WaitSample[]>>();
  const dayStart = slotStart(input.serviceDay, 0, setup.dayRule.utcOffsetMinutes);
  for (const full of days) {
    const end = slotStart(input.serviceDay, untilSlot, setup.dayRule.utcOffsetMinutes);
    const day: SimDay = { ...full, arrivals: full.arrivals.filter((a) => a.at < end), shifts, closeAt };
    const run = yield* simulate(day, runSetup, input.policy, { overtimeMinutes: 180 });
    for (const t of run.tickets) {
      if (!t.ticketClass) continue;
      const slot = Math.floor((t.issuedAt - dayStart) / SLOT_MS);
      const per = bySlot.get(slot) ?? new Map<TicketClass, WaitSample[]>();
      bySlot.set(slot, per);
      const list = per.get(t.ticketClass) ?? [];
      per.set(t.ticketClass, list);
      list.push({ waitMs: waitOf(t, run.endedAt), targetMs: (setup.queues.get(t.queueId ?? '')?.waitTargetMinutes ?? 15) * MIN });
    }
  }
  return { bySlot };
}

/** The first of `slots` in which some class of the tickets taken has more than 10 % over target, or null. */
export function firstFailing(e: Evaluation, slots: Iterable<number>): number | null {
  for (const s of slots) {
    for (const samples of e.bySlot.get(s)?.values() ?? []) {
      if (samples.filter((x) => x.waitMs > x.targetMs).length > MAX_OVER_TARGET * samples.length) return s;
    }
  }
  return null;
}

/** Every class of the tickets taken in `slots` is within target (≤ 10 % over). */
export function withinTarget(e: Evaluation, slots: Iterable<number>): boolean {
  return firstFailing(e, slots) === null;
}

function summaries(e: Evaluation): Record<TicketClass, WaitSummary> {
  const all = new Map<TicketClass, WaitSample[]>(CLASSES.map((c) => [c, []]));
  for (const per of e.bySlot.values()) for (const [c, xs] of per) all.get(c)!.push(...xs);
  return Object.fromEntries(CLASSES.map((c) => [c, summarizeWaits(all.get(c)!, 0)])) as Record<TicketClass, WaitSummary>;
}

/** The open counters of a plan (counts per slot), from slot `from` on with `k`. */
export function openCounters(input: StaffingInput, counts: number[]): string[][] {
  return counts.map((k, s) => (k > 0 ? counterOrder(input.setup, input.forecast, s).slice(0, k) : []));
}

export function forecastDays(input: StaffingInput): SimDay[] {
  return Array.from({ length: repsFor(input.forecast) }, (_, r) => forecastSimDay(input, r));
}

/** The counts tried for slot s: the advice before s, k from s to the last advised slot. */
export function trialCounts(counts: readonly number[], s: number, k: number, last: number): number[] {
  return counts.map((c, i) => (i < s ? c : i < last ? k : 0));
}

/** Waits with the planned counters, the advice, and waits with the advice. */
export function adviseStaffing(input: StaffingInput): StaffingResult {
  return drive(adviseSteps(input));
}

/** adviseStaffing() step by step, so the hall service can run it in slices. */
export function* adviseSteps(input: StaffingInput): Generator<void, StaffingResult, void> {
  const { forecast } = input;
  const days = forecastDays(input);
  const total = [...input.setup.counters.values()].filter((c) => c.queueIds.length > 0).length;
  const expected = (s: number) => [...forecast.queues.values()].reduce((sum, cls) => sum + cls.reduce((x, slots) => x + (slots[s] ?? 0), 0), 0);
  const first = Math.max(input.fromSlot, forecast.features.slotFrom + 1);
  const last = forecast.features.slotTo;
  let runs = 0;
  const counts = new Array<number>(SLOTS).fill(0);
  const short = new Set<number>();
  const ok = function* (s: number, k: number) {
    const trial = trialCounts(counts, s, k, last);
    runs += days.length;
    return withinTarget(yield* evaluateSteps(input, openCounters(input, trial), s + 1, days), [s === first ? first - 1 : s, s]);
  };
  for (let s = first; s < last; s++) {
    // Binary search for the fewest k that keeps slot s within target (more counters never
    // make it worse), starting from the previous half hour's count.
    const prev = Math.max(1, counts[s - 1] || 1);
    let lo: number;
    let hi: number;
    if (yield* ok(s, prev)) [lo, hi] = [1, prev];
    else if (prev < total && (yield* ok(s, total))) [lo, hi] = [prev + 1, total];
    else {
      counts[s] = total;
      short.add(s);
      continue;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (yield* ok(s, mid)) hi = mid;
      else lo = mid + 1;
    }
    counts[s] = lo;
  }
  // The whole day: a half hour left with fewer counters than the one before can make the
  // earlier tickets wait too long; add a counter after the first half hour that fails.
  const checked = Array.from({ length: last - first + 1 }, (_, i) => first - 1 + i).filter((s) => !short.has(s));
  const failing = function* (c: number[]) {
    runs += days.length;
    return firstFailing(yield* evaluateSteps(input, openCounters(input, c), SLOTS, days), checked);
  };
  for (let i = 0, f = yield* failing(counts); f !== null && i < 3 * (last - first); i++, f = yield* failing(counts)) {
    // Where the failing half hour's visitors spill over: the next half hour while it has fewer
    // counters than this one, else this one, else its neighbours.
    const spill = f + 1 < last && counts[f + 1]! < counts[f]! ? [f + 1] : [];
    const j = [...spill, f, f + 1, f - 1].find((x) => x >= first && x < last && counts[x]! < total);
    if (j === undefined) break;
    counts[j]!++;
  }
  // Then take away every counter the day can do without, half hour by half hour.
  for (let s = first; s < last; s++) {
    while (counts[s]! > 1) {
      const fewer = counts.map((c, i) => (i === s ? c - 1 : c));
      if ((yield* failing(fewer)) !== null) break;
      counts[s]!--;
    }
  }
  const advisedOpen = openCounters(input, counts);
  const advised = summaries(yield* evaluateSteps(input, advisedOpen, SLOTS, days));
  const planned = summaries(yield* evaluateSteps(input, input.plannedCounters.map((ids, s) => (s >= first - 1 ? ids : [])), SLOTS, days));
  runs += 2 * days.length;
  const slots: SlotStaffing[] = [];
  const changes: StaffingResult['changes'] = [];
  for (let s = first; s < last; s++) {
    slots.push({ slot: s, from: slotLabel(s), expected: Math.round(expected(s) * 10) / 10, planned: input.plannedCounters[s]?.length ?? 0, advised: counts[s]!, short: short.has(s) });
    const before = s === first ? 0 : counts[s - 1]!;
    if (counts[s] !== before) changes.push({ from: slotLabel(s), change: counts[s]! - before, total: counts[s]! });
  }
  return { slots, planned, advised, changes, simulatedRuns: runs, counts, range: { from: first, to: last } };
}
