// Appointments booked on the central platform join the hall's own appointment
// store (today and tomorrow). Called after a downlink round changed them, at
// start (a round may have been applied just before a stop) and when a service
// day closes ("tomorrow" moves on).
// Contract: one transaction; a central appointment central no longer lists is
// cancelled here unless it is already checked in (a check-in stands, and so
// does a cancellation made here: AppointmentStore.upsertFromCentral).
// Never throws: the dataset stays as received and the next call merges again.
import { serviceDayOf, type DayRule } from '../domain/index.js';
import type { Db } from '../store/db.js';
import type { DatasetReader } from '../sync/downlink/dataset-reader.js';
import type { AppointmentStore } from './store.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('appointments');

export function mergeCentralAppointments(db: Db, store: AppointmentStore, reader: DatasetReader, today: string, dayRule: DayRule): void {
  if (reader.versionOf('appointments').version === 0) return;
  const tomorrow = serviceDayOf(Date.parse(`${today}T12:00:00Z`) + 86_400_000, dayRule);
  const items = [...reader.appointmentsOn(today), ...reader.appointmentsOn(tomorrow)];
  const listed = new Set(items.map((a) => a.id));
  // Checked in here: the check-in stands, nothing to merge (and nothing worth a warning).
  const open = items.filter((a) => store.byId(a.id)?.status !== 'checked_in');
  try {
    const result = db.transaction(() => {
      const r = store.upsertFromCentral(open);
      for (const a of [...store.listDay(today), ...store.listDay(tomorrow)]) {
        if (a.source === 'central' && a.status === 'booked' && !listed.has(a.id)) store.cancel(a.id);
      }
      return r;
    })();
    if (result.skipped.length) log.warn(`central appointments skipped: ${result.skipped.map((s) => `${s.id} (${s.reason})`).join('; ')}`);
  } catch (err) {
    log.warn('merging central appointments failed', { err });
  }
}
