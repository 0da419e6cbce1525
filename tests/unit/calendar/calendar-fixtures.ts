// Shared fixtures for the calendar tests: calendars built through the real
// schema (so defaults apply exactly as in a hall config) and local instants.
import { hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import type { HallCalendar } from '../../../hall/domain/calendar/index.js';

/** A calendar from a partial config section, parsed by the hall's schema. */
export function calendar(section: unknown = {}): HallCalendar {
  return hallCalendarSchema.parse(section);
}

/** Epoch ms of local "YYYY-MM-DD HH:MM" in a zone `offset` minutes east of UTC. */
export function at(local: string, offset = 480): number {
  const [date, time] = local.split(' ');
  const ms = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(ms)) throw new Error(`bad local time in test: ${local}`);
  return ms - offset * 60_000;
}

export const CN = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
export const MINUTE = 60_000;
