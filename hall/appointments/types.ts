// An appointment as the hall stores it (migration 0003, table appointments).
// Personal data: idHash is an HMAC blind index (hall/identity/sealer.ts), never
// the ID number; maskedName is already masked (张*丰). Both become null after
// the retention period (AppointmentStore.purge).
export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled';
export type AppointmentSource = 'local' | 'import' | 'central';

export interface AppointmentRecord {
  id: string;
  code: string;
  matterId: string;
  /** The hall service day the slot belongs to ("YYYY-MM-DD"). */
  serviceDay: string;
  slotStart: number;
  slotEnd: number;
  idHash: string | null;
  maskedName: string | null;
  status: AppointmentStatus;
  ticketId: string | null;
  source: AppointmentSource;
  createdAt: number;
  updatedAt: number;
}

/** Why an appointment could not be stored, found or changed. `problems`: per-row reasons of an import. */
export class AppointmentError extends Error {
  constructor(
    readonly code: 'invalid_appointment' | 'import_invalid' | 'not_found' | 'already_checked_in' | 'code_taken',
    message: string,
    readonly problems: { line: number; message: string }[] = [],
  ) {
    super(message);
    this.name = 'AppointmentError';
  }
}
