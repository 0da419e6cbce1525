// A recorded day: the arrivals, service durations and staffing of one real
// service day, read from a hall's SQLite file (the `events` outbox), so two
// policies can be compared on what actually happened.
// Contract: opens the file read-only (never migrates or writes a hall's
// database); throws RecordedDayError with a plain-words reason when the file
// is missing, is not a hall database, or has no tickets on that day.
// What is reconstructed, and how (each listed in SimDay.notes when used):
//   - service duration: time at counters from service_started (or the call,
//     when nobody pressed start) to finish / transfer / suspend, summed over
//     counters; a no-show occupies its counter from call to no-show;
//   - tickets never called: a duration sampled around the queue's average;
//   - appointments: the event keeps the check-in outcome, not the slot, so a
//     slot is rebuilt that gives the same outcome (on time or late);
//   - staffing: sign-in/out and pause/resume per counter; a day without any
//     falls back to the default plan.
// learnBehaviour() reads the same log for the hall's visitor behaviour (no-shows,
// recalls, transfers, suspensions, walking time) over a range of days.
// Personal data: ticket events carry none; identities are never read.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { HallSetup } from '../domain/index.js';
import { eventFromRow, type EventRow } from '../store/event-log.js';
import { Rng, hashString } from './random.js';
import { localTime, type SimArrival, type SimDay, type StaffShift } from './day.js';
import { DEFAULT_SCENARIO, defaultShifts } from './generate.js';
import type { BehaviourRates } from './behaviour.js';

export class RecordedDayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordedDayError';
  }
}


interface Visit {
  arrival: Omit<SimArrival, 'serviceMs'>;
  checkIn: 'on_time' | 'late' | null;
  queueId: string;
  serviceMs: number;
  segmentFrom: number | null;
  called: boolean;
}

const MIN = 60_000;

