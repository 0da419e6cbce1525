// Remote tickets (线上取号, docs/remote-tickets.md): the hall's store and expiry sweep, the kiosk's
// check-in route, and — with a central (sync.centralUrl) and remoteTickets.enabled — the link that
// tells central the hall's settings and posts check-ins and expiries back. The relay of new remote
// tickets is the phone inbox's (hall/sync/phone/handlers/remote-ticket.ts, with phone.enabled).
import type { Db } from '../store/db.js';
import type { SyncAgent } from '../sync/sync-agent.js';
import { readToken } from '../sync/uplink/uplink-worker.js';
import { nodeHttpClient } from '../../protocol/sync/http-client.js';
import { RemoteTickets } from '../remote-tickets/remote-tickets.js';
import { RemoteTicketLink } from '../remote-tickets/central-link.js';
import { remoteCheckInRoute } from '../remote-tickets/route.js';
import type { HallApi } from './api.js';

export function openRemoteTickets(api: HallApi, db: Db, sync: Pick<SyncAgent, 'settings'>, log: (line: string) => void): { remote: RemoteTickets; link: RemoteTicketLink | null; close(): Promise<void> } {
  const { deps } = api;
  const { config, runtime } = deps;
  const s = sync.settings;
  const token = () => {
    try {
      return readToken(s.tokenFile);
    } catch {
      return null;
    }
  };
  const remote = new RemoteTickets({ db, runtime, config, timers: runtime.timers, token: () => (s.centralUrl ? token() : null), log });
  remoteCheckInRoute(api.router, { ...deps, remote });
  let link: RemoteTicketLink | null = null;
  const http = nodeHttpClient();
  if (s.centralUrl && config.remoteTickets.enabled) {
    link = new RemoteTicketLink({
      http,
      baseUrl: s.centralUrl,
      hallId: s.hallId,
      token: () => readToken(s.tokenFile),
      config,
      store: remote.store,
      timers: runtime.timers,
      timeoutMs: s.requestTimeoutMs,
      backoff: { baseMs: s.backoffBaseMs, capMs: s.backoffCapMs },
      log,
    });
    remote.onChange(() => link?.poke());
    link.start();
  } else if (config.remoteTickets.enabled) {
    log('remoteTickets.enabled is set but the hall has no central platform (sync.centralUrl): no remote tickets can be issued');
  }
  remote.start();
  return {
    remote,
    link,
    async close() {
      remote.stop();
      await link?.stop();
      http.close();
    },
  };
}
