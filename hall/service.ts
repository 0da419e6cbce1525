// Starts one hall service: configuration → SQLite → engine runtime → LAN API,
// live WebSocket feed, static pages, devices. Used by hall/main.ts (headless),
// the Electron master terminal, and the integration tests.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadHallConfig } from './config/load.js';
import { hallSetupFrom } from './config/setup.js';
import type { TerminalRole } from './config/schema.js';
import { StaffSessions, TerminalRegistry } from './auth/tokens.js';
import { EnrolmentCodes } from './auth/enrolment.js';
import { pinLockoutOf, pinVerifierOf, secureHallFiles } from './auth/hall-security.js';
import { enrolmentRoutes } from './api/routes/enrolment.js';
import { pagePath } from './api/page-address.js';
import { openDatabase } from './store/db.js';
import { ticketFromRow } from './store/hall-store.js';
import { HallRuntime } from './runtime/hall-runtime.js';
import { lockDataFolder } from './runtime/data-lock.js';
import { systemTimers, type Timers } from './runtime/timers.js';
import { Router, sendError, ApiError, parseRequestUrl, sendBadTarget } from './api/http.js';
import { HallViews } from './api/views.js';
import { LiveHub } from './api/live.js';
import { serveStatic } from './api/static-files.js';
import { kioskRoutes } from './api/routes/kiosk.js';
import { counterRoutes } from './api/routes/counter.js';
import { ratingRoutes } from './api/routes/ratings.js';
import { deviceRoutes } from './api/routes/devices.js';
import { mountAppointments } from './api/routes/appointments.js';
import { syncRoutes } from './api/routes/sync.js';
import { guideRoutes } from './api/routes/guides.js';
import { ratingUploadRoutes } from './api/routes/rating-uploads.js';
import { simulatorRoutes } from './api/routes/simulator.js';
import { tlsRoutes } from './api/routes/tls.js';
import { loadHallTls } from './tls/hall-tls.js';
import { createLanServer, lanScheme } from './tls/lan-server.js';
import { tlsStatus } from './tls/status.js';
import { SyncAgent } from './sync/sync-agent.js';
import { mergeCentralAppointments as mergeCentral } from './appointments/central-merge.js';
import type { DatasetReader } from './sync/downlink/dataset-reader.js';
import type { ApiDeps } from './api/routes/deps.js';
import { HallDevices } from './devices/hall-devices.js';
import { AgentHub } from './devices/agent-hub.js';
import { DeviceRegistry } from './devices/device-registry.js';
import { PrintJobs } from './devices/print-jobs.js';
import { wireDevices } from './devices/device-wiring.js';
import { publicBaseUrl } from './api/public-url.js';
import { AGENT_PATH } from '../protocol/agent.js';
import { IdentitySealer, sealedRows } from './identity/sealer.js';
import { RealNameTickets } from './identity/real-name.js';
import { KioskCards } from './identity/kiosk-cards.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StartHallOptions {
  configPath?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  rendererDir?: string;
  timers?: Timers;
}

export interface PageAddress {
  terminalId: string;
  role: TerminalRole;
  counterId?: string;
  name: string;
  url: string;
}

export interface RunningHall {
  url: string;
  pages: PageAddress[];
  runtime: HallRuntime;
  /**
   * Every device of the hall as its terminals' device agents report them. The hall opens no device
   * itself: each terminal's agent (agent/, `npm run terminal`) drives the devices plugged into it.
   */
  devices: HallDevices;
  /** Terminal id → token, for in-process callers (tests, the Electron master, the demo's agent launcher). Never printed. */
  tokens: ReadonlyMap<string, string>;
  /** Problems found at start to show the technician (loose file permissions); main.ts prints them. */
  warnings: string[];
  /**
   * A fresh one-time enrolment code for a configured terminal and its page address with the code
   * in the fragment (#enrol=…): what main.ts prints and the device-agent launcher hands out.
   */
  enrolmentCode(terminalId: string): { code: string; expiresAt: number; url: string };
  /** SHA-256 of the certificate terminals pin (AB:CD:…); null with TLS off (lan.tls.enabled false). */
  certSha256: string | null;
  close(): Promise<void>;
}

