// Appointment read models for the admin page and the kiosk. Contract: nothing
// personal beyond the masked name; never the blind index itself.
import type { AppointmentDTO, CheckInResponse } from '../api/dto.js';
import { qrContent } from './codes.js';
import { localHm } from './local-slot.js';
import type { AppointmentRecord } from './types.js';

export interface AppointmentViewDeps {
  matterName(matterId: string): string;
  /** The ticket number of a checked-in appointment (today's state, else the store). */
  ticketNumber(ticketId: string): string | null;
  utcOffsetMinutes: number;
}

export function slotText(a: { slotStart: number; slotEnd: number }, utcOffsetMinutes: number): string {
  return `${localHm(a.slotStart, utcOffsetMinutes)}–${localHm(a.slotEnd, utcOffsetMinutes)}`;
}

export function appointmentDto(a: AppointmentRecord, deps: AppointmentViewDeps): AppointmentDTO {
  return {
    id: a.id,
    code: a.code,
    qrContent: qrContent(a.code),
    matterId: a.matterId,
    matterName: deps.matterName(a.matterId),
    serviceDay: a.serviceDay,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    slotText: slotText(a, deps.utcOffsetMinutes),
    maskedName: a.maskedName,
    hasIdNumber: a.idHash !== null,
    status: a.status,
    ticketNumber: a.ticketId ? deps.ticketNumber(a.ticketId) : null,
    source: a.source,
  };
}

export function kioskAppointment(a: AppointmentRecord, deps: AppointmentViewDeps): CheckInResponse['appointment'] {
  return { code: a.code, matterName: deps.matterName(a.matterId), slotStart: a.slotStart, slotEnd: a.slotEnd, slotText: slotText(a, deps.utcOffsetMinutes) };
}
