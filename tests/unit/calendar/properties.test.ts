// Properties of the calendar over random calendars, offsets, day starts and
// instants: the mode is constant until nextChangeAt and changes there; a 调休
// make-up day behaves as the weekday whose hours it keeps; nextOpening is the
// first walk-in opening after now; the schema never throws on bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import type { DayRule } from '../../../hall/domain/clock.js';
import {
  addDays,
  cutOffAt,
  dayPlan,
  formatMinutes,
  hallModeAt,
  isBeforeCutOff,
  kioskModeAt,
  nextOpening,
  weekdayOf,
  type HallCalendar,
  type HallMode,
} from '../../../hall/domain/calendar/index.js';
import { at } from './calendar-fixtures.js';

const FIRST = '2026-01-01';
const WINDOW_DAYS = 90;
const hhmm = (m: number) => (m === 1440 ? '24:00' : formatMinutes(m));

/** Regular hours of one weekday: closed, or open–close with an optional lunch strictly inside. */
const dayHours = fc.option(
  fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 4, maxLength: 4 })
    .chain((xs) => {
      const [open, a, b, close] = [...xs].sort((x, y) => x - y) as [number, number, number, number];
      return fc.record({
        open: fc.constant(hhmm(open)),
        close: fc.constant(hhmm(close)),
        lunch: fc.option(fc.constant({ start: hhmm(a), end: hhmm(b) }), { nil: null }),
      });
    }),
  { nil: null, freq: 4 },
);

const weekHours = fc.record({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours });

/** A calendar section as a hall manager would write it, valid by construction; dates within the first 90 days of 2026. */
const calendarSection = fc
  .record({
    hours: weekHours,
    lunchNonStop: fc.boolean(),
    holidayStarts: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), { maxLength: 8 }),
    holidayLengths: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 8, maxLength: 8 }),
    makeUpPicks: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), { maxLength: 6 }),
    flex: fc.record({ enabled: fc.boolean(), beforeOpenMinutes: fc.integer({ min: 0, max: 180 }), afterCloseMinutes: fc.integer({ min: 0, max: 180 }) }),
    weekendService: fc.record({
      enabled: fc.boolean(),
      days: fc.subarray(['sat', 'sun'] as const),
      onHolidays: fc.boolean(),
      span: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 2 }),
      counterMatterIds: fc.subarray(['m-a', 'm-b', 'm-c']),
    }),
    selfServiceZone: fc.record({ enabled: fc.boolean(), ticketsDuringHours: fc.boolean() }),
  })
  .map((r) => {
    // Non-overlapping holidays: each runs until its length or the next one's start.
    const starts = [...r.holidayStarts].sort((a, b) => a - b);
    const holidays = starts.map((s, i) => {
      const end = Math.min(s + r.holidayLengths[i]! - 1, (starts[i + 1] ?? Infinity) - 1);
      return { name: `假日${i}`, from: addDays(FIRST, s), to: addDays(FIRST, end) };
    });
    const inHoliday = (d: string) => holidays.some((h) => h.from <= d && d <= h.to);
    const workWeekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).filter((w) => r.hours[w] !== null);
    const makeUpWorkdays = workWeekdays.length
      ? r.makeUpPicks
          .map((i) => addDays(FIRST, i))
          .filter((d) => ['sat', 'sun'].includes(weekdayOf(d)) && !inHoliday(d))
          .map((date, i) => ({ date, name: '调休上班', hoursOf: workWeekdays[i % workWeekdays.length]! }))
      : [];
    const [o, c] = [...r.weekendService.span].sort((a, b) => a - b) as [number, number];
    const { span: _span, ...ws } = r.weekendService;
    return {
      hours: r.hours,
      lunchNonStop: r.lunchNonStop,
      holidays,
      makeUpWorkdays,
      holidayYears: [2026],
      flex: r.flex,
      weekendService: { ...ws, open: hhmm(Math.min(o, 1439)), close: hhmm(Math.max(c, Math.min(o, 1439) + 1)) },
      selfServiceZone: r.selfServiceZone,
    };
  });

const cal = calendarSection.map((s) => hallCalendarSchema.parse(s));
const rule: fc.Arbitrary<DayRule> = fc.record({
  utcOffsetMinutes: fc.oneof(fc.constant(480), fc.integer({ min: -56, max: 56 }).map((q) => q * 15)),
  dayStartsAtHour: fc.integer({ min: 0, max: 12 }),
});
/** An instant in the window: often exactly on a minute, sometimes anywhere. */
const instant = fc
  .record({ day: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), minute: fc.integer({ min: 0, max: 1439 }), ms: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })) })
  .map(({ day, minute, ms }) => at(`${addDays(FIRST, day)} 00:00`, 0) + minute * 60_000 + ms);

const RUNS = { numRuns: 300 };
/** Per-test timeout: hundreds of random calendars on a shared 2-core machine. */
const SLOW = 30_000;

