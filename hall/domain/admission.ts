// Whether the hall may issue a ticket now: the hall calendar (opening hours,
// extended hours, weekends, the 24-hour zone), a queue's daily cap and its
// cut-off time. Used by decide() before issuing, and by the kiosk views so the
// kiosk says honestly that today's numbers are gone *before* printing anything.
import { isBeforeCutOff } from './calendar/index.js';
import { DomainError } from './errors.js';
import type { HallSetup, HallState } from './state.js';
import type { MatterId } from './types.js';
import { admissionByCalendar } from './calendar-admission.js';

export type AdmissionKind = 'walk_in' | 'check_in';

/** Throws the DomainError that explains why `matterId` cannot get a ticket now; returns when it can. */
export function assertAdmissible(state: HallState, setup: HallSetup, matterId: MatterId, kind: AdmissionKind, zone: 'hall' | '24h', now: number): void {
  const matter = setup.matters.get(matterId);
  if (!matter) throw new DomainError('unknown_matter', `no matter "${matterId}"`);
  const queue = setup.queues.get(matter.queueId);
  if (!queue) throw new DomainError('unknown_queue', `no queue "${matter.queueId}"`);
  admissionByCalendar(setup, matterId, kind, zone, now);
  // Booked capacity was promised in advance: caps and cut-offs bind walk-ins only.
  if (kind === 'check_in') return;
  // Counts tickets issued without an appointment (green channel included): booked ones never use up walk-in numbers.
  const issued = state.walkInIssued.get(queue.id) ?? 0;
  if (queue.dailyCap !== null && issued >= queue.dailyCap) {
    throw new DomainError('daily_cap_reached', `queue ${queue.id} has issued all ${queue.dailyCap} numbers of today`, { cap: queue.dailyCap });
  }
  if (queue.cutOff !== null && !isBeforeCutOff(now, queue.cutOff, setup.dayRule)) {
    throw new DomainError('after_cut_off', `queue ${queue.id} stops issuing numbers at ${queue.cutOff}`, { cutOff: queue.cutOff });
  }
}

/** The refusal a kiosk should show for `matterId` now, or null when a ticket can be issued. */
export function admissionProblem(state: HallState, setup: HallSetup, matterId: MatterId, kind: AdmissionKind, zone: 'hall' | '24h', now: number): DomainError | null {
  try {
    assertAdmissible(state, setup, matterId, kind, zone, now);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}
