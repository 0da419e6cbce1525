// Central's forwarder: uploads received ratings from rating_forwards to the
// provincial 好差评 system, with the same uploader, state machine, provincial
// profile and sync kernel as the hall (protocol/central/ratings/,
// protocol/sync/) — one implementation, two outboxes. Like the hall, it never
// re-sends a rating whose outcome is unknown (timeout, connection lost, a
// cut-off answer, 5xx) without first asking the province by case number.
// Contract: start() and every run turn forwards left in `sent` by a crashed
// process into `unknown` (checked before any re-send) — only those sent more
// than the request timeout + RECOVERY_MARGIN_MS ago, so a forward another
// live process is sending is never touched; poke() asks for a run soon;
// stop() waits for the run in flight, which stops after its current row. One
// run at a time per process; two processes are safe (compare-and-set on the
// state).
// 整改反馈: the same loop then runs a second uploader over rectification_feedbacks
// (pg-feedback-outbox.ts) to the province's feedback endpoint — same state
// machine and backoff, and only for ratings the province already acked.
// Scheduling is the sync kernel's worker loop (protocol/sync/loop.ts) on real
// timers. Danger: delays are measured against deps.now(); with a simulated
// clock, drive it with runOnce() instead of start().
import type pg from 'pg';
import { ProvincialDestination } from '../../protocol/central/ratings/provincial-client.js';
import { nodeHttpClient, type HttpClient, type NodeHttpClient } from '../../protocol/sync/http-client.js';
import type { RatingChannel } from '../../protocol/central/ratings/profiles/types.js';
import { RatingUploader, type RatingDestination, type RunSummary } from '../../protocol/central/ratings/uploader.js';
import { PgRatingForwards } from './pg-outbox.js';
import { PgRectificationFeedbacks } from './pg-feedback-outbox.js';
import { RectificationDestination } from './rectification-destination.js';
import { realTimers, SyncLoop, type RoundOutcome } from '../../protocol/sync/loop.js';

export interface ProvincialForwardingOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Local time of the province (China: +480). */
  utcOffsetMinutes?: number;
  channelCodes?: Partial<Record<RatingChannel, string>>;
  timeoutMs?: number;
  pollMs?: number;
  batchSize?: number;
}

export const PROVINCIAL_DESTINATION_ID = 'provincial';

/** A `sent` forward older than the request timeout plus this is taken as interrupted. */
export const RECOVERY_MARGIN_MS = 60_000;

export class RatingForwarder {
  readonly store: PgRatingForwards;
  readonly destination: RatingDestination;
  private readonly uploader: RatingUploader;
  readonly feedbacks: PgRectificationFeedbacks;
  private readonly feedbackUploader: RatingUploader;
  private readonly loop: SyncLoop<RunSummary>;
  /** stop() was called (also while start() was recovering). */
  private stopped = false;
  private starting: Promise<void> | null = null;
  private ownHttp: NodeHttpClient | null = null;

