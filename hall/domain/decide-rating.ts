// Rating decisions: a visitor's answer, or the timer running out ("not rated",
// never an invented level). Pure; see decide.ts.
import type { HallCommand } from './commands.js';
import { DomainError } from './errors.js';
import type { HallEvent } from './events.js';
import type { HallState } from './state.js';

type RatingCommand = Extract<HallCommand, { type: 'record_rating' | 'expire_rating' }>;

export function decideRating(state: HallState, cmd: RatingCommand, now: number): HallEvent[] {
  const rating = state.openRatings.get(cmd.ratingId);
  if (!rating) throw new DomainError('rating_closed', `rating ${cmd.ratingId} is not open`);
  if (cmd.type === 'expire_rating' && now < rating.expiresAt) return [];
  const late = cmd.type === 'record_rating' && now > rating.expiresAt;
  const timedOut = cmd.type === 'expire_rating' || late;
  return [
    {
      type: 'rating_recorded',
      ratingId: rating.id,
      ticketId: rating.ticketId,
      counterId: rating.counterId,
      outcome: timedOut ? 'not_rated' : cmd.outcome,
      source: timedOut ? 'timeout' : cmd.source,
    },
  ];
}
