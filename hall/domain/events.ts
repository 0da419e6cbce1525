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
  StaffId,
  TicketClass,
  TicketId,
} from './types.js';

export type CallReason =
  | 'overdue' // waited past the guard's maximum: goes first
  | 'green_first' // green channel ahead of walk-ins
  | 'green_streak_limit' // green skipped: too many in a row while walk-ins wait
  | 'in_order' // oldest ticket of the next class
  | 'only_green'; // nothing else waiting

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
    }
  | { type: 'ticket_called'; ticketId: TicketId; number: string; counterId: CounterId; counterNumber: number; staffId: StaffId | null; reason: CallReason; /** The counter's consecutive green calls made while walk-ins waited, after this call. */ greenStreak: number }
  | { type: 'ticket_recalled'; ticketId: TicketId; number: string; counterId: CounterId; counterNumber: number; recallCount: number }
  | { type: 'service_started'; ticketId: TicketId; number: string; counterId: CounterId }
  | { type: 'service_finished'; ticketId: TicketId; number: string; counterId: CounterId; staffId: StaffId | null; matterId: MatterId }
  | { type: 'ticket_no_show'; ticketId: TicketId; number: string; counterId: CounterId }
  | { type: 'ticket_transferred'; ticketId: TicketId; number: string; counterId: CounterId; fromQueueId: QueueId; toQueueId: QueueId }
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
  | { type: 'rating_recorded'; ratingId: string; ticketId: TicketId; counterId: CounterId; outcome: RatingOutcome; source: 'pad' | 'screen' | 'timeout' }
  | { type: 'service_day_closed'; serviceDay: string; nextServiceDay: string; expiredTicketIds: TicketId[] };

export type HallEventType = HallEvent['type'];
