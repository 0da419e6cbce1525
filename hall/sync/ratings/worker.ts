// RatingUploadWorker: the hall's long-running 好差评 uploader. Each run
// queues newly recorded ratings into rating_uploads, then uploads the due
// ones one at a time (RatingUploader). Explicit dependencies: db, timers
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
import { SerialRuns } from '../../../protocol/central/ratings/serial-runs.js';

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
  private timer: { cancel(): void } | null = null;
  private running = false;
  private readonly runs = new SerialRuns<RunReport>();
  private rerun = false;
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
  }

  get destinationId(): string {
    return this.deps.destination.id;
  }

  start(): void {
    if (this.running || !this.deps.config.enabled) return;
    this.running = true;
    const recovered = this.outbox.recoverInterrupted(this.destinationId, this.deps.timers.now(), this.deps.destination.timeoutMs);
    if (recovered > 0) this.deps.log?.(`rating upload: ${recovered} upload(s) interrupted by a restart will be checked before re-sending`);
    this.schedule(this.deps.timers.now());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    await this.runs.stop();
  }

  poke(): void {
    if (!this.running) return;
    if (this.runs.busy) this.rerun = true;
    else this.schedule(this.deps.timers.now());
  }

  /** One run: queue new ratings, upload what is due. Serialised with the scheduled runs. */
  async runOnce(): Promise<RunReport> {
    return this.runs.run(async (stopped) => {
      const queued = this.queueNew(this.deps.timers.now());
      const summary = await this.uploader.runOnce(this.deps.config.batchSize, stopped);
      return { queued, ...summary };
    });
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

  private schedule(at: number): void {
    this.timer?.cancel();
    this.timer = this.deps.timers.at(at, () => void this.tick());
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    let full = false;
    try {
      const report = await this.runOnce();
      full = report.acked + report.rejected + report.retried + report.unknown >= this.deps.config.batchSize;
    } catch (err) {
      // The store failed (disk full, busy): nothing was lost; try again at the next poll.
      this.deps.log?.(`rating upload run failed: ${(err as Error).message}`);
    }
    if (!this.running) return;
    const now = this.deps.timers.now();
    const poll = now + this.deps.config.pollSeconds * 1000;
    const due = this.nextDue.get(this.destinationId) as number | null;
    const again = full || this.rerun ? now : Math.min(poll, Math.max(now, due ?? poll));
    this.rerun = false;
    this.schedule(again);
  }
}