const PAGE_OF_ROLE: Record<TerminalRole, string> = {
  kiosk: 'kiosk',
  counter: 'counter',
  hall_display: 'display',
  counter_display: 'counter-display',
  admin: 'admin',
};

export async function startHallService(options: StartHallOptions = {}): Promise<RunningHall> {
  const configPath = path.resolve(options.configPath ?? path.join(repoRoot, 'config/demo-hall.json'));
  const dataDir = path.resolve(options.dataDir ?? path.join(repoRoot, 'data'));
  const rendererDir = path.resolve(options.rendererDir ?? path.join(repoRoot, 'dist/renderer'));
  const timers = options.timers ?? systemTimers;
  const config = loadHallConfig(configPath);
  const unlock = lockDataFolder(dataDir);
  try {
    const warnings = secureHallFiles(dataDir, configPath);
    // Before anything starts: a damaged certificate stops the hall here with nothing to undo.
    const hallTls = config.lan.tls.enabled ? await loadHallTls(config.lan.tls, dataDir, { now: timers.now(), commonName: `ServiceHall ${config.hall.id}` }) : null;
    const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
    const runtime = new HallRuntime(db, hallSetupFrom(config), timers);
    const store = runtime.store;
    if (!store.meta('progress_secret')) store.putMeta('progress_secret', randomBytes(32).toString('hex'));
    if (!store.meta('hall_id')) store.putMeta('hall_id', config.hall.id);
    runtime.start();

    const terminals = new TerminalRegistry(db);
    const tokens = terminals.registerConfigured(config.terminals, dataDir, timers.now());
    const hub = new AgentHub(terminals, () => timers.now());
    const registry = new DeviceRegistry(config, () => timers.now());
    const printJobs = new PrintJobs(db, runtime, hub, registry, config.deviceAgents.printFreshSeconds * 1000);
    const devices = new HallDevices(config, registry, printJobs, hub);
    // Set once the server listens: where visitors' phones open a ticket's QR code.
    let publicUrl = config.hall.publicUrl ?? '';
    const cards = new KioskCards(config.timeouts.kioskIdleSeconds * 1000);
    const sealer = IdentitySealer.fromDataDir(dataDir, () => sealedRows(db));
    const realName = new RealNameTickets(db, sealer, { dayRule: runtime.setup.dayRule, retentionDays: config.realName.retentionDays });
    const purgeIdentities = () => realName.purge(timers.now());
    purgeIdentities();
    const views = new HallViews(config, runtime, store.meta('progress_secret')!, (kioskId) => devices.printingStatus(kioskId), realName, () => devices.list());
    runtime.onEvents((events) => {
      views.observe(events);
      if (events.some((e) => e.type === 'service_day_closed')) {
        purgeIdentities();
        printJobs.closeDay(timers.now());
      }
    });

    const deps: ApiDeps = {
      config,
      runtime,
      views,
      devices,
      publicUrl: () => publicUrl,
      realName,
      cards,
      terminals,
      sessions: new StaffSessions(db),
      lockout: pinLockoutOf(config),
      pins: pinVerifierOf(config),
      staffByNo: new Map(config.staff.map((s) => [s.staffNo, s])),
      now: () => timers.now(),
      ticketFromStore: (id) => {
        const row = db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as Parameters<typeof ticketFromRow>[0] | undefined;
        return row ? ticketFromRow(row) : null;
      },
    };
    const router = new Router();
    router.add('GET', '/api/v1/health', () => ({ ok: true, hallId: config.hall.id, serviceDay: runtime.state.serviceDay, now: timers.now(), lastSeq: runtime.log.lastSeq() }));
    kioskRoutes(router, deps);
    counterRoutes(router, deps);
    ratingRoutes(router, deps);
    deviceRoutes(router, deps);
    const appointments = mountAppointments(router, deps, db, sealer);
    // Central appointments join the hall's own after each downlink round that changed them, at start and at day close.
    const mergeCentralAppointments = (reader: DatasetReader) => mergeCentral(db, appointments.store, reader, runtime.state.serviceDay, runtime.setup.dayRule);
    const sync = new SyncAgent({ db, config, runtime, timers, dataDir, onAppointments: mergeCentralAppointments });
    mergeCentralAppointments(sync.datasets);
    runtime.onEvents((events) => {
      if (events.some((e) => e.type === 'service_day_closed')) mergeCentralAppointments(sync.datasets);
    });
    syncRoutes(router, deps, { status: () => sync.status() });
    guideRoutes(router, deps, sync.datasets, sync.downlink ? () => sync.downlink!.status() : undefined);
    ratingUploadRoutes(router, deps, sync.ratingUploads);
    simulatorRoutes(router, deps);
    const enrolment = new EnrolmentCodes(terminals, config.security.enrolment.codeMinutes * 60_000, () => timers.now());
    enrolmentRoutes(router, deps, enrolment);
    tlsRoutes(router, deps, tlsStatus(hallTls));

    const live = new LiveHub(runtime, views, terminals);
    const unwire = wireDevices({ config, runtime, hub, registry, printJobs, cards, live });
    const server = createLanServer(hallTls, (req, res) => {
      const url = parseRequestUrl(req.url);
      if (!url) return sendBadTarget(res);
      router
        .handle(req, res, url)
        .then((handled) => {
          if (handled) return;
          if (url.pathname.startsWith('/api/')) return sendError(res, new ApiError(404, 'not_found', `no API route ${url.pathname}`));
          serveStatic(rendererDir, req, res, url);
        })
        .catch((err) => sendError(res, err));
    });
    server.on('upgrade', (req, socket, head) => {
      // Node drops its own socket error listener before 'upgrade': a client reset while an
      // endpoint answers would otherwise be an uncaught 'error' that ends the hall.
      socket.on('error', () => socket.destroy());
      // Device agents have their own endpoint; everything else is the pages' live feed.
      if (parseRequestUrl(req.url)?.pathname === AGENT_PATH) hub.handleUpgrade(req, socket, head);
      else live.handleUpgrade(req, socket, head);
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
    });
    sync.start();
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${lanScheme(hallTls)}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    publicUrl = publicBaseUrl(config.hall.publicUrl, lanScheme(hallTls), address);
    const pages: PageAddress[] = config.terminals.map((t) => {
      const query = t.counterId ? `?counter=${encodeURIComponent(t.counterId)}&terminal=${encodeURIComponent(t.id)}` : `?terminal=${encodeURIComponent(t.id)}`;
      return { terminalId: t.id, role: t.role, ...(t.counterId ? { counterId: t.counterId } : {}), name: t.name, url: `${url}/${PAGE_OF_ROLE[t.role]}/${query}#token=${tokens.get(t.id)}` };
    });

    let closed = false;
    return {
      url,
      pages,
      runtime,
      devices,
      tokens,
      warnings,
      enrolmentCode(terminalId) {
        const t = config.terminals.find((c) => c.id === terminalId);
        if (!t) throw new Error(`no terminal "${terminalId}" in the hall configuration`);
        const c = enrolment.create(t.id);
        return { code: c.code, expiresAt: c.expiresAt, url: `${url}${pagePath(t)}#enrol=${c.code}` };
      },
      certSha256: hallTls?.sha256 ?? null,
      async close() {
        if (closed) return;
        closed = true;
        runtime.stop();
        await sync.stop();
        appointments.unwatchFaults();
        unwire();
        await hub.close();
        await live.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
