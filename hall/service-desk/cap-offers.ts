// Daily caps versus 不得拒绝服务 (000 第十七条; 003 §二.4): when a queue's numbers for today are
// gone (its daily cap, its cut-off time, or an announced early closing), the kiosk offers what
// the hall configures (serviceDesk.capOffers.offers) — a ticket for the 办不成事/综合 counter, a
// slot booked on the next working day and printed on the spot, or a guide's help — and every
// offer taken is an event (cap_offer_taken) the reports count.
// Contract: offers are made only for a matter that really cannot get a ticket now for one of
// those causes (409 tickets_available otherwise, so the offers cannot be used to jump a queue);
// an offer the hall cannot make (no unresolved counter, no working day ahead) is left out.
import { admissionProblem, type DomainError } from '../domain/index.js';
import { unresolvedOfferMatter } from '../config/service-desk-schema.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { CapOfferCause, CapOfferDTO, CapOfferKind } from '../api/service-desk-dto.js';
import { readEvents } from './event-reader.js';
import { nextDaySlot, type NextDaySlot } from './next-day-slot.js';
import type { ServiceNotices } from './notices.js';

const CAUSES: readonly string[] = ['daily_cap_reached', 'after_cut_off', 'queue_closed_early'];

export class CapOffers {
  constructor(
    private readonly config: HallConfig,
    private readonly runtime: HallRuntime,
    private readonly notices: ServiceNotices,
    /** How many appointments start at an instant (spreads next-day bookings over the slots). */
    private readonly bookedAt: (slotStart: number) => number,
  ) {}

  /** Why `matterId` gets no walk-in ticket now, when it is one of the causes offers answer; else null. */
  cause(matterId: string, zone: 'hall' | '24h'): { cause: CapOfferCause; problem: DomainError | null } | null {
    const { state, setup } = this.runtime;
    const problem = admissionProblem(state, setup, matterId, 'walk_in', zone, this.runtime.timers.now());
    if (problem && CAUSES.includes(problem.code)) return { cause: problem.code as CapOfferCause, problem };
    if (problem) return null;
    try {
      this.notices.assertQueueOpen(matterId);
      return null;
    } catch (err) {
      return { cause: 'queue_closed_early', problem: err as DomainError };
    }
  }

  /** The counters a visitor is sent to, and the matter their ticket is for. */
  unresolvedTarget(): { matterId: string; counterNumbers: number[]; counterName: string } | null {
    const matterId = unresolvedOfferMatter(this.config.serviceDesk, this.config);
    if (!matterId) return null;
    const queueId = this.config.matters.find((m) => m.id === matterId)!.queueId;
    const serving = this.config.counters.filter((c) => (c.queueIds ?? (c.kind === 'general' ? [queueId] : [])).includes(queueId));
    // The 办不成事 counters when the hall has them; else the general counters that take those cases.
    const unresolved = serving.filter((c) => c.kind === 'unresolved');
    const counters = unresolved.length ? unresolved : serving;
    if (counters.length === 0) return null;
    return { matterId, counterNumbers: counters.map((c) => c.number), counterName: counters[0]!.name };
  }

  nextSlot(matterId: string): NextDaySlot | null {
    const { setup } = this.runtime;
    return nextDaySlot(setup.calendar, setup.dayRule, matterId, this.runtime.timers.now(), this.config.serviceDesk.capOffers.bookingSlotMinutes, this.bookedAt);
  }

  /** The offers for a matter that has no numbers now, in the configured order. */
  offersFor(matterId: string): CapOfferDTO[] {
    const out: CapOfferDTO[] = [];
    for (const kind of this.config.serviceDesk.capOffers.offers) {
      if (kind === 'unresolved_counter') {
        const target = this.unresolvedTarget();
        if (target) out.push({ kind, counterNumbers: target.counterNumbers, counterName: target.counterName });
      } else if (kind === 'next_day_booking') {
        const slot = this.nextSlot(matterId);
        if (slot) out.push({ kind, date: slot.date, start: slot.start, end: slot.end });
      } else {
        out.push({ kind });
      }
    }
    return out;
  }

  /** Today's offers taken, per kind. */
  countsToday(): Record<CapOfferKind, number> {
    const counts: Record<CapOfferKind, number> = { unresolved_counter: 0, next_day_booking: 0, guide_help: 0 };
    const day = this.runtime.state.serviceDay;
    for (const e of readEvents(this.runtime, ['cap_offer_taken'], day)) if (e.serviceDay === day) counts[e.payload.offer] += 1;
    return counts;
  }
}
