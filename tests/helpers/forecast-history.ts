// Generated hall histories with known patterns, written into a real hall
// database as ticket_issued events (through EventLog, as the hall writes them),
// for the forecast's tests and benchmark. The expected tickets of a day are
// base × weekday × month start × after a holiday × day of month, spread over
// the half hours by `shape`, over queues by `queueShare` and over classes by
// `classShare`; the tickets written are Poisson draws of that.
import type { Db } from '../../hall/store/db.js';
import { EventLog } from '../../hall/store/event-log.js';
import type { HallCalendar, Weekday } from '../../hall/domain/calendar/index.js';
import { addDays } from '../../hall/domain/calendar/index.js';
import type { TicketClass } from '../../hall/domain/index.js';
import type { DayFeatures } from '../../hall/forecast/model.js';
import { localTime } from '../../hall/simulator/day.js';
import { Rng } from '../../hall/simulator/random.js';

export interface Pattern {
  /** Tickets of a plain day with weekday factor 1. */
  base: number;
  weekday: Record<Weekday, number>;
  monthStart: number;
  afterHoliday: number;
  /** Day of month → factor (e.g. a pension day). */
  dayOfMonth: Record<number, number>;
  /** Relative weight per local half hour (index 0–47). */
  shape: number[];
  queueShare: Record<string, number>;
  classShare: Record<TicketClass, number>;
}

/** A morning peak and an afternoon one, 08:30–17:00. */
export function hallShape(): number[] {
  const w = new Array<number>(48).fill(0);
  const set: [number, number][] = [[17, 0.6], [18, 1.4], [19, 2], [20, 2], [21, 1.5], [22, 1.1], [23, 0.7], [24, 0.4], [25, 0.3], [26, 0.5], [27, 0.9], [28, 1.2], [29, 1.3], [30, 1.1], [31, 0.9], [32, 0.6], [33, 0.3]];
  for (const [s, x] of set) w[s] = x;
  return w;
}

export function trueTotal(p: Pattern, f: DayFeatures): number {
  if (!f.open) return 0;
  return p.base * p.weekday[f.weekday] * (f.monthStart ? p.monthStart : 1) * (f.afterHoliday ? p.afterHoliday : 1) * (p.dayOfMonth[Number(f.date.slice(8))] ?? 1);
}

/** Writes the days from..to (inclusive); returns the tickets written per day. */
export function writeHistory(db: Db, p: Pattern, features: (d: string) => DayFeatures, from: string, to: string, seed: number, utcOffsetMinutes = 480): Map<string, number> {
  const log = new EventLog(db, { node: 'test' });
  const rng = new Rng(seed);
  const shapeSum = p.shape.reduce((s, x) => s + x, 0);
  const classes = Object.entries(p.classShare) as [TicketClass, number][];
  const written = new Map<string, number>();
  let seq = 0;
  const insertDay = db.transaction((day: string) => {
    const f = features(day);
    const total = trueTotal(p, f);
    let n = 0;
    const midnight = localTime(day, '00:00', utcOffsetMinutes);
    for (const [q, share] of Object.entries(p.queueShare)) {
      for (const [cls, cshare] of classes) {
        p.shape.forEach((w, s) => {
          if (!w || s < f.slotFrom || s >= f.slotTo) return;
          const k = rng.poisson((total * share * cshare * w) / shapeSum);
          for (let i = 0; i < k; i++) {
            const at = midnight + s * 1_800_000 + Math.floor(rng.next() * 1_800_000);
            const id = `h${++seq}`;
            log.append('ticket_issued', day, at, { ticketId: id, number: `${q}${n}`, queueId: q, matterId: `${q}-m`, ticketClass: cls, greenCategory: cls === 'green' ? 'elderly' : null, kioskId: 'k1', issuedAt: at, issueSeq: seq, queueNumber: n, appointmentId: cls === 'appointment' ? `a${id}` : null, checkIn: cls === 'appointment' ? 'on_time' : null });
            n++;
          }
        });
      }
    }
    written.set(day, n);
  });
  for (let d = from; d <= to; d = addDays(d, 1)) insertDay(d);
  return written;
}

/** A calendar with two short holidays, 国庆 and two 调休 make-up Saturdays (fictional dates, for tests). */
export function testCalendar(): HallCalendar {
  const day = { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30' } };
  return {
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null },
    seasons: [],
    lunchNonStop: true,
    holidays: [
      { name: '夏休', from: '2026-08-20', to: '2026-08-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-25' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2026-09-26', name: '国庆调休', hoursOf: 'mon' },
      { date: '2026-10-10', name: '国庆调休', hoursOf: 'fri' },
    ],
    holidayYears: [2026],
    flex: { enabled: false, beforeOpenMinutes: 0, afterCloseMinutes: 0 },
    weekendService: { enabled: false, days: [], onHolidays: false, open: '09:00', close: '12:00', counterMatterIds: [] },
    selfServiceZone: { enabled: false, ticketsDuringHours: false },
    source: 'test',
  };
}
