// Deadlines the hall keeps by itself: a called ticket nobody answers becomes
// a no-show after autoNoShowMinutes; a suspended ticket not resumed by its
// deadline is withdrawn. `tick` decides them; nextDeadline tells the runtime
// when to tick next. Pure.
import type { HallEvent } from './events.js';
import type { HallSetup, HallState } from './state.js';

function autoNoShowAt(setup: HallSetup, lastCalledAt: number | null): number | null {
  const minutes = setup.rules.autoNoShowMinutes;
  return minutes === null || lastCalledAt === null ? null : lastCalledAt + minutes * 60_000;
}

export function dueHousekeeping(state: HallState, setup: HallSetup, now: number): HallEvent[] {
  const events: HallEvent[] = [];
  for (const c of state.counters.values()) {
    const t = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
    if (!t || t.status !== 'called') continue;
    const due = autoNoShowAt(setup, t.lastCalledAt);
    if (due !== null && now >= due) events.push({ type: 'ticket_no_show', ticketId: t.id, number: t.number, counterId: c.id, automatic: true });
  }
  for (const id of state.suspended) {
    const t = state.tickets.get(id)!;
    if (t.suspendedUntil !== null && now >= t.suspendedUntil) {
      events.push({ type: 'ticket_withdrawn', ticketId: t.id, number: t.number, reason: 'suspend_overdue', suspendReason: t.suspendReason });
    }
  }
  return events;
}

/** The earliest time housekeeping has something to do, or null. O(counters + suspended tickets). */
export function nextDeadline(state: HallState, setup: HallSetup): number | null {
  let next: number | null = null;
  const consider = (at: number | null) => {
    if (at !== null && (next === null || at < next)) next = at;
  };
  for (const c of state.counters.values()) {
    const t = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
    if (t?.status === 'called') consider(autoNoShowAt(setup, t.lastCalledAt));
  }
  for (const id of state.suspended) consider(state.tickets.get(id)!.suspendedUntil);
  return next;
}
