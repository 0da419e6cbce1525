// API: the hall's views, the route dependencies and the router with its routes.
// Mounted in two steps because the appointments' store (first step) feeds the sync
// agent, whose status and datasets the later routes (second step) read.
import type { HallConfig } from '../config/schema.js';
import type { Timers } from '../runtime/timers.js';
import type { HallTls } from '../tls/hall-tls.js';
import type { EnrolmentCodes } from '../auth/enrolment.js';
import type { SyncAgent } from '../sync/sync-agent.js';
import type { ApiDeps } from '../api/routes/deps.js';
import { Router } from '../api/router.js';
import { HallViews } from '../api/views.js';
import { kioskRoutes } from '../api/routes/kiosk.js';
import { counterRoutes } from '../api/routes/counter.js';
import { ratingRoutes } from '../api/routes/ratings.js';
import { deviceRoutes } from '../api/routes/devices.js';
import { mountAppointments, type MountedAppointments } from '../api/routes/appointments.js';
import { syncRoutes } from '../api/routes/sync.js';
import { guideRoutes } from '../api/routes/guides.js';
import { ratingUploadRoutes } from '../api/routes/rating-uploads.js';
import { simulatorRoutes } from '../api/routes/simulator.js';
import { forecastRoutes } from '../api/routes/forecast.js';
import { reportRoutes } from '../api/routes/reports.js';
import { enrolmentRoutes } from '../api/routes/enrolment.js';
import { tlsRoutes } from '../api/routes/tls.js';
import { tlsStatus } from '../tls/status.js';
import { serviceDeskRoutes } from '../api/routes/service-desk.js';
import { ServiceNotices } from '../service-desk/notices.js';
import type { OpenStorage } from './storage.js';
import type { LocalCatalog } from '../guides/local-catalog.js';
import type { HallIdentity } from './identity.js';
import type { HallAuth } from './auth.js';
import type { HallDeviceParts } from './devices.js';

export interface HallApi {
  router: Router;
  deps: ApiDeps;
  views: HallViews;
  appointments: MountedAppointments;
  /** Where visitors' phones open a ticket's QR code; set once the server listens. */
  setPublicUrl(url: string): void;
  close(): void;
}

export function openApi(config: HallConfig, timers: Timers, storage: OpenStorage, identity: HallIdentity, auth: HallAuth, parts: HallDeviceParts): HallApi {
  const { db, runtime, store, progressSecret } = storage;
  const { devices } = parts;
  let publicUrl = config.hall.publicUrl ?? '';
  const views = new HallViews(config, runtime, progressSecret, (kioskId) => devices.printingStatus(kioskId), identity.realName, () => devices.list());
  const unobserve = runtime.onEvents((events) => views.observe(events));
  const deps: ApiDeps = {
    config,
    runtime,
    views,
    devices,
    publicUrl: () => publicUrl,
    realName: identity.realName,
    cards: identity.cards,
    terminals: auth.terminals,
    sessions: auth.sessions,
    lockout: auth.lockout,
    pins: auth.pins,
    staffByNo: auth.staffByNo,
    now: () => timers.now(),
    ticketFromStore: (id) => store.ticket(id),
    notices: new ServiceNotices(config, runtime),
  };
  // Routes are declared in hall/api/contract.ts; the router enforces their terminal access.
  const router = new Router(deps);
  router.route('health', () => ({ ok: true, hallId: config.hall.id, serviceDay: runtime.state.serviceDay, now: timers.now(), lastSeq: runtime.log.lastSeq() }));
  kioskRoutes(router, deps);
  counterRoutes(router, deps);
  ratingRoutes(router, deps);
  deviceRoutes(router, deps);
  const appointments = mountAppointments(router, { ...deps, db, sealer: identity.sealer });
  serviceDeskRoutes(router, { ...deps, appointments: appointments.store });
  forecastRoutes(router, { db, runtime, now: deps.now });
  reportRoutes(router, deps);
  return {
    router,
    deps,
    views,
    appointments,
    setPublicUrl: (url) => void (publicUrl = url),
    close() {
      appointments.unwatchFaults();
      unobserve();
    },
  };
}

/** The routes that read the sync agent, then the simulator, enrolment and TLS routes. */
export function mountLaterRoutes(api: HallApi, sync: SyncAgent, enrolment: EnrolmentCodes, hallTls: HallTls | null, localGuides: LocalCatalog): void {
  const { router, deps } = api;
  syncRoutes(router, { status: () => sync.status() });
  guideRoutes(router, { ...deps, reader: sync.datasets, local: localGuides, ...(sync.downlink ? { downlinkStatus: () => sync.downlink!.status() } : {}) });
  ratingUploadRoutes(router, { ...deps, worker: sync.ratingUploads });
  simulatorRoutes(router, deps);
  enrolmentRoutes(router, { ...deps, codes: enrolment });
  tlsRoutes(router, { status: tlsStatus(hallTls) });
}
