// A queue's cut-off ("HH:MM", 停止取号时间): no walk-in tickets from then on.
// Contract: pure. Times are compared in minutes since the service day began, so
// with dayStartsAtHour 3 a cut-off "16:30" is already past at 01:00 (that
// minute belongs to the previous service day, after 16:30), and a cut-off
// "01:00" means 01:00 after midnight, late in the service day.
// Danger: comparing raw "HH:MM" strings gets both of those cases wrong.
import { serviceDayOf } from '../clock.js';
import { checkInstant, dayRuleOf, instantOf, localMinuteOf, parseTime, type CalendarClock } from './local-time.js';

function minutesIntoServiceDay(minuteOfDay: number, dayStartsAtHour: number): number {
  return (((minuteOfDay - dayStartsAtHour * 60) % 1440) + 1440) % 1440;
}

/** Whether local time `localTime` ("HH:MM") is before `cutOff` ("HH:MM") in the same service day. */
export function localTimeBeforeCutOff(localTime: string, cutOff: string, dayStartsAtHour: number): boolean {
  return minutesIntoServiceDay(parseTime(localTime), dayStartsAtHour) < minutesIntoServiceDay(parseTime(cutOff), dayStartsAtHour);
}

/** Whether instant `now` is before `cutOff` of the service day it belongs to. */
export function isBeforeCutOff(now: number, cutOff: string, clock: CalendarClock): boolean {
  checkInstant(now);
  const rule = dayRuleOf(clock);
  return minutesIntoServiceDay(localMinuteOf(now, rule.utcOffsetMinutes).minute, rule.dayStartsAtHour) <
    minutesIntoServiceDay(parseTime(cutOff), rule.dayStartsAtHour);
}

/** The instant of `cutOff` in the service day `now` belongs to: arm a timer for it. */
export function cutOffAt(now: number, cutOff: string, clock: CalendarClock): number {
  checkInstant(now);
  const rule = dayRuleOf(clock);
  const day = serviceDayOf(now, rule);
  return instantOf(day, rule.dayStartsAtHour * 60 + minutesIntoServiceDay(parseTime(cutOff), rule.dayStartsAtHour), rule.utcOffsetMinutes);
}