describe('calendar properties', () => {
  it('nextChangeAt is in the future, the mode holds until it, and changes there', () => {
    fc.assert(
      fc.property(cal, rule, instant, fc.double({ min: 0, max: 1, noNaN: true }), (c, r, now, f) => {
        const mode = hallModeAt(c, now, r);
        expect(mode.nextChangeAt).toBeGreaterThan(now);
        const inside = Math.min(mode.nextChangeAt - 1, Math.floor(now + f * (mode.nextChangeAt - now)));
        expect(hallModeAt(c, inside, r)).toEqual(mode);
        expect(hallModeAt(c, mode.nextChangeAt - 1, r)).toEqual(mode);
        expect(hallModeAt(c, mode.nextChangeAt, r)).not.toEqual(mode);
      }),
      RUNS,
    );
  }, SLOW);

  it('a day plan covers its whole service day without gaps, and neighbours differ', () => {
    fc.assert(
      fc.property(cal, rule, fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), (c, r, d) => {
        const plan = dayPlan(c, addDays(FIRST, d), r);
        expect(plan.endsAt - plan.startsAt).toBe(86_400_000);
        expect(plan.segments[0]!.from).toBe(plan.startsAt);
        expect(plan.segments.at(-1)!.to).toBe(plan.endsAt);
        plan.segments.forEach((s, i) => {
          expect(s.to).toBeGreaterThan(s.from);
          if (i > 0) {
            expect(s.from).toBe(plan.segments[i - 1]!.to);
            expect(s.period).not.toBe(plan.segments[i - 1]!.period);
          }
        });
      }),
      RUNS,
    );
  }, SLOW);

  it('a 调休 make-up day behaves minute by minute as an ordinary day of its weekday', () => {
    const withMakeUp = cal.filter((c) => c.makeUpWorkdays.length > 0);
    fc.assert(
      fc.property(withMakeUp, rule, fc.nat(), (c, r, pick) => {
        const m = c.makeUpWorkdays[pick % c.makeUpWorkdays.length]!;
        // An ordinary day of that weekday outside the holiday window (June 2026).
        let twin = '2026-06-01';
        while (weekdayOf(twin) !== m.hoursOf) twin = addDays(twin, 1);
        const shift = at(`${twin} 00:00`, 0) - at(`${m.date} 00:00`, 0);
        const strip = ({ serviceDay: _d, dayKind: _k, dayName: _n, hours: _h, nextChangeAt, ...rest }: HallMode) => ({ ...rest, nextChangeAt });
        const start = at(`${m.date} 00:00`, r.utcOffsetMinutes) + r.dayStartsAtHour * 3_600_000;
        for (let t = start; t < start + 86_400_000; t += 13 * 60_000) {
          const made = hallModeAt(c, t, r);
          const ordinary = hallModeAt(c, t + shift, r);
          expect(made.dayKind).toBe('make_up_workday');
          expect(ordinary.dayKind).toBe('workday');
          expect(strip(made)).toEqual({ ...strip(ordinary), nextChangeAt: ordinary.nextChangeAt - shift });
        }
      }),
      { numRuns: 60 },
    );
  }, SLOW);

  it('nextOpening is the first moment after now at which walk-in tickets start', () => {
    fc.assert(
      fc.property(cal, rule, instant, (c, r, now) => {
        const o = nextOpening(c, now, r);
        // Follow the mode changes from now for up to 15 days; the first start of walk-ins is the opening.
        let t = now;
        let walkIn = hallModeAt(c, t, r).walkInTickets;
        let found: number | null = null;
        while (t < now + 15 * 86_400_000) {
          t = hallModeAt(c, t, r).nextChangeAt;
          const next = hallModeAt(c, t, r).walkInTickets;
          if (next && !walkIn) {
            found = t;
            break;
          }
          walkIn = next;
        }
        if (found !== null) expect(o?.at).toBe(found);
        else expect(o === null || o.at >= t).toBe(true);
        if (o) {
          expect(o.at).toBeGreaterThan(now);
          expect(hallModeAt(c, o.at, r).walkInTickets).toBe(true);
          expect(hallModeAt(c, o.at - 1, r).walkInTickets).toBe(false);
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('kiosks never issue counter tickets the hall does not, and a 24h zone never shows "closed"', () => {
    fc.assert(
      fc.property(cal, rule, instant, fc.constantFrom('hall' as const, '24h' as const), (c: HallCalendar, r, now, zone) => {
        const k = kioskModeAt(c, now, zone, r);
        if (k.walkInTickets) expect(k.hall.walkInTickets).toBe(true);
        if (zone === '24h' && c.selfServiceZone.enabled) expect(k.screen).not.toBe('closed');
        if (k.screen === 'closed') expect([k.selfServiceMatters, k.checkIns, k.walkInTickets]).toEqual([false, false, false]);
        expect(k.guides).toBe(true);
        if (k.walkInTickets) expect(k.opensAt).toBeNull();
        if (k.opensAt) expect(k.opensAt.at).toBeGreaterThan(now);
      }),
      RUNS,
    );
  }, SLOW);

  it('a cut-off is "before" exactly until its instant, which lies in the same service day', () => {
    fc.assert(
      fc.property(rule, instant, fc.integer({ min: 0, max: 1439 }), (r, now, m) => {
        const cutOff = formatMinutes(m);
        const when = cutOffAt(now, cutOff, r);
        expect(isBeforeCutOff(now, cutOff, r)).toBe(now < when);
        const plan = dayPlan(hallCalendarSchema.parse({}), hallModeAt(hallCalendarSchema.parse({}), now, r).serviceDay, r);
        expect(when).toBeGreaterThanOrEqual(plan.startsAt);
        expect(when).toBeLessThan(plan.endsAt);
      }),
      RUNS,
    );
  }, SLOW);

  it('the schema reports bad input and never throws', () => {
    const junkTime = fc.oneof(fc.string(), fc.constantFrom('24:01', '9:00', '12:60', '-1:00', ''), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ hours: fc.record({ mon: fc.record({ open: junkTime, close: junkTime, lunch: fc.record({ start: junkTime, end: junkTime }) }) }), weekendService: fc.record({ open: junkTime, close: junkTime }), makeUpWorkdays: fc.array(fc.record({ date: fc.string() })) })), (input) => {
        expect(() => hallCalendarSchema.safeParse(input)).not.toThrow();
      }),
      RUNS,
    );
  }, SLOW);
});
