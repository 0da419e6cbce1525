// The upload loop body shared by the hall (SQLite outbox) and central
// (PostgreSQL forwarding outbox): takes due rows one at a time, checks
// `unknown` ones with the destination before anything is re-sent, persists
// `sent` before each request, then stores the outcome.
// Contract: runOnce() never throws for a destination failure (it is recorded
// on the row); it throws only when the store itself fails. One runOnce at a
// time per outbox: the caller (worker / forwarder) serialises them. An
// `unknown` outcome is checked no sooner than the destination's request
// timeout. A run stops between rows once its `stop` signal is set (a row
// in flight finishes: its outcome is stored). A destination that reports a
// problem (e.g. an unreadable credentials file) gets no row touched; the run
// returns the problem.
// Danger: never log a RatingRecord wholesale — keep logs to ids and reasons.
import type { RatingRecord } from './profiles/types.js';
import { ProfileError } from './profiles/types.js';
import {
  afterCheck,
  afterSend,
  beginSend,
  type BackoffPolicy,
  type CheckOutcome,
  type SendOutcome,
  type UploadPatch,
  type UploadRow,
  type UploadState,
} from './state-machine.js';

export interface RatingDestination {
  /** Stored in the outbox's destination column. */
  readonly id: string;
  /** Request timeout (ms): an `unknown` outcome is checked no sooner than this. */
  readonly timeoutMs: number;
  /** A problem that stops every upload (unreadable credentials …), or null; checked before each run. */
  problem?(): string | null;
  submit(record: RatingRecord): Promise<SendOutcome>;
  /** Asks whether the destination already holds this case's rating (same assessNumber). */
  check(record: RatingRecord): Promise<CheckOutcome>;
}

export interface RatingOutboxStore {
  /** Rows in pending/unknown whose next attempt is due, oldest first. */
  due(destination: string, now: number, limit: number): Promise<UploadRow[]>;
  /** Compare-and-set on the state: false when the row moved meanwhile (nothing written). */
  update(row: UploadRow, expected: UploadState, patch: UploadPatch): Promise<boolean>;
  /** The neutral record, built at send time; null when the rating is gone. */
  record(row: UploadRow): Promise<RatingRecord | null>;
}

export interface RunSummary {
  acked: number;
  rejected: number;
  retried: number;
  unknown: number;
  checked: number;
  /** Set when the run did nothing because the destination reported a problem. */
  problem?: string;
}

export interface UploaderDeps {
  store: RatingOutboxStore;
  destination: RatingDestination;
  now(): number;
  random(): number;
  backoff?: BackoffPolicy;
  /** One line per notable outcome: ids and reasons only, never personal data. */
  log?(line: string): void;
}

export class RatingUploader {
  constructor(private readonly deps: UploaderDeps) {}

  /** One run over up to `limit` due rows; `stop` is looked at between rows (shutdown). */
  async runOnce(limit = 10, stop?: () => boolean): Promise<RunSummary> {
    const summary: RunSummary = { acked: 0, rejected: 0, retried: 0, unknown: 0, checked: 0 };
    const problem = this.deps.destination.problem?.() ?? null;
    if (problem !== null) return { ...summary, problem };
    const rows = await this.deps.store.due(this.deps.destination.id, this.deps.now(), limit);
    for (const row of rows) {
      if (stop?.()) break;
      await this.process(row, summary);
    }
    return summary;
  }

  private async process(initial: UploadRow, summary: RunSummary): Promise<void> {
    const { store, destination } = this.deps;
    let row = initial;
    const record = await store.record(row);
    if (!record) {
      await this.apply(row, { state: 'rejected', rejectReason: 'the rating is no longer in the database', lastError: 'rating not found', updatedAt: this.deps.now() }, summary);
      return;
    }
    if (row.state === 'unknown') {
      const check = await this.safely(() => destination.check(record), (reason): CheckOutcome => ({ kind: 'retry', reason }));
      summary.checked++;
      const patch = afterCheck(row, check, this.deps.now(), this.deps.random, this.deps.backoff);
      const next = await this.apply(row, patch, summary);
      if (!next || next.state !== 'pending') return;
      row = next; // not_found: send now
    }
    let sending: UploadPatch;
    try {
      sending = beginSend(row, this.deps.now());
    } catch {
      return;
    }
    const sent = await this.apply(row, sending, summary);
    if (!sent) return;
    let outcome: SendOutcome;
    try {
      outcome = await destination.submit(record);
    } catch (err) {
      // A profile that cannot express the record: nothing left the hall; rejected with the reason.
      if (err instanceof ProfileError) outcome = { kind: 'rejected', reason: err.message };
      else outcome = { kind: 'unknown', reason: `unexpected error while sending: ${(err as Error).message}` };
    }
    await this.apply(sent, afterSend(sent, outcome, this.deps.now(), this.deps.random, this.deps.backoff, destination.timeoutMs), summary);
  }

  private async safely<T>(fn: () => Promise<T>, onError: (reason: string) => T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      return onError(`unexpected error: ${(err as Error).message}`);
    }
  }

  /** Writes the patch; returns the row as stored, or null when another writer moved it. */
  private async apply(row: UploadRow, patch: UploadPatch, summary: RunSummary): Promise<UploadRow | null> {
    const ok = await this.deps.store.update(row, row.state, patch);
    if (!ok) return null;
    const next: UploadRow = { ...row, ...patch };
    if (patch.state !== row.state || patch.state === 'pending') {
      if (patch.state === 'acked') summary.acked++;
      else if (patch.state === 'rejected') summary.rejected++;
      else if (patch.state === 'pending' && row.state === 'sent') summary.retried++;
      else if (patch.state === 'unknown' && row.state === 'sent') summary.unknown++;
    }
    if (patch.state === 'rejected' || patch.state === 'unknown' || (patch.state === 'pending' && row.state === 'sent')) {
      this.deps.log?.(`rating upload ${row.ratingId} → ${this.deps.destination.id}: ${patch.state} (${patch.lastError ?? patch.rejectReason ?? ''})`);
    }
    return next;
  }
}
