// The upload loop body shared by the hall (SQLite outbox) and central
// (PostgreSQL forwarding outbox): takes the due rows, checks `unknown` ones
// with the destination before anything is re-sent, persists `sent` before
// each request, then stores the outcome. A destination with submitBatch()
// (central) gets the run's sendable rows in ONE request; others (a province)
// one request per row.
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
  /** Several records in one request; outcomes in the same order. */
  submitBatch?(records: readonly RatingRecord[]): Promise<SendOutcome[]>;
  /** Asks whether the destination already holds this case's rating (same assessNumber). */
  check(record: RatingRecord): Promise<CheckOutcome>;
}

export interface RatingOutboxStore {
  /** Rows in pending/unknown whose next attempt is due, oldest first. */
  due(destination: string, now: number, limit: number): Promise<UploadRow[]>;
  /** Compare-and-set on the state: false when the row moved meanwhile (nothing written). */
  update(row: UploadRow, expected: UploadState, patch: UploadPatch): Promise<boolean>;
  /** update() for several rows in one commit (a batch's `sent` and outcomes); results in order. */
  updateMany?(changes: readonly { row: UploadRow; expected: UploadState; patch: UploadPatch }[]): Promise<boolean[]>;
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
    if (this.deps.destination.submitBatch) {
      const ready: { row: UploadRow; record: RatingRecord }[] = [];
      for (const row of rows) {
        if (stop?.()) break;
        const sendable = await this.prepare(row, summary);
        if (sendable) ready.push(sendable);
      }
      if (ready.length > 0) await this.sendBatch(ready, summary);
      return summary;
    }
    for (const row of rows) {
      if (stop?.()) break;
      const sendable = await this.prepare(row, summary);
      if (sendable) await this.sendOne(sendable.row, sendable.record, summary);
    }
    return summary;
  }

  /** The row's record, once it may be sent: a missing rating is rejected; an unknown row is checked first. */
  private async prepare(initial: UploadRow, summary: RunSummary): Promise<{ row: UploadRow; record: RatingRecord } | null> {
    const { store, destination } = this.deps;
    let row = initial;
    const record = await store.record(row);
    if (!record) {
      await this.apply(row, { state: 'rejected', rejectReason: 'the rating is no longer in the database', lastError: 'rating not found', updatedAt: this.deps.now() }, summary);
      return null;
    }
    if (row.state === 'unknown') {
      const check = await this.safely(() => destination.check(record), (reason): CheckOutcome => ({ kind: 'retry', reason }));
      summary.checked++;
      const patch = afterCheck(row, check, this.deps.now(), this.deps.random, this.deps.backoff);
      const next = await this.apply(row, patch, summary);
      if (!next || next.state !== 'pending') return null;
      row = next; // not_found: send now
    }
    return row.state === 'pending' ? { row, record } : null;
  }

  /** One request for all rows: `sent` stored for all before it leaves, each outcome after. */
  private async sendBatch(ready: { row: UploadRow; record: RatingRecord }[], summary: RunSummary): Promise<void> {
    const now = this.deps.now();
    const sending = await this.applyMany(ready.map(({ row }) => ({ row, patch: beginSend(row, now) })), summary);
    const sent = ready.flatMap((r, i) => (sending[i] ? [{ row: sending[i], record: r.record }] : []));
    if (sent.length === 0) return;
    let outcomes: SendOutcome[];
    try {
      outcomes = await this.deps.destination.submitBatch!(sent.map((s) => s.record));
    } catch (err) {
      outcomes = sent.map(() => ({ kind: 'unknown', reason: `unexpected error while sending: ${(err as Error).message}` }));
    }
    const after = this.deps.now();
    await this.applyMany(sent.map(({ row }, i) => ({ row, patch: afterSend(row, outcomes[i]!, after, this.deps.random, this.deps.backoff, this.deps.destination.timeoutMs) })), summary);
  }

  private async sendOne(row: UploadRow, record: RatingRecord, summary: RunSummary): Promise<void> {
    const { destination } = this.deps;
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

  /** applyMany: one commit when the store can (updateMany), else row by row. */
  private async applyMany(changes: { row: UploadRow; patch: UploadPatch }[], summary: RunSummary): Promise<(UploadRow | null)[]> {
    const { store } = this.deps;
    if (!store.updateMany) {
      const out: (UploadRow | null)[] = [];
      for (const c of changes) out.push(await this.apply(c.row, c.patch, summary));
      return out;
    }
    const ok = await store.updateMany(changes.map((c) => ({ row: c.row, expected: c.row.state, patch: c.patch })));
    return changes.map((c, i) => (ok[i] ? this.applied(c.row, c.patch, summary) : null));
  }

  /** Writes the patch; returns the row as stored, or null when another writer moved it. */
  private async apply(row: UploadRow, patch: UploadPatch, summary: RunSummary): Promise<UploadRow | null> {
    const ok = await this.deps.store.update(row, row.state, patch);
    return ok ? this.applied(row, patch, summary) : null;
  }

  /** Counts and logs a stored patch; returns the row as stored. */
  private applied(row: UploadRow, patch: UploadPatch, summary: RunSummary): UploadRow {
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
