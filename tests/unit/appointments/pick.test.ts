// Which appointment a card swipe checks in for when one person booked several today.
import { describe, expect, it } from 'vitest';
import { pickForCheckIn } from '../../../hall/appointments/pick.js';
import type { AppointmentRecord } from '../../../hall/appointments/types.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 1, 0); // 09:00 local
const window = { earlyMinutes: 30, lateMinutes: 15 };

function appt(id: string, startMin: number, status: AppointmentRecord['status'] = 'booked'): AppointmentRecord {
  return { id, code: id, matterId: 'm', serviceDay: '2026-11-23', slotStart: T0 + startMin * MIN, slotEnd: T0 + (startMin + 30) * MIN, idHash: 'h', maskedName: null, status, ticketId: null, source: 'local', createdAt: 0, updatedAt: 0 };
}

describe('picking the appointment for a card check-in', () => {
  const morning = appt('morning', 0);
  const afternoon = appt('afternoon', 300);

  it('takes the one whose on-time window contains now', () => {
    expect(pickForCheckIn([afternoon, morning], T0 - 10 * MIN, window)?.id).toBe('morning');
    expect(pickForCheckIn([afternoon, morning], T0 + 290 * MIN, window)?.id).toBe('afternoon');
  });

  it('else the next one still to come (the kiosk says when), else the latest past one', () => {
    expect(pickForCheckIn([afternoon, morning], T0 + 60 * MIN, window)?.id).toBe('afternoon');
    expect(pickForCheckIn([afternoon, morning], T0 + 400 * MIN, window)?.id).toBe('afternoon');
    expect(pickForCheckIn([morning], T0 + 60 * MIN, window)?.id).toBe('morning');
  });

  it('falls back to a checked-in, then a cancelled one only when nothing is booked', () => {
    expect(pickForCheckIn([appt('done', 0, 'checked_in'), appt('x', 60, 'cancelled')], T0, window)?.id).toBe('done');
    expect(pickForCheckIn([appt('x', 60, 'cancelled')], T0, window)?.id).toBe('x');
    expect(pickForCheckIn([appt('done', 0, 'checked_in'), afternoon], T0, window)?.id).toBe('afternoon');
    expect(pickForCheckIn([], T0, window)).toBeNull();
  });
});
