// The arrival generator: one realistic service day for a hall, from a seed.
// Same seed + same hall + same scenario → the identical day (every draw comes
// from one Rng, in a fixed order). Model, in plain words:
//   - Visitors: enough to keep the staffed counters `load` busy (scaled by
//     `scale`), split over queues by the counter capacity each queue gets.
//   - Intraday profile: a morning peak 09:30–10:30, a lunch dip, a smaller
//     afternoon peak (ARRIVAL_PROFILE, per half hour, local time). Walk-ins
//     who come before opening take their tickets in the first five minutes.
//   - Matters within a queue: the first listed are the commonest (1/rank).
//   - Green channel: `greenShare` of walk-in visitors, mostly elderly.
//   - Appointments: `appointmentShare` of visitors book a 30-minute slot; most
//     arrive a few minutes early, some late (the engine then makes them walk-ins),
//     nobody checks in before the hall's early window opens.
//   - Service time: log-normal around the queue's avgServiceMinutes.
//   - Staffing: every counter from opening to closing; domain counters take a
//     lunch break, general counters keep serving (午间不间断, 001 第三十二条).
import type { HallSetup } from '../domain/index.js';
import { Rng } from './random.js';
import { localTime, type SimArrival, type SimDay, type StaffShift } from './day.js';

export interface Scenario {
  /** The service day to simulate ("YYYY-MM-DD"). */
  serviceDay: string;
  openAt: string;
  closeAt: string;
  /** Domain counters' lunch break; null: no break. */
  lunch: { from: string; to: string } | null;
  /** Expected busy share of staffed counter time (≈ 1 is a full hall). */
  load: number;
  /** Multiplies the number of visitors (e.g. 1.5 for a peak day). */
  scale: number;
  greenShare: number;
  appointmentShare: number;
  /** Spread of service times: standard deviation / mean. */
  serviceCv: number;
}

export const DEFAULT_SCENARIO: Scenario = {
  serviceDay: '2026-11-23',
  openAt: '09:00',
  closeAt: '17:00',
  lunch: { from: '12:00', to: '13:30' },
  load: 0.85,
  scale: 1,
  greenShare: 0.12,
  appointmentShare: 0.15,
  serviceCv: 0.6,
};

/** Relative arrival rate per half hour, local time: morning peak, lunch dip, afternoon peak. */
export const ARRIVAL_PROFILE: readonly { from: string; weight: number }[] = [
  { from: '08:30', weight: 0.5 },
  { from: '09:00', weight: 1.3 },
  { from: '09:30', weight: 1.9 },
  { from: '10:00', weight: 1.9 },
  { from: '10:30', weight: 1.4 },
  { from: '11:00', weight: 1.1 },
  { from: '11:30', weight: 0.7 },
  { from: '12:00', weight: 0.35 },
  { from: '12:30', weight: 0.3 },
  { from: '13:00', weight: 0.5 },
  { from: '13:30', weight: 0.9 },
  { from: '14:00', weight: 1.2 },
  { from: '14:30', weight: 1.3 },
  { from: '15:00', weight: 1.1 },
  { from: '15:30', weight: 0.9 },
  { from: '16:00', weight: 0.6 },
  { from: '16:30', weight: 0.3 },
];

const GREEN_WEIGHTS: Record<string, number> = { elderly: 0.7, disabled: 0.1, military: 0.06, pregnant: 0.08, firefighter: 0.03, medical: 0.03 };
const SLOT_MINUTES = 30;
const MIN = 60_000;

export function scenarioProblems(s: Scenario): string[] {
  const problems: string[] = [];
  const share = (name: string, v: number) => {
    if (!(v >= 0 && v <= 1)) problems.push(`${name} must be between 0 and 1 (got ${v})`);
  };
  share('greenShare', s.greenShare);
  share('appointmentShare', s.appointmentShare);
  if (!(s.load > 0 && s.load <= 3)) problems.push(`load must be above 0 and at most 3 (got ${s.load})`);
  if (!(s.scale > 0 && s.scale <= 20)) problems.push(`scale must be above 0 and at most 20 (got ${s.scale})`);
  if (!(s.serviceCv >= 0 && s.serviceCv <= 3)) problems.push(`serviceCv must be between 0 and 3 (got ${s.serviceCv})`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.serviceDay)) problems.push(`serviceDay must be YYYY-MM-DD (got "${s.serviceDay}")`);
  const hm = (v: string) => /^\d{2}:\d{2}$/.test(v);
  if (!hm(s.openAt) || !hm(s.closeAt) || s.openAt >= s.closeAt) problems.push(`openAt and closeAt must be HH:MM with openAt before closeAt`);
  if (s.lunch && (!hm(s.lunch.from) || !hm(s.lunch.to) || s.lunch.from >= s.lunch.to)) problems.push('lunch must be HH:MM from before to');
  return problems;
}

/** The default staffing: all counters open to close; non-general counters break for lunch. */
export function defaultShifts(setup: HallSetup, s: Scenario): StaffShift[] {
  const at = (hm: string) => localTime(s.serviceDay, hm, setup.dayRule.utcOffsetMinutes);
  const open = at(s.openAt);
  const close = at(s.closeAt);
  const shifts: StaffShift[] = [];
  for (const c of setup.counters.values()) {
    if (c.queueIds.length === 0) continue;
    if (!s.lunch || c.kind === 'general') shifts.push({ counterId: c.id, from: open, to: close });
    else shifts.push({ counterId: c.id, from: open, to: at(s.lunch.from) }, { counterId: c.id, from: at(s.lunch.to), to: close });
  }
  return shifts;
}

