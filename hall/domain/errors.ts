// Rule violations: an action that is not possible in the current state.
// Codes are stable (the API returns them as 409 bodies and the UI translates them).

export type DomainErrorCode =
  | 'unknown_matter'
  | 'unknown_queue'
  | 'unknown_counter'
  | 'unknown_category'
  | 'unknown_rating'
  | 'not_signed_in'
  | 'already_signed_in'
  | 'counter_busy'
  | 'counter_paused'
  | 'no_waiting'
  | 'no_current_ticket'
  | 'not_called'
  | 'not_serving'
  | 'same_queue'
  | 'not_paused'
  | 'rating_closed';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
