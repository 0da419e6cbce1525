// The hall's remote-ticket link to central (docs/remote-tickets.md): tells central what the hall
// offers (POST …/remote-tickets/settings, from the configuration: matters, per-queue quotas = the
// share of each queue's daily numbers, window, limits) and posts every check-in, expiry and
// cancellation back (POST …/remote-tickets/outcomes) until central acknowledges it — central then
// counts an expiry as the visitor's no-show. The relay of new remote tickets comes through the phone
// inbox (hall/sync/phone/handlers/remote-ticket.ts).
// Contract: one round at a time (SyncLoop); settings are sent at the first successful round of each
// run, outcomes in batches of 200 in status order; a failure retries with the kernel's backoff; poke()
// after a change. Never throws out of a round for network trouble.
// Dangers: the token goes in the Authorization header only.
import { z } from 'zod';
import type { HttpClient } from '../../protocol/sync/http-client.js';
import { expectOk, send } from '../../protocol/sync/failure.js';
import { retryDelay } from '../../protocol/sync/backoff.js';
import { SyncLoop } from '../../protocol/sync/loop.js';
import { PROTOCOL_VERSION } from '../../protocol/central/uplink.js';
import type { RemoteOutcome, RemoteTicketSettings } from '../../protocol/central/remote-tickets.js';
import type { HallConfig } from '../config/schema.js';
import type { Timers } from '../runtime/timers.js';
import type { RemoteTicketStore } from './store.js';

const BATCH = 200;
const IDLE_MS = 60_000;

/** What central is told: the matters offered remotely and each queue's remote quota for a day. */
export function remoteSettingsOf(config: HallConfig): RemoteTicketSettings {
  const r = config.remoteTickets;
  const offered = r.matterIds ? new Set(r.matterIds) : null;
  const matters = config.matters.filter((m) => (offered ? offered.has(m.id) : !m.selfService));
  const queueIds = new Set(matters.map((m) => m.queueId));
  return {
    enabled: r.enabled,
    utcOffsetMinutes: config.hall.utcOffsetMinutes,
    dayStartsAtHour: config.hall.dayStartsAtHour,
    checkInWithinMinutes: r.checkInWithinMinutes,
    checkInUntil: r.checkInUntil,
    issueFrom: r.issueFrom,
    issueUntil: r.issueUntil,
    perIdentityPerDay: r.perIdentityPerDay,
    perHallPerDay: r.perHallPerDay,
    noShowLimit: r.noShowLimit,
    noShowWindowDays: r.noShowWindowDays,
    queues: config.queues
      .filter((q) => queueIds.has(q.id))
      .map((q) => ({ queueId: q.id, name: q.name, dailyQuota: Math.floor(((q.dailyCap ?? r.typicalDailyTickets) * r.maxSharePercent) / 100) })),
    matters: matters.map((m) => ({ matterId: m.id, name: m.name, queueId: m.queueId })),
  };
}

export interface RemoteLinkDeps {
  http: HttpClient;
  baseUrl: string;
  hallId: string;
  token: () => string;
  config: HallConfig;
  store: RemoteTicketStore;
  timers: Timers;
  timeoutMs: number;
  backoff: { baseMs: number; capMs: number };
  log: (line: string) => void;
}

const outcomesAnswer = z.object({ acknowledged: z.array(z.string()), unknown: z.array(z.string()) });

export class RemoteTicketLink {
  private settingsSent = false;
  private failures = 0;
  private readonly loop: SyncLoop<void>;

  constructor(private readonly d: RemoteLinkDeps) {
    this.loop = new SyncLoop(d.timers, (stopped) => this.round(stopped), (outcome) => {
      if ('error' in outcome) {
        this.failures++;
        if (this.failures === 1) d.log(`remote tickets: central not reached (${outcome.error.message}); retrying`);
        return retryDelay(this.failures - 1, d.backoff, Math.random);
      }
      this.failures = 0;
      return IDLE_MS;
    });
  }

  start(): void {
    this.loop.start();
  }

  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round now (tests). */
  runOnce(): Promise<void> {
    return this.loop.runOnce();
  }

  private async post(path: string, body: unknown) {
    const url = `${this.d.baseUrl.replace(/\/+$/, '')}/v1/halls/${encodeURIComponent(this.d.hallId)}/remote-tickets/${path}`;
    const headers = {
      authorization: `Bearer ${this.d.token()}`,
      'x-hall-id': this.d.hallId,
      'x-protocol-version': String(PROTOCOL_VERSION),
      accept: 'application/json',
      'content-type': 'application/json',
    };
    return send(this.d.http, { method: 'POST', url, headers, body: JSON.stringify(body), timeoutMs: this.d.timeoutMs }, () => this.d.timers.now());
  }

  private async round(stopped: () => boolean): Promise<void> {
    if (!this.settingsSent) {
      expectOk(await this.post('settings', remoteSettingsOf(this.d.config)), z.unknown(), 'central (remote-ticket settings)');
      this.settingsSent = true;
    }
    while (!stopped()) {
      const rows = this.d.store.unreported(BATCH);
      if (rows.length === 0) return;
      const outcomes: RemoteOutcome[] = rows.map((r) => ({ remoteTicketId: r.id, status: r.status as RemoteOutcome['status'], at: r.status_at, ticketId: r.ticket_id, ticketNumber: r.ticket_number }));
      const answer = expectOk(await this.post('outcomes', { outcomes }), outcomesAnswer, 'central (remote-ticket outcomes)');
      const done = new Set([...answer.acknowledged, ...answer.unknown]);
      for (const r of rows) if (done.has(r.id)) this.d.store.markReported(r.id, r.status);
      if (rows.every((r) => !done.has(r.id))) return;
    }
  }
}
