// The downlink worker: keeps the hall's copy of each central dataset current.
// Per dataset: ask `since=<version>`; apply a complete delta in one
// transaction (checksum checked); on 410 must_refetch, or after a checksum
// mismatch, page a snapshot into shadow rows and swap it in only after the
// last page and a matching checksum. A refused answer (bad item, checksum,
// version regression) changes nothing and shows in status(); an unreachable
// central changes nothing either — the hall serves its last good data and
// retries with the kernel's backoff (Retry-After honoured). Scheduling is the
// sync kernel's worker loop (protocol/sync/loop.ts).
// Contract: explicit dependencies (db, client, timers, random); start() /
// stop(); syncOnce() runs one round (one at a time: a second call while a
// round runs shares it). A snapshot in progress survives a restart: its pages
// are in SQLite and the next round resumes after the last stored key; stop()
// ends a snapshot between pages (the stored pages stay for the next start).
// Dangers: never log item values (appointments are personal data); errors
// name datasets, versions and keys only.
import type { Db } from '../../store/db.js';
import type { Timers } from '../../runtime/timers.js';
import type { IdentitySealer } from '../../identity/sealer.js';
import { SyncFailure } from '../../../protocol/sync/failure.js';
import { retryDelay } from '../../../protocol/sync/backoff.js';
import { SyncLoop, type RoundOutcome } from '../../../protocol/sync/loop.js';
import type { DownlinkClient } from './central-client.js';
import { DatasetStore, DownlinkRefusal, type DatasetStateRow } from './dataset-store.js';
import { datasetNames, type DatasetName } from '../../../protocol/central/downlink/schemas.js';

export interface DownlinkWorkerDeps {
  db: Db;
  client: DownlinkClient;
  timers: Timers;
  /** The hall's identity sealer: home_visits contacts are stored sealed with it (sealed-items.ts). */
  sealer: IdentitySealer;
  /** [0, 1) — the jitter of the backoff; injected so tests are deterministic. */
  random?: () => number;
  datasets?: readonly DatasetName[];
  /** Time between rounds while all is well. */
  pollMs?: number;
  /** Items per snapshot page. */
  pageSize?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  log?: (line: string) => void;
  /** Called after each round with what changed (e.g. to merge new appointments); errors are logged. */
  onRound?: (outcomes: DatasetOutcome[]) => void;
}

export type DatasetOutcome =
  | { dataset: DatasetName; result: 'current'; version: number }
  | { dataset: DatasetName; result: 'applied'; fromVersion: number; version: number; changes: number }
  | { dataset: DatasetName; result: 'snapshot_loaded'; version: number; items: number }
  | { dataset: DatasetName; result: 'refused'; code: string; reason: string }
  | { dataset: DatasetName; result: 'failed'; code: string; reason: string; transient: boolean; retryAfterMs?: number };

export interface DatasetStatus {
  dataset: DatasetName;
  /** ok: served and confirmed; never_synced: nothing from central yet; refused/failed: the last round went wrong (old data serves); loading_snapshot: pages arriving. */
  state: 'ok' | 'never_synced' | 'loading_snapshot' | 'refused' | 'failed';
  version: number;
  itemCount: number;
  syncedAt: number | null;
  checkedAt: number | null;
  lastError: { code: string; message: string; at: number } | null;
  snapshot: { version: number; loaded: number; total: number } | null;
}

export interface DownlinkStatus {
  datasets: DatasetStatus[];
  consecutiveFailures: number;
  nextAttemptAt: number | null;
}

const REFUSAL_CODES = new Set(['invalid_item', 'checksum_mismatch', 'version_regression', 'version_mismatch', 'incomplete', 'count_mismatch']);

export class DownlinkWorker {
  readonly store: DatasetStore;
  private readonly datasets: readonly DatasetName[];
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private running: Promise<DatasetOutcome[]> | null = null;
  private readonly loop: SyncLoop<DatasetOutcome[]>;
  /** Set by stop(): the round in progress ends after the dataset it is on. */
  private abort = false;
  private failures = 0;

