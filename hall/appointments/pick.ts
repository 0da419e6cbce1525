// Which of a visitor's appointments today a card swipe checks in for, when
// the same ID number booked more than one. Pure.
// Rule: the first booked one whose on-time window (slot start − early …
// slot start + late) contains now; else the next one still to come (the kiosk
// then says when to come back); else the latest one already past (checked in
// late, as a walk-in). Cancelled and checked-in ones are chosen only when
// nothing is booked, so the kiosk can say "cancelled" or show the number.
import type { AppointmentRecord } from './types.js';

export function pickForCheckIn(
  list: readonly AppointmentRecord[],
  now: number,
  window: { earlyMinutes: number; lateMinutes: number },
): AppointmentRecord | null {
  const sorted = [...list].sort((a, b) => a.slotStart - b.slotStart);
  const booked = sorted.filter((a) => a.status === 'booked');
  const early = window.earlyMinutes * 60_000;
  const late = window.lateMinutes * 60_000;
  const onTime = booked.find((a) => now >= a.slotStart - early && now <= a.slotStart + late);
  if (onTime) return onTime;
  const upcoming = booked.find((a) => a.slotStart - early > now);
  if (upcoming) return upcoming;
  const past = booked.at(-1);
  if (past) return past;
  return sorted.find((a) => a.status === 'checked_in') ?? sorted.at(-1) ?? null;
}
