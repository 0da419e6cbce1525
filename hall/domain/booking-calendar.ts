// Whether a booked slot can be served by the hall calendar (001 第三十一条: 周末不休息,
// including booked service): a slot is bookable when, at its start, the hall takes check-ins
// and the counters serve the matter — on rest days only where weekend service lists it.
// Pure. Used by the appointment store for every booking (admin page, import, the kiosk's
// next-day booking), so a visitor is never given a slot the kiosk would refuse on the day.
// Contract: null when bookable; otherwise the reason in plain words, naming the day.
import { hallModeAt, type HallCalendar } from './calendar/index.js';
import type { DayRule } from './clock.js';

export function bookingProblem(calendar: HallCalendar | null, dayRule: DayRule, matterId: string, slotStart: number, localText: string): string | null {
  if (calendar === null) return null;
  const mode = hallModeAt(calendar, slotStart, dayRule);
  const restDay = mode.dayKind === 'weekend' || mode.dayKind === 'holiday';
  if (!mode.checkIns) {
    if (restDay && mode.period === 'weekend_service') return `${localText} is a rest day with self-service only: weekend service serves no matter at the counters`;
    if (restDay) return `${localText} is a rest day (${mode.dayName ?? mode.dayKind}) without weekend service at that time`;
    return `the hall serves no booked visitors at ${localText} (${mode.period})`;
  }
  if (mode.counterMatters !== 'all' && !mode.counterMatters.includes(matterId)) {
    return `${localText} is a rest day: weekend service lists only ${mode.counterMatters.join(', ')} at the counters, not matter "${matterId}"`;
  }
  return null;
}
