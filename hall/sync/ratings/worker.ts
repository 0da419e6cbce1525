// RatingUploadWorker: the hall's long-running 好差评 uploader, a strategy on
// the sync kernel's worker loop (protocol/sync/loop.ts). Each run queues
// newly recorded ratings into rating_uploads, then uploads the due ones
// (RatingUploader: to central in one batch per run, to a province one by one). Explicit dependencies: db, timers
// (clock + scheduling), a destination built on a fetch-like client, random.
// Contract:
//   - start() first turns rows left in `sent` by a crash into `unknown`
//     (they are checked before any re-send), then runs at once and again
//     whenever something is due or every pollSeconds;
//   - poke() asks for a run soon (e.g. after a rating_recorded event);
//   - stop() cancels the schedule and waits for the run in flight, which
//     stops after the row it is on (shutdown never works through a batch);
//   - one run at a time;
//   - a destination problem (unreadable credentials file) is not thrown: the
//     run sends nothing and status().problem says why.
// Danger: the worker never deletes rows; a rejected rating stays with its
// reason until a manager re-queues it.
import type { Db } from '../../store/db.js';
import type { Timers } from '../../runtime/timers.js';
import type { RatingUploadConfig } from '../../config/rating-upload-schema.js';
import { SqliteRatingOutbox, type HallRatingContext } from './sqlite-outbox.js';
import { RatingUploader, type RatingDestination, type RunSummary } from '../../../protocol/central/ratings/uploader.js';
import { readRatingUploadStatus, type RatingUploadStatus } from './status.js';
import { SyncLoop, type RoundOutcome } from '../../../protocol/sync/loop.js';

const FULL_SCAN_EVERY_MS = 3_600_000;
const SCAN_MARGIN_MS = 600_000;

export interface RatingUploadWorkerDeps {
  db: Db;
  config: RatingUploadConfig;
  context: HallRatingContext;
  destination: RatingDestination;
  timers: Timers;
  random(): number;
  log?(line: string): void;
}

export interface RunReport extends RunSummary {
  queued: number;
}

export class RatingUploadWorker {
  readonly outbox: SqliteRatingOutbox;
  private readonly uploader: RatingUploader;
  private readonly nextDue;
  private readonly loop: SyncLoop<RunReport>;
  /** Incremental queuing: when the last scan ran, and when the last full-window scan ran. */
  private lastScanAt: number | null = null;
  private lastFullScanAt = -Infinity;

  constructor(private readonly deps: RatingUploadWorkerDeps) {
    this.outbox = new SqliteRatingOutbox(deps.db, deps.context);
    this.uploader = new RatingUploader({
      store: this.outbox,
      destination: deps.destination,
      now: () => deps.timers.now(),
      random: deps.random,
      log: deps.log,
    });
    this.nextDue = deps.db.prepare(`SELECT MIN(next_attempt_at) FROM rating_uploads WHERE destination = ? AND state IN ('pending', 'unknown')`).pluck();
    this.loop = new SyncLoop(
      deps.timers,
      async (stopped) => {
        const queued = this.queueNew(this.deps.timers.now());
        const summary = await this.uploader.runOnce(this.deps.config.batchSize, stopped);
        return { queued, ...summary };
      },
      (outcome, poked) => (poked ? 0 : this.nextDelay(outcome)),
    );
  }

  get destinationId(): string {
    return this.deps.destination.id;
  }

  start(): void {
    if (this.loop.started || !this.deps.config.enabled) return;
    const recovered = this.outbox.recoverInterrupted(this.destinationId, this.deps.timers.now(), this.deps.destination.timeoutMs);
    if (recovered > 0) this.deps.log?.(`rating upload: ${recovered} upload(s) interrupted by a restart will be checked before re-sending`);
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  poke(): void {
    this.loop.poke();
  }

  /** One run: queue new ratings, upload what is due. Serialised with the scheduled runs. */
  runOnce(): Promise<RunReport> {
    return this.loop.runOnce();
  }

  /**
   * A rating's rated_at is the runtime's clock when it was recorded, so after one scan only
   * ratings recorded since (minus a margin for a clock step back) can be new. The whole
   * lookback window is scanned at the first run, hourly, and whenever the clock went back.
   */
  private queueNew(now: number): number {
    const last = this.lastScanAt;
    const full = last === null || now < last || now - this.lastFullScanAt >= FULL_SCAN_EVERY_MS;
    const queued = this.outbox.enqueue(this.destinationId, now, this.deps.config.lookbackDays, full ? undefined : last - SCAN_MARGIN_MS);
    if (full) this.lastFullScanAt = now;
    this.lastScanAt = now;
    return queued;
  }

  status(limit?: number): RatingUploadStatus {
    return readRatingUploadStatus(this.deps.db, {
      destination: this.destinationId,
      profile: this.deps.config.destination.profile,
      enabled: this.deps.config.enabled,
      now: this.deps.timers.now(),
      limit,
      problem: this.deps.destination.problem?.() ?? null,
    });
  }

  /** A full run goes again at once; otherwise at the next due row, at most pollSeconds away. */
  private nextDelay(outcome: RoundOutcome<RunReport>): number {
    if ('error' in outcome) {
      // The store failed (disk full, busy): nothing was lost; try again at the next poll.
      this.deps.log?.(`rating upload run failed: ${outcome.error.message}`);
    } else {
      const r = outcome.value;
      if (r.acked + r.rejected + r.retried + r.unknown >= this.deps.config.batchSize) return 0;
    }
    const now = this.deps.timers.now();
    const poll = this.deps.config.pollSeconds * 1000;
    const due = this.nextDue.get(this.destinationId) as number | null;
    return due === null ? poll : Math.min(poll, Math.max(0, due - now));
  }
}
