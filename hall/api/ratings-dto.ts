// Bodies of the rating channels beyond the counter (the ticket's QR page, the self-service
// terminal) and of the public 评价公示. Re-exported by dto.ts; type-only (the
// renderer reads it through dto.ts).
import type { TicketRatingDTO } from './dto.js';

/** A visitor's level: POST /api/v1/tickets/:id/rating?key=… (the QR page), POST /api/v1/kiosk/self-service/:id/rating. */
export interface RateServiceRequest {
  level: 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';
}

/** POST /api/v1/kiosk/self-service: the visitor finished a self-service matter at a 24-hour-zone terminal. */
export interface FinishSelfServiceRequest {
  matterId: string;
}

/** The self-service transaction just recorded, and its open rating: the terminal shows the rating screen. */
export interface SelfServiceDTO {
  serviceId: string;
  matterName: string;
  rating: TicketRatingDTO;
}

/** One row of the 评价公示: a counter, a matter, the self-service terminals or the whole hall. */
export interface PublicationRowDTO {
  /** counter id, matter id, 'self_service' or 'hall'. */
  id: string;
  /** The counter's, matter's or hall's name; '' for the self-service row (the page names it). */
  name: string;
  /** A counter's number (3号窗口); null for the other rows. */
  counterNumber: number | null;
  /** Ratings with a level (not_rated excluded). */
  rated: number;
  /** Per level, very_satisfied first. */
  levels: [number, number, number, number, number];
  /** (非常满意 + 满意 + 基本满意) / rated, 0–1; null when nothing was rated. */
  satisfaction: number | null;
  /** 不满意 + 非常不满意. */
  bad: number;
  /** Services that closed without a rating: published so the rate of rating is honest. */
  notRated: number;
}

/** GET /api/v1/public/ratings?from=…&to=…: the 评价公示 of a period (002 第三十二条; 004 第二十八条). */
export interface RatingPublicationDTO {
  hallName: string;
  /** Service days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** When it was computed, ms since the epoch. */
  at: number;
  hall: PublicationRowDTO;
  counters: PublicationRowDTO[];
  matters: PublicationRowDTO[];
  /** The 24-hour zone's self-service terminals together; null when none was used in the period. */
  selfService: PublicationRowDTO | null;
}
