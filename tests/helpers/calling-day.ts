// A deterministic hall day for calling stories: arrivals (walk-in, green, appointment check-ins)
// at fixed times, every signed-in counter calling as soon as it is free, each service lasting
// exactly its queue's typical minutes. Drives the real engine (decide → evolve) and records when
// each ticket was issued and called, and why. Also plain first-come-first-served on the same
// counters, computed apart from the engine, to tell what FIFO could have kept.
import { DomainError, emptyState, type CallingPolicy, type HallEvent, type HallSetup } from '../../hall/domain/index.js';
import { EngineDriver } from './engine-driver.js';

const MIN = 60_000;

export interface Arrival {
  at: number;
  matterId: string;
  kind: 'walk_in' | 'green' | 'appointment';
  /** Appointments: the booked slot start. */
  slotStart?: number;
}

export interface CalledTicket {
  id: string;
  kind: Arrival['kind'];
  issuedAt: number;
  slotStart: number | null;
  calledAt: number;
  reason: string;
}

/** Every counter follows `policy`; returns the tickets called, in call order. */
export function runCallingDay(base: HallSetup, policy: CallingPolicy, arrivals: Arrival[], start: number): CalledTicket[] {
  const setup: HallSetup = { ...base, policies: new Map([...base.policies, [policy.id, policy]]), counters: new Map([...base.counters].map(([id, c]) => [id, { ...c, policyId: policy.id }])) };
  const d = new EngineDriver(setup, emptyState(setup, '2026-11-23'), start);
  for (const c of setup.counters.keys()) d.run({ type: 'sign_in', counterId: c, staffId: `s-${c}` });
  const pending = [...arrivals].sort((a, b) => a.at - b.at);
  const issued = new Map<string, Omit<CalledTicket, 'calledAt' | 'reason'>>();
  const busyUntil = new Map<string, number>();
  const called: CalledTicket[] = [];
  let n = 0;
  while (pending.length > 0 || [...d.state.tickets.values()].some((t) => t.status === 'waiting') || [...busyUntil.values()].some((t) => t > d.now)) {
    while (pending.length > 0 && pending[0]!.at <= d.now) {
      const a = pending.shift()!;
      const id = `t${++n}`;
      if (a.kind === 'appointment') {
        d.run({ type: 'check_in', ticketId: id, kioskId: null, greenCategory: null, appointment: { id: `ap${n}`, matterId: a.matterId, slotStart: a.slotStart!, slotEnd: a.slotStart! + 30 * MIN, status: 'booked' } });
      } else d.run({ type: 'issue_ticket', ticketId: id, matterId: a.matterId, greenCategory: a.kind === 'green' ? 'elderly' : null, kioskId: 'k1' });
      issued.set(id, { id, kind: a.kind, issuedAt: d.now, slotStart: a.slotStart ?? null });
    }
    for (const counterId of setup.counters.keys()) {
      if ((busyUntil.get(counterId) ?? 0) > d.now) continue;
      if (d.state.counters.get(counterId)!.currentTicketId) d.run({ type: 'finish_service', counterId, ratingId: d.nextRatingId() });
      try {
        const [e] = d.run({ type: 'call_next', counterId }) as (HallEvent & { type: 'ticket_called' })[];
        d.run({ type: 'start_service', counterId });
        const t = d.state.tickets.get(e!.ticketId)!;
        busyUntil.set(counterId, d.now + setup.queues.get(t.queueId)!.avgServiceMinutes * MIN);
        called.push({ ...issued.get(t.id)!, calledAt: d.now, reason: e!.reason });
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'no_waiting') throw err;
      }
    }
    const next = Math.min(pending[0]?.at ?? Infinity, ...[...busyUntil.values()].filter((t) => t > d.now));
    if (!Number.isFinite(next)) break;
    d.now = next;
  }
  return called;
}

/** The longest wait (ms) plain first-come-first-served would cause on `counters` counters of equal service minutes. */
export function fifoLongestWait(arrivals: Arrival[], counters: number, serviceMinutes: number): number {
  const free = Array<number>(counters).fill(0);
  let longest = 0;
  for (const a of [...arrivals].sort((x, y) => x.at - y.at)) {
    const i = free.indexOf(Math.min(...free));
    const start = Math.max(free[i]!, a.at);
    longest = Math.max(longest, start - a.at);
    free[i] = start + serviceMinutes * MIN;
  }
  return longest;
}
