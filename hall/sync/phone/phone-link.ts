// The hall's phone link (docs/phone.md): the board publisher and the inbox poller, built by the
// sync agent when the hall has a central (sync.centralUrl) and `phone.enabled`.
// Contract: start() starts both; kick() after committed events; stop() stops both (the inbox
// long-poll is cut at once) and closes their HTTP clients. Each has its own client so a 25 s
// long-poll never holds up a board push.
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import type { HallViews } from '../../api/views.js';
import type { HallConfig } from '../../config/schema.js';
import type { SyncSettings } from '../../config/sync-schema.js';
import type { HallRuntime } from '../../runtime/hall-runtime.js';
import type { Timers } from '../../runtime/timers.js';
import type { Db } from '../../store/db.js';
import { BoardPublisher } from './board-publisher.js';
import { PhoneCentralClient, type PhoneEndpoint } from './central-client.js';
import { InboxPoller } from './inbox-poller.js';

export interface PhoneLink {
  publisher: BoardPublisher;
  poller: InboxPoller;
  start(): void;
  kick(): void;
  stop(): Promise<void>;
}

export function startPhoneLink(o: {
  db: Db;
  config: HallConfig;
  runtime: HallRuntime;
  timers: Timers;
  views: HallViews;
  endpoint: PhoneEndpoint;
  settings: SyncSettings;
  log: (line: string) => void;
}): PhoneLink {
  const p = o.config.phone;
  const now = () => o.timers.now();
  const boardHttp = nodeHttpClient();
  const inboxHttp = nodeHttpClient();
  const backoff = { backoffBaseMs: o.settings.backoffBaseMs, backoffCapMs: o.settings.backoffCapMs };
  const publisher = new BoardPublisher({
    source: { views: o.views, runtime: o.runtime, config: o.config },
    client: new PhoneCentralClient(boardHttp, o.endpoint, now, o.settings.requestTimeoutMs),
    timers: o.timers,
    settings: { debounceMs: p.pushDebounceMs, heartbeatMs: p.heartbeatSeconds * 1000, maxPushBytes: p.maxPushBytes, ...backoff },
    log: o.log,
  });
  const poller = new InboxPoller({
    db: o.db,
    runtime: o.runtime,
    config: o.config,
    client: new PhoneCentralClient(inboxHttp, o.endpoint, now, o.settings.requestTimeoutMs),
    timers: o.timers,
    settings: { waitSeconds: p.inboxWaitSeconds, ...backoff },
    log: o.log,
    abort: () => inboxHttp.close(),
  });
  return {
    publisher,
    poller,
    start() {
      publisher.start();
      poller.start();
    },
    kick: () => publisher.kick(),
    async stop() {
      await Promise.all([publisher.stop(), poller.stop()]);
      boardHttp.close();
      inboxHttp.close();
    },
  };
}