  constructor(
    private readonly o: {
      pool: pg.Pool;
      now(): number;
      provincial: ProvincialForwardingOptions;
      /** The sync kernel's HTTP client; default: one of its own, closed by stop(). */
      http?: HttpClient;
      random?: () => number;
      destination?: RatingDestination;
      log?: (line: string) => void;
    },
  ) {
    this.store = new PgRatingForwards(o.pool);
    this.destination =
      o.destination ??
      new ProvincialDestination({
        id: PROVINCIAL_DESTINATION_ID,
        baseUrl: o.provincial.url.replace(/\/+$/, ''),
        credentials: { clientId: o.provincial.clientId, clientSecret: o.provincial.clientSecret },
        http: o.http ?? (this.ownHttp = nodeHttpClient()),
        now: o.now,
        timeoutMs: o.provincial.timeoutMs ?? 15_000,
        encode: { utcOffsetMinutes: o.provincial.utcOffsetMinutes ?? 480, channelCodes: o.provincial.channelCodes },
      });
    this.uploader = new RatingUploader({ store: this.store, destination: this.destination, now: o.now, random: o.random ?? Math.random, log: o.log });
    this.feedbacks = new PgRectificationFeedbacks(o.pool);
    const feedbackDestination = new RectificationDestination(
      {
        id: this.destination.id,
        baseUrl: o.provincial.url.replace(/\/+$/, ''),
        credentials: { clientId: o.provincial.clientId, clientSecret: o.provincial.clientSecret },
        http: o.http ?? (this.ownHttp ??= nodeHttpClient()),
        now: o.now,
        timeoutMs: o.provincial.timeoutMs ?? 15_000,
        encode: { utcOffsetMinutes: o.provincial.utcOffsetMinutes ?? 480, channelCodes: o.provincial.channelCodes },
      },
      this.feedbacks,
    );
    this.feedbackUploader = new RatingUploader({ store: this.feedbacks, destination: feedbackDestination, now: o.now, random: o.random ?? Math.random, log: o.log });
    this.loop = new SyncLoop(
      realTimers(o.now),
      async (stopped) => {
        await this.recover();
        const ratings = await this.uploader.runOnce(this.o.provincial.batchSize ?? 10, stopped);
        const feedback = await this.feedbackUploader.runOnce(this.o.provincial.batchSize ?? 10, stopped);
        return addSummaries(ratings, feedback);
      },
      (outcome, poked) => (poked ? 0 : this.nextDelay(outcome)),
    );
  }

  async start(): Promise<void> {
    if (this.loop.started || this.starting) return;
    this.stopped = false;
    this.starting = this.recover();
    try {
      await this.starting;
    } finally {
      this.starting = null;
    }
    if (!this.stopped) this.loop.start();
  }

  /** Forwards a dead process left in `sent` (older than timeout + margin) → unknown. */
  private async recover(): Promise<void> {
    const n = await this.store.recoverInterrupted(this.destination.id, this.o.now(), this.destination.timeoutMs + RECOVERY_MARGIN_MS);
    if (n > 0) this.o.log?.(`rating forwarding: ${n} forward(s) interrupted by a restart will be checked before re-sending`);
    const m = await this.feedbacks.recoverInterrupted(this.destination.id, this.o.now(), this.destination.timeoutMs + RECOVERY_MARGIN_MS);
    if (m > 0) this.o.log?.(`rectification feedback: ${m} interrupted by a restart will be checked before re-sending`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.loop.stop();
    this.ownHttp?.close();
  }

  poke(): void {
    this.loop.poke();
  }

  runOnce(): Promise<RunSummary> {
    return this.loop.runOnce();
  }

  /** A full run goes again at once; otherwise at the next due forward, at most pollMs away. */
  private async nextDelay(outcome: RoundOutcome<RunSummary>): Promise<number> {
    const batch = this.o.provincial.batchSize ?? 10;
    if ('error' in outcome) this.o.log?.(`rating forwarding run failed: ${outcome.error.message}`);
    else {
      const s = outcome.value;
      if (s.acked + s.rejected + s.retried + s.unknown >= batch) return 0;
    }
    const poll = this.o.provincial.pollMs ?? 15_000;
    const dues = await Promise.all([this.store.nextDueAt(this.destination.id), this.feedbacks.nextDueAt(this.destination.id)]).catch(() => [null]);
    const due = dues.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
    return due === null ? poll : Math.min(poll, Math.max(0, due - this.o.now()));
  }
}

function addSummaries(a: RunSummary, b: RunSummary): RunSummary {
  return {
    acked: a.acked + b.acked,
    rejected: a.rejected + b.rejected,
    retried: a.retried + b.retried,
    unknown: a.unknown + b.unknown,
    checked: a.checked + b.checked,
    ...(a.problem !== undefined ? { problem: a.problem } : {}),
  };
}