/** Visitors each queue's counters can serve in the staffed time (general counters split their time evenly). */
function queueCapacity(setup: HallSetup, shifts: StaffShift[]): Map<string, number> {
  const cap = new Map<string, number>([...setup.queues.keys()].map((q) => [q, 0]));
  for (const sh of shifts) {
    const queues = setup.counters.get(sh.counterId)?.queueIds ?? [];
    const minutes = (sh.to - sh.from) / MIN / queues.length;
    for (const q of queues) cap.set(q, (cap.get(q) ?? 0) + minutes / setup.queues.get(q)!.avgServiceMinutes);
  }
  return cap;
}

export function generateDay(setup: HallSetup, seed: number, scenario: Partial<Scenario> = {}): SimDay {
  const s: Scenario = { ...DEFAULT_SCENARIO, ...scenario };
  const problems = scenarioProblems(s);
  if (problems.length) throw new Error(`scenario is not valid: ${problems.join('; ')}`);
  const rng = new Rng(seed);
  const offset = setup.dayRule.utcOffsetMinutes;
  const at = (hm: string) => localTime(s.serviceDay, hm, offset);
  const openAt = at(s.openAt);
  const closeAt = at(s.closeAt);
  const shifts = defaultShifts(setup, s);

  // How many visitors per queue, and the matters of each queue.
  const capacity = queueCapacity(setup, shifts);
  const queueIds = [...capacity.keys()].filter((q) => capacity.get(q)! > 0);
  const mattersOf = new Map<string, string[]>();
  for (const [m, ms] of setup.matters) if (capacity.get(ms.queueId)) mattersOf.set(ms.queueId, [...(mattersOf.get(ms.queueId) ?? []), m]);
  const servable = queueIds.filter((q) => mattersOf.has(q));
  const queueWeights = servable.map((q) => capacity.get(q)!);
  const expected = s.load * s.scale * queueWeights.reduce((a, b) => a + b, 0);

  // Arrival times over the profile, clipped to the hall's day (kiosks open 30 min early, close 10 min before closing).
  const bins = ARRIVAL_PROFILE.map((b, i) => {
    const from = at(b.from);
    const to = i + 1 < ARRIVAL_PROFILE.length ? at(ARRIVAL_PROFILE[i + 1]!.from) : from + SLOT_MINUTES * MIN;
    return { from: Math.max(from, openAt - 30 * MIN), to: Math.min(to, closeAt - 10 * MIN), weight: b.weight };
  }).filter((b) => b.to > b.from);
  const totalWeight = bins.reduce((n, b) => n + b.weight * (b.to - b.from), 0);

  const categories = [...setup.greenCategories];
  const categoryWeights = categories.map((c) => GREEN_WEIGHTS[c] ?? 0.02);
  const early = setup.rules?.appointmentEarlyMinutes ?? 30;
  const late = setup.rules?.appointmentLateMinutes ?? 15;
  const slotStarts = bins.filter((b) => b.from >= openAt && (!s.lunch || b.to <= at(s.lunch.from) || b.from >= at(s.lunch.to)) && b.to <= closeAt - SLOT_MINUTES * MIN);

  const drafts: Omit<SimArrival, 'id'>[] = [];
  const matterWeights = new Map([...mattersOf].map(([q, ms]) => [q, ms.map((_, i) => 1 / (i + 1))]));
  const slotWeights = slotStarts.map((x) => x.weight);
  const pickMatter = () => {
    const q = servable[rng.weighted(queueWeights)]!;
    const ms = mattersOf.get(q)!;
    const matterId = ms[rng.weighted(matterWeights.get(q)!)]!;
    const avg = setup.queues.get(q)!.avgServiceMinutes;
    const minutes = Math.min(avg * 6, Math.max(1, rng.logNormal(avg, s.serviceCv)));
    return { matterId, serviceMs: Math.round(minutes * MIN) };
  };
  for (const b of bins) {
    const n = rng.poisson((expected * b.weight * (b.to - b.from)) / totalWeight);
    for (let i = 0; i < n; i++) {
      const when = Math.round(rng.uniform(b.from, b.to));
      const { matterId, serviceMs } = pickMatter();
      if (slotStarts.length && rng.chance(s.appointmentShare)) {
        const slot = slotStarts[rng.weighted(slotWeights)]!;
        const slotStart = slot.from;
        // Most come a little early; one in eight comes late, some past the window.
        const offsetMin = rng.chance(0.88) ? rng.normal(-6, 8) : rng.uniform(0, late + 30);
        const arrive = Math.round(Math.max(slotStart - early * MIN, slotStart + offsetMin * MIN));
        drafts.push({ at: arrive, matterId, serviceMs, greenCategory: null, appointment: { id: '', slotStart, slotEnd: slotStart + SLOT_MINUTES * MIN } });
      } else {
        const green = categories.length > 0 && rng.chance(s.greenShare);
        // Walk-ins who come before opening wait at the door and take their tickets in the first minutes.
        const arrive = when < openAt ? openAt + Math.round(rng.uniform(0, 5 * MIN)) : when;
        drafts.push({ at: arrive, matterId, serviceMs, greenCategory: green ? categories[rng.weighted(categoryWeights)]! : null, appointment: null });
      }
    }
  }
  drafts.sort((a, b) => a.at - b.at);
  const arrivals: SimArrival[] = drafts.map((d, i) => {
    const id = `v${String(i + 1).padStart(4, '0')}`;
    return { ...d, id, appointment: d.appointment ? { ...d.appointment, id: `appt-${id}` } : null };
  });
  return {
    serviceDay: s.serviceDay,
    source: 'generated',
    seed,
    openAt,
    closeAt,
    arrivals,
    shifts,
    notes: [`generated from seed ${seed}: ${arrivals.length} visitors, load ${s.load}, scale ${s.scale}, green ${Math.round(s.greenShare * 100)} %, appointments ${Math.round(s.appointmentShare * 100)} %`],
  };
}
