// The hall calendar's public face (docs/calendar.md): opening hours, holidays,
// 调休, lunch, 早晚弹性办, weekend service and the 24-hour zone.
// Everything here is pure: `now` and the UTC offset come from the caller.
export * from './types.js';
export { hallModeAt, nextOpening, NEXT_OPENING_HORIZON_DAYS, type NextOpeningOptions } from './hall-mode.js';
export { kioskModeAt } from './kiosk-mode.js';
export { isBeforeCutOff, localTimeBeforeCutOff, cutOffAt } from './cut-off.js';
export { dayPlan, dayKindOf, regularHoursOn, type DayPlan, type Segment } from './day-plan.js';
export { parseTime, formatMinutes, weekdayOf, addDays, isValidDate, type CalendarClock } from './local-time.js';
