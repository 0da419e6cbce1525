// What the hall may do at an instant: hallModeAt (period, callable counter
// kinds, walk-in tickets, booked-only, matters, next change) and nextOpening
// (for "今天已停止取号，下次开放时间 …").
// Contract: pure and total for a validated calendar. hallModeAt(c, t).nextChangeAt
// is > t, and the mode is the same for every instant in [t, nextChangeAt).
// The runtime arms one timer for nextChangeAt and asks again when it fires.
// Danger: the service day, not the local date, picks the schedule — at 01:00
// (dayStartsAtHour 3) the hall is in the previous day's "closed" period.
import { serviceDayOf } from '../clock.js';
import { dayPlan, type DayPlan, type Segment } from './day-plan.js';
import { addDays, checkInstant, dayRuleOf, formatMinutes, localMinuteOf, type CalendarClock } from './local-time.js';
import { COUNTER_KINDS, type CounterKind, type HallCalendar, type HallMode, type HallPeriod, type NextOpening } from './types.js';
import type { MatterId } from '../types.js';

/** How far nextOpening looks ahead before answering null (a calendar that never opens). */
export const NEXT_OPENING_HORIZON_DAYS = 400;

interface Rights {
  callableCounterKinds: readonly CounterKind[];
  walkInTickets: boolean;
  checkIns: boolean;
  bookedOnly: boolean;
  counterMatters: 'all' | readonly MatterId[];
}

const NONE: Rights = { callableCounterKinds: [], walkInTickets: false, checkIns: false, bookedOnly: false, counterMatters: [] };

export function rightsOf(calendar: HallCalendar, period: HallPeriod): Rights {
  switch (period) {
    case 'open':
      return { callableCounterKinds: COUNTER_KINDS, walkInTickets: true, checkIns: true, bookedOnly: false, counterMatters: 'all' };
    case 'lunch':
      // 午间不间断: general counters serve every matter over lunch. Tickets are issued either way;
      // without it they wait for the afternoon.
      return {
        callableCounterKinds: calendar.lunchNonStop ? ['general'] : [],
        walkInTickets: true,
        checkIns: true,
        bookedOnly: false,
        counterMatters: 'all',
      };
    case 'flex_morning':
    case 'flex_evening':
      return { callableCounterKinds: COUNTER_KINDS, walkInTickets: false, checkIns: true, bookedOnly: true, counterMatters: 'all' };
    case 'weekend_service': {
      const listed = calendar.weekendService.counterMatterIds;
      if (listed.length === 0) return NONE;
      return { callableCounterKinds: COUNTER_KINDS, walkInTickets: true, checkIns: true, bookedOnly: false, counterMatters: listed };
    }
    case 'before_open':
    case 'closed':
      return NONE;
  }
}

function segmentAt(plan: DayPlan, now: number): Segment {
  const seg = plan.segments.find((s) => s.from <= now && now < s.to);
  if (!seg) throw new Error(`calendar: no period covers ${now} in service day ${plan.serviceDay}`);
  return seg;
}

export function hallModeAt(calendar: HallCalendar, now: number, clock: CalendarClock): HallMode {
  checkInstant(now);
  const rule = dayRuleOf(clock);
  const plan = dayPlan(calendar, serviceDayOf(now, rule), rule);
  const seg = segmentAt(plan, now);
  const year = Number(plan.serviceDay.slice(0, 4));
  return {
    serviceDay: plan.serviceDay,
    dayKind: plan.dayKind,
    dayName: plan.dayName,
    period: seg.period,
    ...rightsOf(calendar, seg.period),
    nextChangeAt: seg.to,
    hours: plan.hours,
    holidaysKnown: calendar.holidayYears.includes(year),
  };
}

export interface NextOpeningOptions {
  /** Only regular hours count; weekend service is skipped. */
  regularOnly?: boolean;
}

/**
 * The first instant after `now` at which walk-in counter tickets start being issued
 * (regular opening, or weekend service that serves matters at counters); null if none
 * within NEXT_OPENING_HORIZON_DAYS.
 */
export function nextOpening(calendar: HallCalendar, now: number, clock: CalendarClock, options: NextOpeningOptions = {}): NextOpening | null {
  checkInstant(now);
  const rule = dayRuleOf(clock);
  const first = serviceDayOf(now, rule);
  let walkInBefore = false;
  for (let i = 0; i <= NEXT_OPENING_HORIZON_DAYS; i++) {
    const plan = dayPlan(calendar, addDays(first, i), rule);
    for (const seg of plan.segments) {
      const rights = rightsOf(calendar, seg.period);
      const opening = rights.walkInTickets && !walkInBefore && seg.from > now;
      walkInBefore = rights.walkInTickets;
      if (!opening) continue;
      // Regular hours may start at lunch (lunch break from the opening minute): still an opening.
      const period = seg.period === 'weekend_service' ? 'weekend_service' : 'open';
      if (options.regularOnly && period !== 'open') continue;
      const local = localMinuteOf(seg.from, rule.utcOffsetMinutes);
      return {
        at: seg.from,
        serviceDay: plan.serviceDay,
        localDate: local.date,
        localTime: formatMinutes(local.minute),
        dayKind: plan.dayKind,
        period,
        counterMatters: rights.counterMatters,
      };
    }
  }
  return null;
}
