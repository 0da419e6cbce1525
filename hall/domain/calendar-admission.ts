// The hall calendar's part of admission (docs/calendar.md): outside opening
// hours no counter tickets; in the flex windows only booked visitors; at
// weekend service only the listed matters; a 24-hour-zone kiosk outside hours
// offers self-service only. Pure.
import { kioskModeAt } from './calendar/index.js';
import { DomainError } from './errors.js';
import type { HallSetup } from './state.js';
import type { MatterId } from './types.js';
import type { AdmissionKind } from './admission.js';

export function admissionByCalendar(setup: HallSetup, matterId: MatterId, kind: AdmissionKind, zone: 'hall' | '24h', now: number): void {
  if (setup.calendar === null) return;
  const mode = kioskModeAt(setup.calendar, now, zone, setup.dayRule);
  const opensAt = mode.opensAt ? { opensAt: mode.opensAt.at, opensAtText: `${mode.opensAt.localDate} ${mode.opensAt.localTime}` } : undefined;
  const allowed = kind === 'check_in' ? mode.checkIns : mode.walkInTickets;
  if (!allowed) {
    if (mode.screen === 'self_service') throw new DomainError('self_service_only', 'outside opening hours this kiosk offers self-service only', opensAt);
    if (mode.screen === 'booked_only' && kind === 'walk_in') throw new DomainError('booked_only', 'only booked visitors are served now (早晚弹性办)', opensAt);
    throw new DomainError('hall_closed', 'the hall is not issuing tickets now', opensAt);
  }
  if (mode.counterMatters !== 'all' && !mode.counterMatters.includes(matterId)) {
    throw new DomainError('matter_not_offered', `matter ${matterId} is not served at the counters now`, opensAt);
  }
}
