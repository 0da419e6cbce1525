// The per-rating upload state machine, shared by the hall's outbox (SQLite)
// and central's forwarding outbox (PostgreSQL). Pure: every function takes
// `now` and `random` and returns the patch to store.
//
//   pending ──send──▶ sent ──ok / duplicate──▶ acked
//                      │ ──refused (4xx reason)──▶ rejected(reason)   kept and shown, never dropped
//                      │ ──429 / 408 / not reached──▶ pending (backoff, Retry-After honoured)
//                      └──timeout / connection lost / cut-off answer / 5xx──▶ unknown ──check──▶ acked | pending | unknown
//   skipped: a not_rated outcome under the "skip" policy; recorded, never sent.
//
// Danger: a row in `unknown` (or `sent` found after a crash) may already be
// stored at the destination; it is CHECKED (query by case number) before any
// re-send. Never move unknown → pending without a check that says not_found.
// Never check an `unknown` row sooner than the request timeout after the
// outcome: a request still in flight at the destination would read as
// not_found and be sent twice (afterSend's `checkAfterMs`).

import type { SyncFailure } from '../../sync/failure.js';
import { retryDelay } from '../../sync/backoff.js';

export const UPLOAD_STATES = ['pending', 'sent', 'acked', 'rejected', 'unknown', 'skipped'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

export interface UploadRow {
  ratingId: string;
  destination: string;
  assessNumber: 1 | 2;
  state: UploadState;
  /** Send attempts so far. */
  attempts: number;
  /** Checks (queries by case number) so far. */
  checks: number;
  nextAttemptAt: number;
  lastError: string | null;
  rejectReason: string | null;
  duplicate: boolean;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  ackedAt: number | null;
}

export type UploadPatch = Partial<Pick<UploadRow, 'state' | 'attempts' | 'checks' | 'nextAttemptAt' | 'lastError' | 'rejectReason' | 'duplicate' | 'sentAt' | 'ackedAt'>> & {
  state: UploadState;
  updatedAt: number;
};

/** What a destination answered to a submit. */
export type SendOutcome =
  | { kind: 'acked'; duplicate: boolean }
  | { kind: 'rejected'; reason: string }
  /** Known NOT to be stored (429, 408, connection refused, token endpoint down): send again later. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Sent, outcome unknown (timeout, connection lost, a cut-off answer, 5xx): check before re-sending. */
  | { kind: 'unknown'; reason: string; retryAfterMs?: number };

/**
 * A submit's failure in the sync kernel's taxonomy (protocol/sync/failure.ts) as an upload
 * outcome: retry → pending; unknown → checked before any re-send; refused and protocol →
 * rejected with the reason (kept and shown, re-queued by a manager).
 */
export function outcomeOfFailure(f: SyncFailure): SendOutcome {
  const retryAfterMs = f.retryAfterMs ?? undefined;
  if (f.kind === 'retry') return { kind: 'retry', reason: f.message, retryAfterMs };
  if (f.kind === 'unknown') return { kind: 'unknown', reason: f.message, retryAfterMs };
  return { kind: 'rejected', reason: f.message };
}

/** What a destination answered to "do you hold this case's rating?". */
export type CheckOutcome = { kind: 'found' } | { kind: 'not_found' } | { kind: 'retry'; reason: string; retryAfterMs?: number };

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** docs/sync-protocol.md: exponential backoff with full jitter, base 1 s, cap 5 min. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

/**
 * Delay before the next try after `failures` consecutive failures (≥ 1):
 * full jitter over min(cap, base·2^(failures−1)); a Retry-After is a floor.
 */
export function backoffMs(failures: number, random: () => number, retryAfterMs?: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return retryDelay(Math.max(0, failures - 1), policy, random, retryAfterMs ?? null);
}

/** The row is about to be sent: persist this BEFORE the request leaves, so a crash shows as `sent`. */
export function beginSend(row: UploadRow, now: number): UploadPatch {
  if (row.state !== 'pending') throw new Error(`rating upload ${row.ratingId} is ${row.state}; only pending uploads are sent (unknown ones are checked first)`);
  return { state: 'sent', attempts: row.attempts + 1, sentAt: now, updatedAt: now };
}

/**
 * The outcome of a send. `checkAfterMs` (the destination's request timeout) is the least wait
 * before an `unknown` row is checked: the jitter may be near 0, but a request still being
 * processed at the destination must have finished before the check can tell found from not found.
 */
export function afterSend(row: UploadRow, outcome: SendOutcome, now: number, random: () => number, policy?: BackoffPolicy, checkAfterMs = 0): UploadPatch {
  const failures = row.attempts + row.checks;
  switch (outcome.kind) {
    case 'acked':
      return { state: 'acked', duplicate: outcome.duplicate, ackedAt: now, lastError: null, updatedAt: now };
    case 'rejected':
      return { state: 'rejected', rejectReason: outcome.reason, lastError: outcome.reason, updatedAt: now };
    case 'retry':
      return { state: 'pending', lastError: outcome.reason, nextAttemptAt: now + backoffMs(failures, random, outcome.retryAfterMs, policy), updatedAt: now };
    case 'unknown':
      return { state: 'unknown', lastError: outcome.reason, nextAttemptAt: now + Math.max(checkAfterMs, backoffMs(failures, random, outcome.retryAfterMs, policy)), updatedAt: now };
  }
}

/** A check of an `unknown` row. not_found makes it pending and due at once (the caller may send right away). */
export function afterCheck(row: UploadRow, outcome: CheckOutcome, now: number, random: () => number, policy?: BackoffPolicy): UploadPatch {
  const checks = row.checks + 1;
  switch (outcome.kind) {
    case 'found':
      return { state: 'acked', checks, duplicate: false, ackedAt: now, lastError: null, updatedAt: now };
    case 'not_found':
      return { state: 'pending', checks, nextAttemptAt: now, updatedAt: now };
    case 'retry':
      return { state: 'unknown', checks, lastError: outcome.reason, nextAttemptAt: now + backoffMs(row.attempts + checks, random, outcome.retryAfterMs, policy), updatedAt: now };
  }
}

/**
 * After a restart, a row left in `sent` may or may not have arrived: it becomes `unknown` and is
 * checked — not before `checkAfterMs` (the request timeout) after it was sent, for the same reason
 * as in afterSend.
 */
export function recoverInterrupted(row: UploadRow, now: number, checkAfterMs = 0): UploadPatch | null {
  if (row.state !== 'sent') return null;
  const due = Math.max(now, (row.sentAt ?? now) + checkAfterMs);
  return { state: 'unknown', lastError: 'interrupted while sending (restart); checking with the destination before re-sending', nextAttemptAt: due, updatedAt: now };
}

/** A manager's re-queue of a rejected row (after fixing the configuration): back to pending, due now. */
export function requeueRejected(row: UploadRow, now: number): UploadPatch {
  if (row.state !== 'rejected') throw new Error(`rating upload ${row.ratingId} is ${row.state}, not rejected`);
  return { state: 'pending', rejectReason: null, nextAttemptAt: now, updatedAt: now };
}
