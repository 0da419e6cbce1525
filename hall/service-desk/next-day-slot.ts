// The slot a kiosk books on the spot when a queue's numbers for today are gone (003 §二.4: the
// visitor is never told to go and book online): the next regular working day's hours, in
// slots of serviceDesk.capOffers.bookingSlotMinutes, outside lunch, the least booked slot
// first (earliest on ties). Pure.
// Contract: the slot is on a later service day than `now`'s and passes the calendar's booking
// rule (hall/domain/booking-calendar.ts); null when the calendar has no working day ahead.
// A hall without a calendar (always open) books the next service day from 09:00 to 17:00.
import { serviceDayOf, type DayRule } from '../domain/index.js';
import { addDays, formatMinutes, hallModeAt, nextOpening, parseTime, type HallCalendar } from '../domain/calendar/index.js';
import { bookingProblem } from '../domain/booking-calendar.js';
import { localToEpoch } from '../appointments/local-slot.js';

export interface NextDaySlot {
  date: string;
  start: string;
  end: string;
  slotStart: number;
}

/** `booked(slotStart)`: how many appointments already start at that instant. */
export function nextDaySlot(calendar: HallCalendar | null, rule: DayRule, matterId: string, now: number, slotMinutes: number, booked: (slotStart: number) => number): NextDaySlot | null {
  const today = serviceDayOf(now, rule);
  let date = addDays(today, 1);
  let hours = { open: parseTime('09:00'), close: parseTime('17:00'), lunch: null as null | { start: number; end: number } };
  if (calendar) {
    let opening = nextOpening(calendar, now, rule, { regularOnly: true });
    // Today's own opening (a visitor before opening time) is not "the next working day".
    while (opening && opening.serviceDay <= today) opening = nextOpening(calendar, opening.at + 60_000, rule, { regularOnly: true });
    if (!opening) return null;
    date = opening.localDate;
    const h = hallModeAt(calendar, opening.at, rule).hours;
    if (!h) return null;
    hours = { open: parseTime(h.open), close: parseTime(h.close), lunch: h.lunch ? { start: parseTime(h.lunch.start), end: parseTime(h.lunch.end) } : null };
  }
  let best: (NextDaySlot & { count: number }) | null = null;
  for (let m = hours.open; m + slotMinutes <= hours.close; m += slotMinutes) {
    const lunch = hours.lunch;
    if (lunch && m < lunch.end && m + slotMinutes > lunch.start) continue;
    const start = formatMinutes(m);
    const slotStart = localToEpoch(date, start, rule.utcOffsetMinutes)!;
    if (bookingProblem(calendar, rule, matterId, slotStart, `${date} ${start}`)) continue;
    const count = booked(slotStart);
    if (!best || count < best.count) best = { date, start, end: formatMinutes(m + slotMinutes), slotStart, count };
  }
  if (!best) return null;
  const { count: _count, ...slot } = best;
  return slot;
}
