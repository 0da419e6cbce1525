// The calendar's "which counter kinds may call" (docs/calendar.md), enforced at the counter:
// over lunch with 午间不间断 only general counters call; before opening and after closing no
// counter calls. Pure.
// Contract: a hall without a calendar (always open) lets every counter call. Used by every
// command that calls a ticket to a counter (call next, 特呼, taking up a suspended ticket);
// recall, start and finish of a ticket already called stay allowed, so a service running
// into lunch is finished, never cut off.
import { hallModeAt } from './calendar/index.js';
import { DomainError } from './errors.js';
import type { HallSetup } from './state.js';

export function assertCounterMayCall(setup: HallSetup, counterId: string, now: number): void {
  if (setup.calendar === null) return;
  const counter = setup.counters.get(counterId);
  if (!counter) return;
  const mode = hallModeAt(setup.calendar, now, setup.dayRule);
  if (mode.callableCounterKinds.includes(counter.kind)) return;
  const facts = { period: mode.period, counterKind: counter.kind, callableKinds: mode.callableCounterKinds.join(','), until: mode.nextChangeAt };
  if (mode.callableCounterKinds.length === 0) {
    throw new DomainError('counter_kind_not_callable', `no counter calls now (${mode.period}); calls start again at the next opening`, facts);
  }
  throw new DomainError('counter_kind_not_callable', `a ${counter.kind} counter may not call now (${mode.period}): only ${mode.callableCounterKinds.join(', ')} counters call`, facts);
}
