// Sync: the agent that talks to central (uplink, downlink, rating upload), and the merge of
// central appointments into the hall's (at start, after each downlink round that changed
// them, and at day close). Built here, started only once the server listens.
import type { HallConfig } from '../config/schema.js';
import type { Db } from '../store/db.js';
import type { IdentitySealer } from '../identity/sealer.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { Timers } from '../runtime/timers.js';
import { SyncAgent } from '../sync/sync-agent.js';
import type { DatasetReader } from '../sync/downlink/dataset-reader.js';
import { mergeCentralAppointments as mergeCentral } from '../appointments/central-merge.js';
import type { MountedAppointments } from '../api/routes/appointments.js';
import type { Logger } from '../../drivers/log/logger.js';
import type { HallViews } from '../api/views.js';

export interface HallSync {
  sync: SyncAgent;
  close(): Promise<void>;
}

export function openSync(dataDir: string, db: Db, runtime: HallRuntime, config: HallConfig, timers: Timers, appointments: MountedAppointments, log: Logger, sealer: IdentitySealer, views?: HallViews): HallSync {
  const merge = (reader: DatasetReader) => mergeCentral(db, appointments.store, reader, runtime.state.serviceDay, runtime.setup.dayRule);
  const sync = new SyncAgent({ db, config, runtime, timers, dataDir, sealer, onAppointments: merge, views, log: (line) => log.info(line) });
  let unsubscribe = () => {};
  const close = async () => {
    unsubscribe();
    await sync.stop();
  };
  try {
    merge(sync.datasets);
    unsubscribe = runtime.onEvents((events) => {
      if (events.some((e) => e.type === 'service_day_closed')) merge(sync.datasets);
    });
    return { sync, close };
  } catch (err) {
    void close();
    throw err;
  }
}
