// A simulated service day: who arrives when, for which matter, in which class,
// how long their service takes, and which counters are staffed when. The same
// SimDay is run under two calling policies, so any difference in waits comes
// from the policies alone.
// Contract: arrivals are sorted by `at` and ids are unique; times are epoch ms.
// Personal data: none — a simulated visitor is a matter, a class and times.
import type { BehaviourRates, BehaviourSource } from './behaviour.js';

export interface SimAppointment {
  id: string;
  /** Booked slot, epoch ms. */
  slotStart: number;
  slotEnd: number;
}

export interface SimArrival {
  /** Also the ticket id the engine gets. */
  id: string;
  /** When the visitor takes a ticket or checks in. */
  at: number;
  matterId: string;
  greenCategory: string | null;
  /** Booked visitors check in; the engine decides whether they are on time. */
  appointment: SimAppointment | null;
  /** How long the service lasts once the counter starts it. */
  serviceMs: number;
  /** What the visitor does besides waiting (behaviour.ts); absent: comes at once, no walk, served in one go. */
  plan?: VisitPlan;
}

/** One visitor's behaviour, drawn before the day is run so both policies meet the same visitors. */
export interface VisitPlan {
  /** From the call on the display to reaching the counter (the counter waits). */
  walkMs: number;
  /** 0: comes at the first call; 1 or 2: only after that many recalls; null: never comes (no-show). */
  recallsBeforeAnswer: number | null;
  /** Part-way through the service: sent on to another queue, or set aside and back after `awayMs`. */
  after: { kind: 'transfer'; toQueueId: string; firstMs: number; secondMs: number } | { kind: 'suspend'; firstMs: number; awayMs: number; secondMs: number } | null;
}

/** A counter is staffed from `from` (inclusive) to `to` (exclusive); it finishes the visitor it holds. */
export interface StaffShift {
  counterId: string;
  from: number;
  to: number;
}

export interface SimDay {
  serviceDay: string;
  source: 'generated' | 'recorded';
  /** The seed of a generated day; null for a recorded one. */
  seed: number | null;
  openAt: number;
  closeAt: number;
  arrivals: SimArrival[];
  shifts: StaffShift[];
  /** Plain-words notes on how the day was built (what was estimated, what was left out). */
  notes: string[];
  /** The behaviour rates the visitors' plans were drawn from (behaviour.ts); absent: none drawn. */
  behaviour?: BehaviourRates & { source: BehaviourSource };
}

/** Epoch ms of local "HH:MM" on a service day, in a hall `utcOffsetMinutes` from UTC. */
export function localTime(serviceDay: string, hhmm: string, utcOffsetMinutes: number): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(serviceDay);
  const time = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!day) throw new Error(`service day "${serviceDay}" is not YYYY-MM-DD`);
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) throw new Error(`time "${hhmm}" is not HH:MM`);
  return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(time[1]), Number(time[2])) - utcOffsetMinutes * 60_000;
}

/** Local "HH:MM" of an epoch-ms instant. */
export function localHm(at: number, utcOffsetMinutes: number): string {
  return new Date(at + utcOffsetMinutes * 60_000).toISOString().slice(11, 16);
}

export function isStaffed(shifts: readonly StaffShift[], counterId: string, at: number): boolean {
  return shifts.some((s) => s.counterId === counterId && s.from <= at && at < s.to);
}
