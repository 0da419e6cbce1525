// Service-desk events (issue 13, docs/service-desk.md): 办不成事 cases recorded at a counter,
// escalated to the leader on duty on site and answered (004 第三十三条); what a kiosk offered
// when a queue's numbers for today were gone (000 第十七条: never a bare "no"); and announced
// pauses — a counter pausing or a queue closing early, with a reason category and the time it
// resumes (000 第十七条). The engine never emits them: the hall's service desk records them
// (hall/service-desk/) in the same outbox, and they travel to terminals and central like every
// other event (central accepts them: protocol/central/events.ts).
// Contract: payloads never carry identity data. `summary` and `answer` are staff free text that
// may name a visitor: LAN views hide them from kiosks and displays (hall/api/views.ts) and the
// uplink redacts them (hall/sync/uplink/sync-store.ts), like the other staff notes.
// Danger: central checks these fields; renaming or removing one makes old events unreadable there.
import type { CounterId, MatterId, QueueId, StaffId, TicketId } from './types.js';

export type CapOffer = 'unresolved_counter' | 'next_day_booking' | 'guide_help';
/** Why the kiosk could not give a ticket for the visitor's matter. */
export type CapOfferCause = 'daily_cap_reached' | 'after_cut_off' | 'queue_closed_early';

export type ServiceDeskEvent =
  | {
      type: 'unresolved_case_recorded';
      caseId: string;
      counterId: CounterId;
      staffId: StaffId | null;
      /** The matter the visitor could not get done; null when it is not one of the hall's. */
      matterId: MatterId | null;
      ticketNumber: string | null;
      /** What the visitor could not get done, in the staff member's words. */
      summary: string;
    }
  /** The case went to the leader on duty on site (leaderStaffId), or to nobody when the hall names none. */
  | { type: 'unresolved_case_escalated'; caseId: string; leaderStaffId: StaffId | null }
  | { type: 'unresolved_case_answered'; caseId: string; staffId: StaffId; answer: string }
  | {
      type: 'cap_offer_taken';
      offer: CapOffer;
      cause: CapOfferCause;
      queueId: QueueId;
      matterId: MatterId;
      kioskId: string;
      /** The ticket issued for the 办不成事/综合 counter; null for the other offers. */
      ticketId: TicketId | null;
      /** The appointment booked on the next working day; null for the other offers. */
      appointmentId: string | null;
    }
  | {
      type: 'service_notice_posted';
      noticeId: string;
      /** Exactly one of counterId (a counter pausing) and queueId (a queue closing early). */
      counterId: CounterId | null;
      queueId: QueueId | null;
      reasonId: string;
      startsAt: number;
      resumesAt: number;
      staffId: StaffId | null;
    }
  | { type: 'service_notice_withdrawn'; noticeId: string; staffId: StaffId | null };

export type ServiceDeskEventType = ServiceDeskEvent['type'];
