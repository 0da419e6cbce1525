// Bodies of the service desk's routes (docs/service-desk.md), shared with the renderer through
// hall/api/dto.ts (which re-exports this file). Types only.
import type { PrintOutcomeDTO, TicketDTO } from './dto.js';

// Personal data: none. `summary` and `answer` are staff free text: only counter and admin
// terminals receive them.

export type CapOfferKind = 'unresolved_counter' | 'next_day_booking' | 'guide_help';
export type CapOfferCause = 'daily_cap_reached' | 'after_cut_off' | 'queue_closed_early';

/** One offer the kiosk shows instead of a bare "no". */
export type CapOfferDTO =
  | { kind: 'unresolved_counter'; counterNumbers: number[]; counterName: string }
  | { kind: 'next_day_booking'; date: string; start: string; end: string }
  | { kind: 'guide_help' };

/** GET /api/v1/kiosk/cap-offers?matterId=…: why the matter has no numbers now, and what the hall offers. */
export interface CapOffersDTO {
  matterId: string;
  /** null: the matter can get a ticket now (nothing to offer). */
  cause: CapOfferCause | null;
  offers: CapOfferDTO[];
}

export interface TakeCapOfferRequest {
  matterId: string;
  offer: CapOfferKind;
}

/** What the kiosk shows (and printed) for the offer taken. */
export interface TakeCapOfferResponse {
  offer: CapOfferKind;
  /** unresolved_counter: the ticket for the 办不成事/综合 counter, printed like any ticket. */
  ticket: TicketDTO | null;
  /** unresolved_counter and next_day_booking: the printer's outcome. */
  print: PrintOutcomeDTO | null;
  /** next_day_booking: the appointment booked. */
  appointment: { code: string; matterName: string; date: string; start: string; end: string; qrContent: string } | null;
}

export interface ServiceNoticeDTO {
  noticeId: string;
  counterId: string | null;
  /** The counter's number ("3号窗口"), for counter notices. */
  counterNumber: number | null;
  queueId: string | null;
  queueName: string | null;
  reasonId: string;
  /** The reason category's label from the hall configuration (serviceDesk.pauseReasons). */
  reasonLabel: string;
  startsAt: number;
  resumesAt: number;
  /** Running now (startsAt ≤ now). */
  active: boolean;
}

/** GET /api/v1/notices: every terminal. */
export interface ServiceNoticesDTO {
  now: number;
  notices: ServiceNoticeDTO[];
  /** The reason categories a notice may name. */
  reasons: { id: string; label: string }[];
}

export interface PostServiceNoticeRequest {
  counterId?: string | null;
  queueId?: string | null;
  reasonId: string;
  startsAt: number;
  resumesAt: number;
}

/** A counter's staff announcing their own pause in advance (the counter is the notice's target). */
export interface AnnounceCounterPauseRequest {
  reasonId: string;
  startsAt: number;
  resumesAt: number;
}

export interface UnresolvedCaseDTO {
  caseId: string;
  recordedAt: number;
  counterId: string;
  counterNumber: number;
  staffName: string | null;
  matterId: string | null;
  matterName: string | null;
  ticketNumber: string | null;
  summary: string;
  /** The leader on duty it was escalated to (name and post), or null when the hall names none. */
  escalatedTo: { staffId: string; name: string; post: string } | null;
  answer: { text: string; staffName: string; at: number } | null;
}

export interface RecordUnresolvedCaseRequest {
  matterId?: string | null;
  ticketNumber?: string | null;
  summary: string;
}

export interface AnswerUnresolvedCaseRequest {
  answer: string;
}

/** GET /api/v1/admin/service-desk: the manager's view of issue 13's service desk. */
export interface ServiceDeskDTO {
  /** Configuration warnings (no 办不成事 counter, no leader on duty). */
  warnings: { code: string; message: string }[];
  leaderOnDuty: { staffId: string; name: string; post: string } | null;
  cases: UnresolvedCaseDTO[];
  /** Today's cap offers taken, per offer: what the reports count. */
  capOffersToday: Record<CapOfferKind, number>;
}
