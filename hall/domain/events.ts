// Domain events: what happened in the hall, in the order it happened.
// The store gives each one a gapless hall sequence number, a UUID and a time,
// and commits it in the same SQLite transaction as the state it changes.
// Contract: payloads never carry identity data (ID numbers, names of visitors);
// they are pushed to every LAN terminal and uploaded to the central platform.
import type {
  CounterId,
  GreenCategory,
  MatterId,
  QueueId,
  RatingOutcome,
  RatingSource,
  StaffId,
  TicketClass,
  TicketId,
} from './types.js';

/** Why a ticket was called: the counter page's "why this ticket" (docs/calling-policy.md). */
export type CallReason =
  | 'transferred_here' // transferred to this very counter
  | 'overdue' // its place in line is older than the policy's maximum wait: goes first
  | 'class_first' // its class comes first in the policy (green > appointment > walk-in) and lower classes wait
  | 'ratio_turn' // walk-ins' turn in the policy's priority : walk-in ratio
  | 'in_order' // the oldest of its class; no other class waits
  | 'special_call' // called out of turn by staff, with a reason (特呼)
  | 'resumed' // a suspended ticket taken up again
  // Deadline look-ahead (hall/domain/call-deadlines.ts): called now because calling the policy's pick
  // would make a latest call time unkeepable that can still be kept (or later than it must be).
  | 'deadline'
  | 'appointment_slot'; // a checked-in appointment whose booked slot has started: ahead of green and walk-in tickets

export type WithdrawReason = 'suspend_overdue' | 'day_closed';

export type HallEvent =
  | {
      type: 'ticket_issued';
      ticketId: TicketId;
      number: string;
      queueId: QueueId;
      matterId: MatterId;
      ticketClass: TicketClass;
      greenCategory: GreenCategory | null;
      kioskId: string | null;
      issuedAt: number;
      issueSeq: number;
      /** Number within its queue for the service day (A012 → 12). */
      queueNumber: number;
      /** A check-in: the appointment, and whether it was on time (late ones become walk-ins). */
      appointmentId: string | null;
      checkIn: 'on_time' | 'late' | null;
      /** An appointment checked in with its slot promise: the slot's start (its latest call time counts from it). Absent or null: none. */
      slotStart?: number | null;
      /** Checked in from a remote ticket (线上取号): its id, and its place in line when not the issue time (remote-placement.ts). */
      remoteTicketId?: string | null;
      lineKey?: number;
      lineSeq?: number;
    }
  | {
      type: 'ticket_called';
      ticketId: TicketId;
      number: string;
      counterId: CounterId;
      counterNumber: number;
      staffId: StaffId | null;
      ticketClass: TicketClass;
      reason: CallReason;
      /** Staff's reason for a special call (特呼); null otherwise. */
      specialReason: string | null;
      /** The counter's ratio streaks after this call. */
      priorityStreak: number;
      walkInStreak: number;
    }
  | { type: 'ticket_recalled'; ticketId: TicketId; number: string; counterId: CounterId; counterNumber: number; recallCount: number }
  | { type: 'service_started'; ticketId: TicketId; number: string; counterId: CounterId }
  | { type: 'service_finished'; ticketId: TicketId; number: string; counterId: CounterId; staffId: StaffId | null; matterId: MatterId }
  | { type: 'ticket_no_show'; ticketId: TicketId; number: string; counterId: CounterId; /** Marked by the hall after autoNoShowMinutes, not by staff. */ automatic: boolean }
  | { type: 'ticket_rejoined'; ticketId: TicketId; number: string; queueId: QueueId; lineKey: number; lineSeq: number; rejoinCount: number; placesAhead: number }
  | { type: 'ticket_transferred'; ticketId: TicketId; number: string; counterId: CounterId; fromQueueId: QueueId; toQueueId: QueueId; /** 转窗 to one counter; null: to the queue. */ toCounterId: CounterId | null }
  /** A ticket transferred to a counter goes back to its queue (keeping its place): that counter signed out or paused. */
  | { type: 'ticket_requeued'; ticketId: TicketId; number: string; counterId: CounterId; reason: 'counter_signed_out' | 'counter_paused' }
  | { type: 'ticket_suspended'; ticketId: TicketId; number: string; counterId: CounterId; staffId: StaffId | null; reason: string; until: number }
  | { type: 'ticket_resumed'; ticketId: TicketId; number: string; counterId: CounterId; counterNumber: number; staffId: StaffId | null }
  | { type: 'ticket_withdrawn'; ticketId: TicketId; number: string; reason: WithdrawReason; suspendReason: string | null }
  | { type: 'counter_signed_in'; counterId: CounterId; staffId: StaffId }
  | { type: 'counter_signed_out'; counterId: CounterId; staffId: StaffId }
  | { type: 'counter_paused'; counterId: CounterId }
  | { type: 'counter_resumed'; counterId: CounterId }
  | {
      type: 'rating_requested';
      ratingId: string;
      ticketId: TicketId;
      number: string;
      counterId: CounterId;
      staffId: StaffId | null;
      matterId: MatterId;
      expiresAt: number;
    }
  | { type: 'rating_recorded'; ratingId: string; ticketId: TicketId; counterId: CounterId; outcome: RatingOutcome; source: RatingSource | 'timeout' }
  | { type: 'service_day_closed'; serviceDay: string; nextServiceDay: string; expiredTicketIds: TicketId[] };

export type HallEventType = HallEvent['type'];
