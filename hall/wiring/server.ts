// Server: the LAN HTTP(S) server — API routes, then static pages — and the upgrade dispatch
// (device agents on AGENT_PATH, everything else to the pages' live feed). Listening is the
// last step of a start: a port in use fails here, after everything else opened.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { sendError, ApiError, parseRequestUrl, sendBadTarget } from '../api/http.js';
import type { Router } from '../api/router.js';
import { serveStatic } from '../api/static-files.js';
import type { LiveHub } from '../api/live.js';
import type { AgentHub } from '../devices/agent-hub.js';
import { createLanServer } from '../tls/lan-server.js';
import type { HallTls } from '../tls/hall-tls.js';
import { AGENT_PATH } from '../../protocol/agent.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('server');

export interface LanServer {
  server: http.Server;
  address: AddressInfo;
  close(): Promise<void>;
}

export interface ServerParts {
  hallTls: HallTls | null;
  router: Router;
  rendererDir: string;
  hub: AgentHub;
  live: LiveHub;
}

export async function listenLan(parts: ServerParts, port: number, host: string): Promise<LanServer> {
  const { router, rendererDir, hub, live } = parts;
  const server = createLanServer(parts.hallTls, (req, res) => {
    // Headers include Authorization: the logger drops it (drivers/log/redact.ts).
    if (log.isDebug()) log.debug('request', { method: req.method, url: req.url, headers: req.headers });
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
    if (parseRequestUrl(req.url)?.pathname === AGENT_PATH) hub.handleUpgrade(req, socket, head);
    else live.handleUpgrade(req, socket, head);
  });
  server.keepAliveTimeout = 5_000;
  // A failed listen (EADDRINUSE) leaves no socket open: nothing to close. The 'error'
  // listener stays: a later server error must not be an uncaught exception.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    address: server.address() as AddressInfo,
    async close() {
      // Upgraded sockets (agents, live feed) still count as the server's connections and
      // closeAllConnections() does not end them: close both endpoints first, or close()
      // waits for every page to go away by itself. (Their own parts close them again: a no-op.)
      await hub.close();
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
