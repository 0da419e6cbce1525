// One service, one rating, whichever channel answers first (一次一评, 001 第三十七条): the
// counter's rating pad or display screen, the ticket's QR page, a self-service terminal.
// Every channel records through the engine (`record_rating`), which runs one command at a time
// and refuses a closed rating: a second answer — even one arriving at the same instant from
// another channel — is `rating_closed`, never a second rating.
// Personal data: none (a rating carries no identity; the QR page's key is the ticket's secret).
import type { RatingLevel, RatingRequest, RatingSource } from '../domain/index.js';
import { DomainError } from '../domain/index.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import { ratingFromRow } from '../store/hall-store.js';
import type { TicketRatingDTO } from '../api/dto.js';

/** The open rating of a service (ticket or self-service transaction), else its latest closed one, else null. */
export function ratingOfService(runtime: HallRuntime, serviceId: string): RatingRequest | null {
  for (const r of runtime.state.openRatings.values()) if (r.ticketId === serviceId) return r;
  const row = runtime.db.prepare('SELECT * FROM ratings WHERE ticket_id = ? ORDER BY requested_at DESC LIMIT 1').get(serviceId) as Parameters<typeof ratingFromRow>[0] | undefined;
  return row ? ratingFromRow(row) : null;
}

export function ticketRatingView(r: RatingRequest): TicketRatingDTO {
  return { open: r.outcome === null, expiresAt: r.expiresAt, outcome: r.outcome, source: r.source };
}

/** What the ticket's QR page shows of a service's rating; null before the service ended. */
export function serviceRatingView(runtime: HallRuntime, serviceId: string): TicketRatingDTO | null {
  const r = ratingOfService(runtime, serviceId);
  return r ? ticketRatingView(r) : null;
}

/**
 * Records a visitor's level for a service from `source`. Throws DomainError `rating_closed` when
 * the service's rating was already answered or timed out (by any channel), `not_rateable` when the
 * service has not ended yet (no rating was ever asked for).
 */
export function rateService(runtime: HallRuntime, serviceId: string, level: RatingLevel, source: RatingSource): RatingRequest {
  const r = ratingOfService(runtime, serviceId);
  if (!r) throw new DomainError('not_rateable', 'this service has not ended yet: it can be rated when it is finished');
  if (r.outcome !== null) throw new DomainError('rating_closed', 'this service was already rated, or its rating time ran out');
  runtime.execute({ type: 'record_rating', ratingId: r.id, outcome: level, source });
  return ratingOfService(runtime, serviceId)!;
}