function openReadOnly(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new RecordedDayError(`no such file: ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM sqlite_master').get();
  } catch (err) {
    throw new RecordedDayError(`${file} is not an SQLite database (${(err as Error).message})`);
  }
  const hasEvents = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get() as number;
  if (!hasEvents) {
    db.close();
    throw new RecordedDayError(`${file} is not a hall database: it has no events table`);
  }
  return db;
}

/** Service days in the file that have tickets, newest first (for error messages and the CLI). */
export function recordedDays(file: string): string[] {
  const db = openReadOnly(file);
  try {
    return db.prepare("SELECT DISTINCT service_day FROM events WHERE type = 'ticket_issued' ORDER BY service_day DESC").pluck().all() as string[];
  } finally {
    db.close();
  }
}

export function dayFromDatabase(file: string, serviceDay: string, setup: HallSetup): SimDay {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDay)) throw new RecordedDayError(`day "${serviceDay}" is not YYYY-MM-DD`);
  const db = openReadOnly(file);
  let rows: EventRow[];
  try {
    rows = db.prepare("SELECT seq, id, type, service_day, at, payload FROM events WHERE service_day = ? AND type != 'service_day_closed' ORDER BY seq").all(serviceDay) as EventRow[];
  } finally {
    db.close();
  }
  const visits = new Map<string, Visit>();
  const shifts: StaffShift[] = [];
  const onSince = new Map<string, number>();
  const seenCounters = new Set<string>();
  let unknownMatters = 0;
  let transfers = 0;
  const firstAt = rows[0]?.at ?? 0;

  const closeSegment = (v: Visit | undefined, at: number) => {
    if (!v || v.segmentFrom === null) return;
    v.serviceMs += at - v.segmentFrom;
    v.segmentFrom = null;
  };
  const counterOn = (id: string, at: number) => {
    seenCounters.add(id);
    if (!onSince.has(id)) onSince.set(id, at);
  };
  const counterOff = (id: string, at: number) => {
    // A first "off" with no "on" before it: the counter was staffed since the day began.
    const from = onSince.get(id) ?? (seenCounters.has(id) ? null : firstAt);
    seenCounters.add(id);
    onSince.delete(id);
    if (from !== null && at > from) shifts.push({ counterId: id, from, to: at });
  };

  for (const row of rows) {
    const e = eventFromRow(row);
    const v = 'ticketId' in e.payload && typeof e.payload.ticketId === 'string' ? visits.get(e.payload.ticketId) : undefined;
    switch (e.type) {
      case 'ticket_issued': {
        const p = e.payload;
        const matterId = p.matterId;
        if (!setup.matters.has(matterId)) {
          unknownMatters++;
          break;
        }
        // Days recorded before check-ins and appointments were kept lack these fields.
        const checkIn = p.checkIn ?? null;
        const appointmentId = p.appointmentId ?? null;
        const issuedAt = p.issuedAt ?? row.at;
        visits.set(p.ticketId, {
          arrival: { id: p.ticketId, at: issuedAt, matterId, greenCategory: p.greenCategory ?? null, appointment: appointmentId ? { id: appointmentId, slotStart: 0, slotEnd: 0 } : null },
          checkIn,
          queueId: p.queueId,
          serviceMs: 0,
          segmentFrom: null,
          called: false,
        });
        break;
      }
      case 'ticket_called':
      case 'ticket_resumed':
        if (v) {
          v.called = true;
          v.segmentFrom = row.at;
        }
        break;
      case 'service_started':
        if (v && v.segmentFrom === null) v.segmentFrom = row.at;
        break;
      case 'ticket_transferred':
        transfers++;
        closeSegment(v, row.at);
        break;
      case 'service_finished':
      case 'ticket_no_show':
      case 'ticket_suspended':
        closeSegment(v, row.at);
        break;
      case 'counter_signed_in':
      case 'counter_resumed':
        counterOn(e.payload.counterId, row.at);
        break;
      case 'counter_signed_out':
      case 'counter_paused':
        counterOff(e.payload.counterId, row.at);
        break;
    }
  }
  if (visits.size === 0) {
    const days = recordedDays(file);
    throw new RecordedDayError(`${file} has no tickets on ${serviceDay}${days.length ? `; days with tickets: ${days.slice(0, 10).join(', ')}` : ' (no day has any)'}`);
  }

  const lastAt = rows.at(-1)!.at;
  for (const [id, from] of onSince) if (lastAt > from) shifts.push({ counterId: id, from, to: lastAt });
  const notes: string[] = [`recorded day ${serviceDay}: ${visits.size} tickets`];
  let staffing = shifts.filter((s) => setup.counters.has(s.counterId));
  if (staffing.length === 0) {
    staffing = defaultShifts(setup, { ...DEFAULT_SCENARIO, serviceDay });
    notes.push('no counter sign-ins recorded: the default staffing plan was used');
  }

  // Durations for tickets never served: around the queue's average, reproducibly.
  const rng = new Rng(hashString(`recorded:${serviceDay}`));
  let sampled = 0;
  let rebuiltSlots = 0;
  const late = setup.rules?.appointmentLateMinutes ?? 15;
  const arrivals: SimArrival[] = [...visits.values()].map((v) => {
    let serviceMs = v.serviceMs;
    if (!v.called || serviceMs <= 0) {
      const avg = setup.queues.get(v.queueId)?.avgServiceMinutes ?? 10;
      serviceMs = v.called ? Math.max(serviceMs, 30_000) : Math.round(Math.max(1, rng.logNormal(avg, 0.6)) * MIN);
      if (!v.called) sampled++;
    }
    let appointment = v.arrival.appointment;
    if (appointment) {
      rebuiltSlots++;
      // On time: a slot starting now. Late: a slot that started just past the late window.
      const slotStart = v.checkIn === 'late' ? v.arrival.at - (late + 1) * MIN : v.arrival.at;
      appointment = { id: appointment.id, slotStart, slotEnd: slotStart + 30 * MIN };
    }
    return { ...v.arrival, appointment, serviceMs };
  });
  arrivals.sort((a, b) => a.at - b.at);
  if (sampled) notes.push(`${sampled} tickets were never called: their service times were estimated from the queue average`);
  if (rebuiltSlots) notes.push(`${rebuiltSlots} appointment slots were rebuilt from the check-in outcome`);
  if (transfers) notes.push(`${transfers} transfers: replayed as one longer service in the first queue`);
  if (unknownMatters) notes.push(`${unknownMatters} tickets for matters this configuration no longer has were left out`);

  const offset = setup.dayRule.utcOffsetMinutes;
  const openAt = Math.min(arrivals[0]!.at, ...staffing.map((s) => s.from));
  const closeAt = Math.max(localTime(serviceDay, '00:00', offset), ...staffing.map((s) => s.to));
  return { serviceDay, source: 'recorded', seed: null, openAt, closeAt, arrivals, shifts: staffing, notes };
}

/** Rates learned from recorded days, with how much they rest on. */
export interface LearnedBehaviour {
  rates: BehaviourRates;
  /** Service days read (with at least one call), oldest first. */
  days: string[];
  /** Tickets called at least once: the denominator of every share. */
  called: number;
}

const LEARN_TYPES = ['ticket_called', 'ticket_recalled', 'service_started', 'ticket_no_show', 'ticket_transferred', 'ticket_suspended', 'ticket_resumed'] as const;

/**
 * Visitor behaviour as the hall's own event log shows it, over service days `from`..`to`
 * (inclusive): shares of called tickets that were no-shows, came only after a recall,
 * were transferred, or were set aside; the mean time away of a set-aside visitor who came
 * back; and the mean time from a call (or the last recall) to the start of service — the
 * walk. Read-only; throws RecordedDayError when the file has no calls in the range.
 */
export function learnBehaviour(file: string, from: string, to: string): LearnedBehaviour {
  const db = openReadOnly(file);
  let rows: { type: (typeof LEARN_TYPES)[number]; at: number; ticketId: string | null; serviceDay: string }[];
  try {
    rows = db
      .prepare(`SELECT type, at, service_day AS serviceDay, json_extract(payload, '$.ticketId') AS ticketId FROM events WHERE service_day BETWEEN ? AND ? AND type IN (${LEARN_TYPES.map(() => '?').join(', ')}) ORDER BY seq`)
      .all(from, to, ...LEARN_TYPES) as typeof rows;
  } finally {
    db.close();
  }
  const called = new Set<string>();
  const recalled = new Set<string>();
  const served = new Set<string>();
  const noShow = new Set<string>();
  const transferred = new Set<string>();
  const suspended = new Set<string>();
  const lastCall = new Map<string, number>();
  const suspendedAt = new Map<string, number>();
  const days = new Set<string>();
  let walkSum = 0;
  let walks = 0;
  let awaySum = 0;
  let aways = 0;
  for (const r of rows) {
    const id = r.ticketId;
    if (!id) continue;
    switch (r.type) {
      case 'ticket_called':
        called.add(id);
        days.add(r.serviceDay);
        lastCall.set(id, r.at);
        break;
      case 'ticket_recalled':
        recalled.add(id);
        lastCall.set(id, r.at);
        break;
      case 'service_started': {
        served.add(id);
        const at = lastCall.get(id);
        if (at !== undefined) {
          walkSum += r.at - at;
          walks++;
          lastCall.delete(id);
        }
        break;
      }
      case 'ticket_no_show':
        noShow.add(id);
        break;
      case 'ticket_transferred':
        transferred.add(id);
        break;
      case 'ticket_suspended':
        suspended.add(id);
        suspendedAt.set(id, r.at);
        break;
      case 'ticket_resumed': {
        const at = suspendedAt.get(id);
        if (at !== undefined) {
          awaySum += r.at - at;
          aways++;
          suspendedAt.delete(id);
        }
        break;
      }
    }
  }
  if (called.size === 0) throw new RecordedDayError(`${file} has no calls between ${from} and ${to}: nothing to learn from`);
  const n = called.size;
  const share = (count: number) => Math.round((count / n) * 10_000) / 10_000;
  const cameAfterRecall = [...recalled].filter((id) => served.has(id) && !noShow.has(id)).length;
  return {
    rates: {
      noShowRate: share([...noShow].filter((id) => !served.has(id)).length),
      recallRate: share(cameAfterRecall),
      transferRate: share(transferred.size),
      suspendRate: share(suspended.size),
      suspendAwayMinutes: aways ? Math.round((awaySum / aways / MIN) * 10) / 10 : 0,
      walkSeconds: walks ? Math.round(walkSum / walks / 100) / 10 : 0,
    },
    days: [...days].sort(),
    called: n,
  };
}