  constructor(private readonly deps: DownlinkWorkerDeps) {
    this.store = new DatasetStore(deps.db, deps.sealer);
    this.datasets = deps.datasets ?? datasetNames;
    this.pollMs = deps.pollMs ?? 60_000;
    this.pageSize = deps.pageSize ?? 500;
    this.baseMs = deps.backoffBaseMs ?? 1000;
    this.capMs = deps.backoffCapMs ?? 300_000;
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? ((line) => console.warn(line));
    this.loop = new SyncLoop(deps.timers, () => this.syncOnce(), (outcome) => this.afterRound(outcome));
  }

  start(): void {
    this.loop.start();
  }

  /** Stops scheduling and waits for a round in progress to end (its transactions are whole either way). */
  async stop(): Promise<void> {
    this.abort = true;
    await this.loop.stop();
    if (this.running) await this.running.catch(() => undefined);
  }

  syncOnce(): Promise<DatasetOutcome[]> {
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  status(): DownlinkStatus {
    return {
      datasets: this.datasets.map((d) => statusOf(this.store.state(d))),
      consecutiveFailures: this.failures,
      nextAttemptAt: this.loop.nextAt,
    };
  }

  /** The delay before the next round: the poll interval after a good round, the backoff after a bad one. */
  private afterRound(outcome: RoundOutcome<DatasetOutcome[]>): number {
    if ('error' in outcome) {
      this.log(`downlink: round failed: ${outcome.error.message}`);
      this.failures++;
      return this.backoff(null);
    }
    const outcomes = outcome.value;
    try {
      this.deps.onRound?.(outcomes);
    } catch (err) {
      this.log(`downlink: applying a round failed: ${(err as Error).message}`);
    }
    const bad = outcomes.filter((o) => o.result === 'failed' || o.result === 'refused');
    if (bad.length === 0) {
      this.failures = 0;
      return this.pollMs;
    }
    this.failures++;
    const retryAfter = Math.max(0, ...outcomes.map((o) => (o.result === 'failed' ? (o.retryAfterMs ?? 0) : 0)));
    return this.backoff(retryAfter || null);
  }

  /** The kernel's backoff (protocol/sync/backoff.ts) after `failures` failed rounds. */
  private backoff(retryAfterMs: number | null): number {
    return retryDelay(Math.max(0, this.failures - 1), { baseMs: this.baseMs, capMs: this.capMs }, this.random, retryAfterMs);
  }

  private async round(): Promise<DatasetOutcome[]> {
    this.abort = false;
    const out: DatasetOutcome[] = [];
    for (const dataset of this.datasets) {
      if (this.abort) break;
      out.push(await this.syncDataset(dataset));
    }
    return out;
  }

  private async syncDataset(dataset: DatasetName): Promise<DatasetOutcome> {
    const now = () => this.deps.timers.now();
    try {
      if (this.abort) throw new Stopped(dataset);
      const st = this.store.state(dataset);
      if (st.snapshot || st.mustSnapshot) return await this.loadSnapshot(dataset);
      const answer = await this.deps.client.delta(dataset, st.version);
      if (answer.kind === 'must_refetch') {
        this.store.requireSnapshot(dataset);
        return await this.loadSnapshot(dataset);
      }
      const delta = answer.body;
      if (delta.toVersion === st.version && delta.fromVersion === st.version && delta.changes.length === 0) {
        if (delta.checksum !== st.checksum) {
          throw new DownlinkRefusal('checksum_mismatch', `${dataset}: at version ${st.version} the hall's content does not match central's checksum`);
        }
        this.store.recordChecked(dataset, now());
        return { dataset, result: 'current', version: st.version };
      }
      const { applied } = this.store.applyDelta(dataset, delta, now());
      return { dataset, result: 'applied', fromVersion: delta.fromVersion, version: delta.toVersion, changes: applied };
    } catch (err) {
      return this.failed(dataset, err);
    }
  }

  private async loadSnapshot(dataset: DatasetName): Promise<DatasetOutcome> {
    const now = () => this.deps.timers.now();
    for (let attempt = 0; attempt < 3; attempt++) {
      let snap = this.store.state(dataset).snapshot;
      let after: string | null;
      if (!snap) {
        const first = await this.deps.client.snapshotPage(dataset, { version: null, after: null, limit: this.pageSize });
        if (first.kind === 'must_refetch') continue;
        this.store.beginSnapshot(dataset, first.body);
        if (first.body.nextAfter === null) return this.complete(dataset, now());
        snap = this.store.state(dataset).snapshot!;
      }
      after = snap.after;
      let gone = false;
      for (;;) {
        if (this.abort) throw new Stopped(dataset); // shutdown: the pages stored so far resume next start
        const page = await this.deps.client.snapshotPage(dataset, { version: snap.version, after, limit: this.pageSize });
        if (page.kind === 'must_refetch') {
          this.store.abandonSnapshot(dataset);
          gone = true;
          break;
        }
        this.store.addPage(dataset, page.body);
        if (page.body.nextAfter === null) break;
        after = page.body.nextAfter;
      }
      if (!gone) return this.complete(dataset, now());
    }
    throw new SyncFailure('retry', 'must_refetch', `${dataset}: central kept withdrawing the snapshot version while it was being loaded`);
  }

  private complete(dataset: DatasetName, now: number): DatasetOutcome {
    const { version, count } = this.store.completeSnapshot(dataset, now);
    this.log(`downlink: ${dataset} snapshot at version ${version} swapped in (${count} items)`);
    return { dataset, result: 'snapshot_loaded', version, items: count };
  }

  private failed(dataset: DatasetName, err: unknown): DatasetOutcome {
    const at = this.deps.timers.now();
    // Stopped by stop(): not an error to show; the snapshot in progress stays as it is.
    if (err instanceof Stopped) return { dataset, result: 'failed', code: 'stopped', reason: err.message, transient: true };
    if (err instanceof DownlinkRefusal) {
      // Whatever was refused, a snapshot in progress is not trusted any further;
      // a checksum disagreement is settled by a fresh snapshot next round.
      this.store.abandonSnapshot(dataset);
      if (err.code === 'checksum_mismatch' || err.code === 'count_mismatch' || err.code === 'version_mismatch') this.store.requireSnapshot(dataset);
      this.store.recordError(dataset, err.code, err.message, at);
      this.log(`downlink: ${dataset} refused (${err.code}): ${err.message}`);
      return { dataset, result: 'refused', code: err.code, reason: err.message };
    }
    if (err instanceof SyncFailure) {
      this.store.recordError(dataset, err.code, err.message, at);
      const transient = err.kind === 'retry' || err.kind === 'unknown';
      return { dataset, result: 'failed', code: err.code, reason: err.message, transient, ...(err.retryAfterMs !== null ? { retryAfterMs: err.retryAfterMs } : {}) };
    }
    const message = (err as Error).message ?? String(err);
    this.store.recordError(dataset, 'internal', message, at);
    this.log(`downlink: ${dataset} failed: ${message}`);
    return { dataset, result: 'failed', code: 'internal', reason: message, transient: true };
  }
}

/** stop() was called: the round ends where it is (between pages or datasets). */
class Stopped extends Error {
  constructor(dataset: DatasetName) {
    super(`${dataset}: stopped (the hall is shutting down)`);
    this.name = 'Stopped';
  }
}

function statusOf(st: DatasetStateRow): DatasetStatus {
  let state: DatasetStatus['state'];
  if (st.lastErrorCode) state = REFUSAL_CODES.has(st.lastErrorCode) ? 'refused' : 'failed';
  else if (st.snapshot) state = 'loading_snapshot';
  else if (st.syncedAt === null && st.checkedAt === null) state = 'never_synced';
  else state = 'ok';
  return {
    dataset: st.dataset,
    state,
    version: st.version,
    itemCount: st.itemCount,
    syncedAt: st.syncedAt,
    checkedAt: st.checkedAt,
    lastError: st.lastErrorCode ? { code: st.lastErrorCode, message: st.lastError ?? '', at: st.lastErrorAt ?? 0 } : null,
    snapshot: st.snapshot ? { version: st.snapshot.version, loaded: st.snapshot.loaded, total: st.snapshot.total } : null,
  };
}
