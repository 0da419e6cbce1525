// Typed errors of the hall API. Every failure the UI shows goes through describeError(),
// which turns it into plain words and what to do next: never a stack trace or a bare code.
import type { ApiErrorBody } from '../../../hall/api/dto';
import type { MessageKey } from '../i18n';

/** The hall answered with an error body (4xx/5xx). `code` is stable (docs/api.md). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    /** A 409 refusal's facts (RefusalErrorBody.details), e.g. { readyAt } for recall_cooldown. */
    readonly facts: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** The hall could not be reached (network down, service restarting, timeout). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    // 400 bodies list validation issues in `details`; 409 refusals put their facts there (an object).
    const details: unknown = body.error.details;
    if (Array.isArray(details)) return new ApiError(status, body.error.code, body.error.message, details as ApiError['details']);
    const facts = typeof details === 'object' && details !== null ? (details as ApiError['facts']) : {};
    return new ApiError(status, body.error.code, body.error.message, [], facts);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', `HTTP ${status}`);
}

export function errorCode(err: unknown): string | null {
  return err instanceof ApiError ? err.code : null;
}

export function isUnreachable(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && (err.status === 502 || err.status === 503 || err.status === 504));
}

/** Codes every page may meet, mapped to a plain-words message with the next step. */
const commonMessages: Record<string, MessageKey> = {
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  pin_policy: 'error.pinPolicy',
  not_found: 'error.notFound',
  bad_json: 'error.internal',
  invalid_request: 'error.internal',
  too_large: 'error.internal',
  internal: 'error.internal',
};

/**
 * The message key for an error. `specific` maps the codes a page knows better
 * (e.g. a kiosk's "daily_cap"); unknown codes fall back to a generic message that still
 * says what to do.
 */
export function describeError(err: unknown, specific: Record<string, MessageKey> = {}): MessageKey {
  if (err instanceof NetworkError) return 'error.unreachable';
  if (err instanceof ApiError) {
    if (isUnreachable(err)) return 'error.unreachable';
    return specific[err.code] ?? commonMessages[err.code] ?? (err.status >= 500 ? 'error.internal' : 'error.generic');
  }
  return 'error.generic';
}
