// Central's remote-ticket routes (线上取号, docs/remote-tickets.md, protocol/central/remote-tickets.ts):
//   POST /v1/halls/{hallId}/remote-tickets/settings     hall token: what the hall offers, window, limits
//   POST /v1/halls/{hallId}/remote-tickets/outcomes     hall token: checked in / expired / cancelled
//   GET  /v1/public/halls/{hallId}/remote-tickets/options          the phone's 线上取号 screen
//   POST /v1/public/halls/{hallId}/remote-tickets       {matterId, idNumber} → 201 RemoteIssueAnswer | 409 {code}
//   GET  /v1/public/remote-tickets/{id}?key=…           RemoteTicketPage (wrong key → 404 as unknown)
// Contract: a new remote ticket is relayed to the hall through the phone inbox (kind remote_ticket,
// central/phone/inbox.ts) before the phone gets its answer; if the relay cannot be queued the remote
// ticket is forgotten and the phone gets 503. Public routes are rate-limited per client address.
// Dangers: the POST carries an ID number: never log the body; the answer never echoes it.
import { ApiError, readBody, sendJson, type RequestContext, type Router } from '../http.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { TokenBuckets } from '../rate-limit.js';
import { appendInboxMessage } from '../phone/inbox.js';
import { DEFAULT_PUBLIC_RATE_LIMIT, DEFAULT_STALE_AFTER_SECONDS, keyMatches } from '../phone/public-routes.js';
import type { PhoneHub } from '../phone/hub.js';
import {
  REMOTE_TICKET_KIND,
  remoteIssueRequestSchema,
  remoteOutcomesSchema,
  remoteTicketSettingsSchema,
  type RemoteIssueAnswer,
  type RemoteOptionsView,
  type RemoteTicketPage,
  type RemoteTicketView,
} from '../../protocol/central/remote-tickets.js';
import { applyOutcomes, dropUnrelayed, issue, RemoteRefused, putSettings, remoteTicketOf, serviceDayAt, settingsOf } from './store.js';

export interface RemoteTicketRoutesOptions {
  hub: PhoneHub;
  staleAfterSeconds?: number;
  publicRateLimit?: { burst: number; perSecond: number } | false;
}

export function registerRemoteTicketRoutes(router: Router, deps: CentralDeps, o: RemoteTicketRoutesOptions): void {
  const limit = o.publicRateLimit === undefined ? DEFAULT_PUBLIC_RATE_LIMIT : o.publicRateLimit;
  const buckets = limit ? new TokenBuckets(limit) : null;
  const staleAfterMs = (o.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS) * 1000;
  const admit = (ctx: RequestContext) => {
    ctx.res.setHeader('Cache-Control', 'no-store');
    const r = buckets?.take(`remote ${ctx.req.socket.remoteAddress ?? '?'}`, deps.now());
    if (!r || r.ok) return;
    const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
    ctx.res.setHeader('Retry-After', String(seconds));
    throw new ApiError(429, 'rate_limited', `too many requests from this address; retry after ${seconds} s`);
  };

  /** The remote ticket with its ticket on the board, once checked in. */
  const page = async (view: RemoteTicketView): Promise<RemoteTicketPage> => {
    const board = await o.hub.board(view.hallId);
    const entry = view.ticketId ? board?.tickets.get(view.ticketId) : undefined;
    let ticket: RemoteTicketPage['ticket'] = null;
    if (entry) {
      const { keyHash: _hidden, ...rest } = entry;
      void _hidden;
      ticket = rest;
    }
    return { ...view, ticket, hallSeenAt: board?.receivedAt ?? null, stale: !board || deps.now() - board.receivedAt > staleAfterMs };
  };

  router.add('POST', '/v1/halls/:hallId/remote-tickets/settings', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'phone');
    const settings = await readBody(ctx.req, remoteTicketSettingsSchema, CENTRAL_MAX_BODY_BYTES);
    await putSettings(deps.pool, hallId, settings, deps.now());
    return { stored: true };
  });

  router.add('POST', '/v1/halls/:hallId/remote-tickets/outcomes', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'phone');
    const { outcomes } = await readBody(ctx.req, remoteOutcomesSchema, CENTRAL_MAX_BODY_BYTES);
    return applyOutcomes(deps.pool, hallId, outcomes);
  });

  router.add('GET', '/v1/public/halls/:hallId/remote-tickets/options', async (ctx): Promise<RemoteOptionsView> => {
    admit(ctx);
    const hallId = ctx.params.hallId!;
    const found = await settingsOf(deps.pool, hallId);
    if (!found) throw new ApiError(404, 'not_found', `hall "${hallId}" takes no remote tickets on this central platform`);
    const { settings: s, hallName } = found;
    const day = serviceDayAt(deps.now(), s);
    const taken = await deps.pool.query<{ queue_id: string; n: string }>('SELECT queue_id, count(*) AS n FROM remote_tickets WHERE hall_id = $1 AND service_day = $2 GROUP BY queue_id', [hallId, day]);
    const used = new Map(taken.rows.map((r) => [r.queue_id, Number(r.n)]));
    const quota = new Map(s.queues.map((q) => [q.queueId, q.dailyQuota]));
    return {
      hallId,
      hallName,
      enabled: s.enabled,
      checkInWithinMinutes: s.checkInWithinMinutes,
      checkInUntil: s.checkInUntil,
      matters: s.matters.map((m) => ({ ...m, available: s.enabled && (used.get(m.queueId) ?? 0) < (quota.get(m.queueId) ?? 0) })),
    };
  });

  router.add('POST', '/v1/public/halls/:hallId/remote-tickets', async (ctx) => {
    admit(ctx);
    const hallId = ctx.params.hallId!;
    const input = await readBody(ctx.req, remoteIssueRequestSchema, 4096);
    let issued;
    try {
      issued = await issue(deps.pool, hallId, input, deps.now());
    } catch (err) {
      if (!(err instanceof RemoteRefused)) throw err;
      throw new ApiError(err.code === 'invalid_id_number' ? 400 : 409, err.code, err.message);
    }
    try {
      await appendInboxMessage(deps.pool, hallId, REMOTE_TICKET_KIND, issued.message.body, { at: deps.now(), id: issued.message.id });
    } catch (err) {
      await dropUnrelayed(deps.pool, issued.view.remoteTicketId);
      throw new ApiError(503, 'relay_failed', `the remote ticket could not be queued for the hall; nothing was kept, please try again (${(err as Error).message})`);
    }
    const answer: RemoteIssueAnswer = { ...(await page(issued.view)), accessKey: issued.accessKey };
    sendJson(ctx.res, 201, answer);
    return undefined;
  });

  router.add('GET', '/v1/public/remote-tickets/:id', async (ctx): Promise<RemoteTicketPage> => {
    admit(ctx);
    const found = await remoteTicketOf(deps.pool, ctx.params.id!);
    if (!found || !keyMatches(ctx.url.searchParams.get('key') ?? '', found.accessHash)) throw new ApiError(404, 'not_found', 'no such remote ticket, or the key does not match it');
    return page(found.view);
  });
}
