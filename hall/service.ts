// Starts one hall service: configuration → SQLite → engine runtime → LAN API,
// live WebSocket feed, static pages, devices. Used by hall/main.ts (headless),
// the Electron master terminal, and the integration tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHallConfig } from './config/load.js';
import { openLocalCatalog } from './guides/local-catalog.js';
import type { TerminalRole } from './config/schema.js';
import { pagePath } from './api/page-address.js';
import type { HallRuntime } from './runtime/hall-runtime.js';
import { systemTimers, type Timers } from './runtime/timers.js';
import { LiveHub } from './api/live.js';
import { mountHelpRoutes } from './api/routes/help.js';
import { publicBaseUrl } from './api/public-url.js';
import { loadHallTls } from './tls/hall-tls.js';
import { lanScheme } from './tls/lan-server.js';
import type { HallDevices } from './devices/hall-devices.js';
import { checkLogLevelEnv, logger } from '../drivers/log/logger.js';
import { withScope } from './wiring/scope.js';
import { lockStorage, openStorage } from './wiring/storage.js';
import { openIdentity } from './wiring/identity.js';
import { openAuth } from './wiring/auth.js';
import { openDevices, wireDeviceAgents } from './wiring/devices.js';
import { mountLaterRoutes, openApi } from './wiring/api.js';
import { openServiceRecords } from './wiring/service-records.js';
import { wireCentralHomeVisits } from './records/central-home-visits.js';
import { openBadRatingCases } from './wiring/bad-rating-cases.js';
import { GuideSource } from './guides/guide-source.js';
import { openRemoteTickets } from './wiring/remote-tickets.js';
import { openSync } from './wiring/sync.js';
import { listenLan } from './wiring/server.js';

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

export async function startHallService(options: StartHallOptions = {}): Promise<RunningHall> {
  const configPath = path.resolve(options.configPath ?? path.join(repoRoot, 'config/demo-hall.json'));
  const dataDir = path.resolve(options.dataDir ?? path.join(repoRoot, 'data'));
  const rendererDir = path.resolve(options.rendererDir ?? path.join(repoRoot, 'dist/renderer'));
  const timers = options.timers ?? systemTimers;
  checkLogLevelEnv();
  const config = loadHallConfig(configPath);
  // A bad guide file does not stop the queue: the hall starts without its own guides (central's
  // still serve), says why in the start warnings and the log, and never rewrites the file.
  const guides = openLocalCatalog(configPath, config);
  const log = logger('hall');
  // Each step's parts join the scope as soon as they are open: a failure at any later step
  // closes them, last first (hall/wiring/scope.ts), and close() below uses the same list.
  return withScope(async (scope) => {
    const { warnings } = scope.own(lockStorage(dataDir, configPath));
    if (guides.problem) {
      warnings.push(guides.problem);
      log.error('guide file not valid', { problem: guides.problem });
    }
    // Before the database opens: a damaged certificate stops the hall with only the lock to undo.
    const hallTls = config.lan.tls.enabled ? await loadHallTls(config.lan.tls, dataDir, { now: timers.now(), commonName: `ServiceHall ${config.hall.id}` }) : null;
    const storage = scope.own(openStorage(dataDir, config, timers));
    const { db, runtime } = storage;
    const auth = scope.own(openAuth(dataDir, db, config, timers));
    const parts = scope.own(openDevices(db, runtime, auth.terminals, config, timers));
    const identity = scope.own(openIdentity(dataDir, db, runtime, config, timers));
    const api = scope.own(openApi(config, timers, storage, identity, auth, parts));
    const { sync } = scope.own(openSync(dataDir, db, runtime, config, timers, api.appointments, logger('sync'), identity.sealer, api.views));
    mountLaterRoutes(api, sync, auth.enrolment, hallTls, guides.catalog);
    const { records } = scope.own(openServiceRecords(api, db, identity.sealer, new GuideSource(sync.datasets, guides.catalog)));
    scope.defer(wireCentralHomeVisits(sync, records.homeVisits, config.matters, (line) => logger('sync').info(line)));
    scope.own(openBadRatingCases(api, db, identity.sealer, sync.datasets));
    scope.own(openRemoteTickets(api, db, sync, (line) => logger('sync').info(line)));
    const live = new LiveHub(runtime, api.views, auth.terminals);
    scope.defer(() => live.close());
    scope.defer(mountHelpRoutes(api.router, { config, now: () => timers.now(), live }));
    scope.own(wireDeviceAgents(parts, config, runtime, identity.cards, live));
    if (log.isDebug()) scope.defer(runtime.onEvents((events) => log.debug('events', { events: events.map((e) => ({ seq: e.seq, type: e.type })) })));
    const server = scope.own(await listenLan({ hallTls, router: api.router, rendererDir, hub: parts.hub, live }, options.port ?? 8080, options.host ?? '127.0.0.1'));
    sync.start();
    // Closed first: no timer command runs while the rest shuts down (stop is idempotent).
    scope.defer(() => runtime.stop());

    const { address } = server;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${lanScheme(hallTls)}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    api.setPublicUrl(publicBaseUrl(config.hall.publicUrl, lanScheme(hallTls), address));
    const { tokens } = auth;
    const pages: PageAddress[] = config.terminals.map((t) => ({
      terminalId: t.id,
      role: t.role,
      ...(t.counterId ? { counterId: t.counterId } : {}),
      name: t.name,
      url: `${url}${pagePath(t)}#token=${tokens.get(t.id)}`,
    }));
    log.info('hall started', { url, hallId: config.hall.id });

    return {
      url,
      pages,
      runtime,
      devices: parts.devices,
      tokens,
      warnings,
      enrolmentCode(terminalId) {
        const t = config.terminals.find((c) => c.id === terminalId);
        if (!t) throw new Error(`no terminal "${terminalId}" in the hall configuration`);
        const c = auth.enrolment.create(t.id);
        return { code: c.code, expiresAt: c.expiresAt, url: `${url}${pagePath(t)}#enrol=${c.code}` };
      },
      certSha256: hallTls?.sha256 ?? null,
      close: () => scope.close(),
    };
  });
}
