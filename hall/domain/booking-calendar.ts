// Whether a booked slot on a rest day can be served by the hall calendar (001 第三十一条: 周末不休息,
// including booked service): on a weekend day or a holiday a slot is bookable when, at its start,
// weekend service runs and lists the matter at the counters. Slots on working days are not judged here.
// Pure. Used by the appointment store for every booking (admin page, import, the kiosk's
// next-day booking), so a visitor is never given a slot the kiosk would refuse on the day.
// Contract: null when bookable; otherwise the reason in plain words, naming the day.
import { hallModeAt, type HallCalendar } from './calendar/index.js';
import type { DayRule } from './clock.js';

export function bookingProblem(calendar: HallCalendar | null, dayRule: DayRule, matterId: string, slotStart: number, localText: string): string | null {
  if (calendar === null) return null;
  const mode = hallModeAt(calendar, slotStart, dayRule);
  // Working days (ordinary and 调休) are the hall's own business hours: not this rule's concern.
  if (mode.dayKind !== 'weekend' && mode.dayKind !== 'holiday') return null;
  if (!mode.checkIns) {
    if (mode.period === 'weekend_service') return `${localText} is a rest day with self-service only: weekend service serves no matter at the counters`;
    return `${localText} is a rest day (${mode.dayName ?? mode.dayKind}) without weekend service at that time`;
  }
  if (mode.counterMatters !== 'all' && !mode.counterMatters.includes(matterId)) {
    return `${localText} is a rest day: weekend service lists only ${mode.counterMatters.join(', ')} at the counters, not matter "${matterId}"`;
  }
  return null;
}
