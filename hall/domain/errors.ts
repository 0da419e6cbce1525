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
  | 'rating_closed'
  | 'not_self_service'
  | 'not_rateable'
  | 'unknown_ticket'
  | 'not_waiting'
  | 'not_served_here'
  | 'reason_required'
  | 'recall_cooldown'
  | 'recall_limit'
  | 'recalls_required'
  | 'not_no_show'
  | 'rejoin_limit'
  | 'rejoin_too_late'
  | 'not_suspended'
  | 'suspend_too_long'
  | 'same_counter'
  | 'counter_unavailable'
  | 'daily_cap_reached'
  | 'after_cut_off'
  | 'hall_closed'
  | 'self_service_only'
  | 'booked_only'
  | 'matter_not_offered'
  | 'too_early'
  | 'appointment_other_day'
  | 'appointment_cancelled'
  | 'already_checked_in'
  | 'identity_limit'
  // Issue 13 (hall/domain/counter-calendar.ts, hall/service-desk/): a counter kind the calendar does not let call now; a queue closed early by an announced notice.
  | 'counter_kind_not_callable'
  | 'queue_closed_early'
  // Issue 16 (hall/domain/decide-remote.ts): a remote ticket (线上取号) that cannot be checked in.
  | 'remote_not_pending'
  | 'remote_other_day'
  | 'remote_expired';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Facts a screen needs to explain the refusal (e.g. { opensAt } or { cap }); never personal data. */
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
