// The hall's link to the central platform, started by the hall service:
// the event uplink (docs/sync.md), the dataset downlink (docs/downlink.md)
// and the 好差评 rating upload (docs/rating-upload.md). Each runs only when
// its section of the hall configuration names a destination; without one the
// hall runs offline-only and the status says so.
// Contract: start() never throws for network trouble (workers retry with
// backoff and report in their status); stop() waits for in-flight work and
// must be awaited before the database closes. The hall token file is read at
// every request (uplink and downlink), so a token installed or rotated while
// the hall runs takes effect without a restart; it is never logged.
import type { HallConfig } from '../config/schema.js';
import { resolveSyncSettings, type SyncSettings } from '../config/sync-schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { Timers } from '../runtime/timers.js';
import type { Db } from '../store/db.js';
import type { IdentitySealer } from '../identity/sealer.js';
import { nodeHttpClient, type NodeHttpClient } from '../../protocol/sync/http-client.js';
import { UplinkWorker, readToken } from './uplink/uplink-worker.js';
import { readSyncStatus, type SyncStatusDTO } from './status.js';
import { DatasetReader } from './downlink/dataset-reader.js';
import { DownlinkWorker } from './downlink/worker.js';
import { DatasetStore } from './downlink/dataset-store.js';
import { DownlinkClient } from './downlink/central-client.js';
import { SyncFailure } from '../../protocol/sync/failure.js';
import { createRatingUploadWorker } from './ratings/create.js';
import type { RatingUploadWorker } from './ratings/worker.js';
import type { DatasetName } from '../../protocol/central/downlink/schemas.js';
import type { HallViews } from '../api/views.js';
import { startPhoneLink, type PhoneLink } from './phone/phone-link.js';

export interface SyncAgentDeps {
  db: Db;
  config: HallConfig;
  runtime: HallRuntime;
  timers: Timers;
  dataDir: string;
  /** The hall's identity sealer: downlink items holding personal data are stored sealed with it. */
  sealer: IdentitySealer;
  log?: (line: string) => void;
  /** Called when the appointments dataset changed: merge them into the hall's appointment store. */
  onAppointments?: (reader: DatasetReader) => void;
  /** The hall's read models: the phone board is built from them (docs/phone.md). Absent: no phone link. */
  views?: HallViews;
}

export class SyncAgent {
  readonly settings: SyncSettings;
  readonly datasets: DatasetReader;
  readonly uplink: UplinkWorker | null = null;
  readonly downlink: DownlinkWorker | null = null;
  readonly ratingUploads: RatingUploadWorker | null = null;
  /** The phone link (board publisher, inbox poller): with a central, `phone.enabled` and the views. */
  readonly phone: PhoneLink | null = null;
  private readonly clients: NodeHttpClient[] = [];
  private unsubscribe: () => void = () => {};
  private readonly changeListeners: { dataset: DatasetName; listener: (reader: DatasetReader) => void }[] = [];

  constructor(private readonly deps: SyncAgentDeps) {
    const { db, config, runtime, timers, dataDir } = deps;
    const log = deps.log ?? ((line: string) => console.log(line));
    this.settings = resolveSyncSettings(config.sync, config.hall, dataDir);
    this.datasets = new DatasetReader(db, runtime.setup.dayRule, deps.sealer);
    // A data folder of an older version may hold home-visit contacts in clear: sealed before anything reads them.
    if (new DatasetStore(db, deps.sealer).sealClearItems() > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    const centralUrl = this.settings.centralUrl;
    if (centralUrl) {
      const http = this.client(nodeHttpClient());
      this.uplink = new UplinkWorker({ db, http, timers, settings: { ...this.settings, centralUrl }, clock: runtime.log.clock });
      const dl = config.downlink;
      const tokenFile = this.settings.tokenFile;
      const endpoint = {
        baseUrl: centralUrl,
        hallId: this.settings.hallId,
        // Read at every request, as the uplink does: a token installed or rotated
        // (`central rotate-token`) while the hall runs is used at once, no restart needed.
        get token(): string {
          try {
            return readToken(tokenFile);
          } catch (err) {
            throw new SyncFailure('retry', 'no_token', (err as Error).message);
          }
        },
      };
      const client = new DownlinkClient(this.client(nodeHttpClient({ maxResponseBytes: dl.maxResponseMiB * 1024 * 1024 })), endpoint, this.settings.requestTimeoutMs);
      this.downlink = new DownlinkWorker({
        db,
        sealer: deps.sealer,
        timers,
        client,
        datasets: dl.datasets,
        pollMs: dl.pollSeconds * 1000,
        pageSize: dl.snapshotPageSize,
        backoffBaseMs: dl.backoff.baseMs,
        backoffCapMs: dl.backoff.capMs,
        log,
        onRound: (outcomes) => {
          if (outcomes.some((o) => o.dataset === 'appointments' && (o.result === 'applied' || o.result === 'snapshot_loaded'))) deps.onAppointments?.(this.datasets);
          for (const { dataset, listener } of this.changeListeners) {
            if (outcomes.some((o) => o.dataset === dataset && (o.result === 'applied' || o.result === 'snapshot_loaded'))) listener(this.datasets);
          }
        },
      });
      if (config.phone.enabled && deps.views) this.phone = startPhoneLink({ db, config, runtime, timers, views: deps.views, endpoint, settings: this.settings, log });
    }
    // Uploads to central (national profile) must name the hall as central knows it (sync.hallId).
    const hall = { ...config, hall: { ...config.hall, id: this.settings.hallId } };
    if (config.ratingUpload) this.ratingUploads = createRatingUploadWorker({ db, config: config.ratingUpload, hall, dataDir, timers, log, http: this.client(nodeHttpClient()) });
  }

  /** Calls `listener` after every downlink round that changed `dataset` (its errors are logged by the worker). */
  onDatasetChanged(dataset: DatasetName, listener: (reader: DatasetReader) => void): () => void {
    const entry = { dataset, listener };
    this.changeListeners.push(entry);
    return () => {
      const i = this.changeListeners.indexOf(entry);
      if (i >= 0) this.changeListeners.splice(i, 1);
    };
  }

  private client(c: NodeHttpClient): NodeHttpClient {
    this.clients.push(c);
    return c;
  }

  start(): void {
    this.uplink?.start();
    this.downlink?.start();
    this.ratingUploads?.start();
    this.phone?.start();
    this.unsubscribe = this.deps.runtime.onEvents((events) => {
      this.uplink?.kick();
      this.phone?.kick();
      if (events.some((e) => e.type === 'rating_recorded')) this.ratingUploads?.poke();
    });
  }

  status(): SyncStatusDTO {
    return readSyncStatus(this.deps.db, this.settings, this.deps.timers.now());
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await Promise.all([this.uplink?.stop(), this.downlink?.stop(), this.ratingUploads?.stop(), this.phone?.stop()]);
    for (const c of this.clients) c.close();
  }
}
