// The reference central platform server (一体化政务服务平台 side of
// docs/sync-protocol.md): HTTP + JSON over PostgreSQL.
// Contract: startCentralServer applies the migrations, then listens; every
// response carries X-Server-Time and X-Protocol-Version; bodies over 1 MiB get
// 413 before anything is read or stored; each route module registers its own
// routes (central/routes/<name>.ts → register<Name>Routes(router, deps)).
// close() stops listening, runs the onClose hooks (workers started by route
// modules), then ends the pool. If listening fails (port taken …) the same
// hooks run and the pool ends before the error is thrown: nothing leaks.
// Dangers: time comes from `now` (default Date.now) — routes must use
// deps.now(). The rate limiter lives in this process only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { ApiError, Router, sendError } from './http.js';
import { createAuth } from './auth.js';
import { CENTRAL_MAX_BODY_BYTES, PROTOCOL_VERSION, type CentralDeps } from './deps.js';
import { addHall } from './halls/registry.js';
import { reinterpretParked } from './ingest/parked.js';
import { migrate } from './migrate.js';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';
import { registerOperatorRoutes } from './routes/operator.js';
import { registerOverviewRoutes } from './routes/overview.js';
import { registerUplinkRoutes } from './routes/uplink.js';
import { registerDatasetsRoutes } from './routes/datasets.js';
import { registerRatingsRoutes } from './routes/ratings.js';
import { registerPhoneRoutes, type PhoneRoutesOptions } from './phone/routes.js';
import type { PhoneHub } from './phone/hub.js';
import { registerPhoneRatingRoute } from './phone/rating-route.js';
import { registerPhoneGuideRoutes } from './phone/guide-routes.js';
import { registerPhonePages } from './phone/static.js';
import { registerNotifyRoutes, type NotifyDispatcher, type NotifyOptions } from './notify/index.js';
import { registerHomeVisitRoutes } from './routes/home-visits.js';
import { registerRemoteTicketRoutes } from './remote-tickets/routes.js';
import type { ProvincialForwardingOptions } from './ratings/forwarder.js';

export interface StartCentralOptions {
  databaseUrl: string;
  host?: string;
  port?: number;
  now?: () => number;
  operatorToken?: string;
  /** Forwarding to the provincial 好差评 system; `channelCodes` is the province's channel table (a setting). */
  provincial?: ProvincialForwardingOptions;
  /** Per-hall token bucket; false turns it off (benchmarks). */
  rateLimit?: RateLimit | false;
  /** PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
  /** The phone routes (docs/phone.md): staleness limit, per-address rate limit of the public routes. */
  phone?: Omit<PhoneRoutesOptions, 'onClose'>;
  /** The built renderer holding the phone pages (phone/index.html, assets/); default this checkout's dist/renderer. */
  phonePagesDir?: string;
  /** Notifications to visitors' phones (docs/notifications.md); off when absent. */
  notify?: NotifyOptions;
}

export interface RunningCentral {
  url: string;
  pool: pg.Pool;
  /** The phone hub: boards in memory, long-poll rooms (central/phone/hub.ts). */
  phone: PhoneHub;
  /** The notification worker (null when notifications are off). */
  notify: NotifyDispatcher | null;
  addHall(hallId: string, name: string, areaCode?: string): Promise<{ token: string }>;
  close(): Promise<void>;
}

export async function startCentralServer(o: StartCentralOptions): Promise<RunningCentral> {
  const now = o.now ?? (() => Date.now());
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize ?? 10 });
  pool.on('error', (err) => console.error('central: idle PostgreSQL connection failed:', err.message));
  try {
    await migrate(pool);
    await reinterpretParked(pool, now);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const auth = createAuth({ pool, now, operatorToken: o.operatorToken, rateLimit: o.rateLimit ?? DEFAULT_RATE_LIMIT });
  const deps: CentralDeps = { pool, now, authHall: auth.authHall, authOperator: auth.authOperator };
  /** Route modules that start workers push their stop() here. */
  const onClose: (() => Promise<void> | void)[] = [];
  const router = new Router();
  registerUplinkRoutes(router, deps);
  registerOverviewRoutes(router, deps);
  registerOperatorRoutes(router, deps);
  registerDatasetsRoutes(router, deps);
  registerHomeVisitRoutes(router, deps);
  registerRatingsRoutes(router, deps, { provincial: o.provincial, onClose });
  const phone = registerPhoneRoutes(router, deps, { ...o.phone, onClose });
  registerRemoteTicketRoutes(router, deps, { ...o.phone, hub: phone });
  // The phone pages (/m/), their QR rating and guides; `publicRateLimit: false` turns their limits off too.
  const phoneLimit = o.phone?.publicRateLimit === false ? { rateLimit: false as const } : {};
  registerPhoneRatingRoute(router, deps, phone, phoneLimit);
  registerPhoneGuideRoutes(router, deps, phoneLimit);
  registerPhonePages(router, o.phonePagesDir);
  const notify = await registerNotifyRoutes(router, deps, { notify: o.notify, hub: phone, onClose }).catch(async (err: unknown) => {
    for (const stop of onClose.splice(0).reverse()) await stop();
    await pool.end();
    throw err;
  });

  const server = http.createServer((req, res) => {
    res.setHeader('X-Server-Time', String(now()));
    res.setHeader('X-Protocol-Version', String(PROTOCOL_VERSION));
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://central');
      const spoken = req.headers['x-protocol-version'];
      if (typeof spoken === 'string' && spoken.trim() !== String(PROTOCOL_VERSION)) {
        throw new ApiError(426, 'protocol_version', `this server speaks protocol version ${PROTOCOL_VERSION}, the request says ${spoken}`);
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > CENTRAL_MAX_BODY_BYTES) {
        // Discard what the client is still sending so it can read the 413; past 16 MiB, just hang up.
        req.resume();
        if (length > 16 * CENTRAL_MAX_BODY_BYTES) res.setHeader('Connection', 'close');
        throw new ApiError(413, 'too_large', `request body is ${length} bytes; at most ${CENTRAL_MAX_BODY_BYTES} bytes are accepted`);
      }
      // A chunked body that outgrows the limit is cut off mid-stream (readBody), which kills the
      // socket: tell the client up front not to reuse this connection.
      if (req.headers['transfer-encoding']) res.setHeader('Connection', 'close');
      if (!(await router.handle(req, res, url))) throw new ApiError(404, 'not_found', `no route ${req.method} ${url.pathname}`);
    })().catch((err) => sendError(res, err));
  });
  server.keepAliveTimeout = 30_000;
  const stopWorkers = async () => {
    for (const stop of onClose.splice(0).reverse()) await stop();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
    });
  } catch (err) {
    // Port taken, address not available …: stop what the route modules started and end the pool.
    await stopWorkers().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw err;
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  let closed = false;
  return {
    url: `http://${host}:${addr.port}`,
    pool,
    phone,
    notify,
    addHall: (hallId, name, areaCode) => addHall(pool, now(), hallId, name, areaCode),
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopWorkers();
      await pool.end();
    },
  };
}
