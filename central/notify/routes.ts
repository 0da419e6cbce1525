// Notifications at central (docs/notifications.md): the phone's consent routes, the SMS
// gateway's delivery-report callback, the operator's outbox view, and the worker.
//   GET  /v1/public/halls/{hallId}/tickets/{ticketId}/notify?key=…       → ConsentView
//   POST /v1/public/halls/{hallId}/tickets/{ticketId}/notify             ConsentRequest → ConsentView
//   POST /v1/public/halls/{hallId}/tickets/{ticketId}/notify/withdraw    {key} → ConsentView
//   POST /v1/notify/sms/reports      the gateway's reports, signed with the app secret (sms-protocol.ts)
//   GET  /v1/notify/status           operator token: counts per state, latest messages (masked)
// Contract: the key check is the board's (central/phone/public-routes.ts keyMatches): a wrong key
// answers like an unknown ticket (404). Without any channel configured the GET answers
// channels: [] and a consent is refused 409 notifications_off. Public routes are rate-limited
// per client address. The worker (dispatcher.ts) starts with the server and stops in close();
// it is woken by every board push of a hall with consents (the hub's waiting rooms).
// Dangers: public routes take personal data (a phone number): it is sealed before it is stored
// and never answered back, logged, or put in an error text.
import type { IncomingMessage } from 'node:http';
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { TokenBuckets } from '../rate-limit.js';
import { consentRequestSchema, withdrawRequestSchema, type NotifyChannel } from '../../protocol/central/notifications.js';
import type { BoardTicket } from '../../protocol/central/phone.js';
import { hallRoom, type PhoneHub } from '../phone/hub.js';
import { DEFAULT_PUBLIC_RATE_LIMIT, keyMatches } from '../phone/public-routes.js';
import type { NotifyOptions } from './config.js';
import { consentView, giveConsent, sealedConsents, withdrawConsent } from './consents.js';
import { NotifyDispatcher } from './dispatcher.js';
import type { Notifier } from './notifier.js';
import { outboxStatus, receiveReports } from './outbox.js';
import { AddressSealer } from './seal.js';
import { SmsGatewayNotifier } from './sms-gateway.js';
import { smsReportsBodySchema, smsSignatureValid } from './sms-protocol.js';
import { WeChatSubscribeNotifier } from './wechat.js';

export const SMS_REPORTS_PATH = '/v1/notify/sms/reports';
const CLOSED: BoardTicket['status'][] = ['finished', 'withdrawn', 'expired'];
const NO_TICKET = 'no such ticket on this hall’s board, or the key does not match it';

export interface NotifyRoutesOptions {
  notify?: NotifyOptions;
  hub: PhoneHub;
  onClose: (() => Promise<void> | void)[];
  log?: (line: string) => void;
}

/** Registers the routes and, when notifications are configured, starts the worker. */
export async function registerNotifyRoutes(router: Router, deps: CentralDeps, o: NotifyRoutesOptions): Promise<NotifyDispatcher | null> {
  const n = o.notify;
  const log = o.log ?? ((line: string) => console.log(line));
  let dispatcher: NotifyDispatcher | null = null;
  let sealer: AddressSealer | null = null;
  if (n) {
    sealer = AddressSealer.fromKeyFile(n.keyFile, await sealedConsents(deps.pool));
    const notifiers: Notifier[] = [];
    if (n.sms) notifiers.push(new SmsGatewayNotifier(n.sms));
    if (n.wechat) notifiers.push(new WeChatSubscribeNotifier({ ...n.wechat, now: deps.now }));
    const d = new NotifyDispatcher({
      pool: deps.pool,
      now: deps.now,
      sealer,
      notifiers,
      board: (hallId) => o.hub.board(hallId),
      times: { comeNowMs: (n.comeNowMinutes ?? 3) * 60_000, aheadMs: (n.aheadMinutes ?? 10) * 60_000 },
      retentionMs: (n.retentionDays ?? 1) * 86_400_000,
      ...(n.pollMs ? { pollMs: n.pollMs } : {}),
      log,
    });
    dispatcher = d;
    d.start();
    const stopWatch = watchPushes(o.hub, d);
    o.onClose.push(async () => {
      stopWatch();
      await d.stop();
      for (const x of notifiers) x.close?.();
    });
  }
  const channels: NotifyChannel[] = dispatcher?.channelNames ?? [];
  const retentionMs = (n?.retentionDays ?? 1) * 86_400_000;

  const buckets = new TokenBuckets(DEFAULT_PUBLIC_RATE_LIMIT);
  const admit = (ctx: RequestContext) => {
    ctx.res.setHeader('Cache-Control', 'no-store');
    const r = buckets.take(`notify ${ctx.req.socket.remoteAddress ?? '?'}`, deps.now());
    if (r.ok) return;
    const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
    ctx.res.setHeader('Retry-After', String(seconds));
    throw new ApiError(429, 'rate_limited', `too many requests from this address; retry after ${seconds} s`);
  };
  const ticketOf = async (ctx: RequestContext, key: string) => {
    const { hallId, ticketId } = ctx.params as { hallId: string; ticketId: string };
    const board = await o.hub.board(hallId);
    const t = board?.tickets.get(ticketId);
    if (!board || !t || !keyMatches(key, t.keyHash)) throw new ApiError(404, 'not_found', NO_TICKET);
    return { hallId, ticketId, board, ticket: t };
  };

  router.add('GET', '/v1/public/halls/:hallId/tickets/:ticketId/notify', async (ctx) => {
    admit(ctx);
    const { hallId, ticketId } = await ticketOf(ctx, ctx.url.searchParams.get('key') ?? '');
    return consentView(deps.pool, hallId, ticketId, channels);
  });

  router.add('POST', '/v1/public/halls/:hallId/tickets/:ticketId/notify', async (ctx) => {
    admit(ctx);
    const request = await readBody(ctx.req, consentRequestSchema, 4096);
    const { hallId, ticketId, board, ticket } = await ticketOf(ctx, request.key);
    if (!dispatcher || !sealer) throw new ApiError(409, 'notifications_off', 'this central platform sends no notifications (no SMS gateway or WeChat account configured)');
    if (!channels.includes(request.channel)) throw new ApiError(409, 'channel_unavailable', `the ${request.channel} channel is not configured here; available: ${channels.join(', ')}`);
    if (CLOSED.includes(ticket.status)) throw new ApiError(409, 'ticket_closed', `the ticket is ${ticket.status}; there is nothing left to tell`);
    await giveConsent(deps.pool, sealer, deps.now(), { hallId, ticketId, serviceDay: board.serviceDay, peopleAhead: ticket.status === 'waiting' ? ticket.peopleAhead : null, retentionMs, request });
    dispatcher.boardChanged(hallId);
    return consentView(deps.pool, hallId, ticketId, channels);
  });

  router.add('POST', '/v1/public/halls/:hallId/tickets/:ticketId/notify/withdraw', async (ctx) => {
    admit(ctx);
    const { key } = await readBody(ctx.req, withdrawRequestSchema, 4096);
    const { hallId, ticketId } = await ticketOf(ctx, key);
    await withdrawConsent(deps.pool, deps.now(), hallId, ticketId);
    return consentView(deps.pool, hallId, ticketId, channels);
  });

  router.add('POST', SMS_REPORTS_PATH, async (ctx) => {
    if (!n?.sms) throw new ApiError(404, 'not_found', 'no SMS gateway is configured here');
    const raw = await rawBody(ctx.req, CENTRAL_MAX_BODY_BYTES);
    if (!smsSignatureValid(n.sms.appSecret, 'POST', SMS_REPORTS_PATH, ctx.req.headers, raw)) throw new ApiError(401, 'bad_signature', 'the report signature does not match the app secret');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ApiError(400, 'invalid_json', 'the report body is not JSON');
    }
    const body = smsReportsBodySchema.safeParse(parsed);
    if (!body.success) throw new ApiError(400, 'invalid_request', `the reports do not match the gateway's format: ${body.error.issues[0]?.message ?? ''}`);
    const summary = await receiveReports(deps.pool, deps.now(), 'sms', body.data.reports);
    return { code: 'OK', ...summary };
  });

  router.add('GET', '/v1/notify/status', async (ctx) => {
    await deps.authOperator(ctx);
    return { channels, ...(await outboxStatus(deps.pool)) };
  });

  return dispatcher;
}

/** Pokes the worker whenever a hall with consents pushes its board (the hub's waiting rooms). */
function watchPushes(hub: PhoneHub, d: NotifyDispatcher): () => void {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const halls = d.hallsWatched;
      if (halls.length === 0) await new Promise((r) => setTimeout(r, 1000).unref());
      else await hub.waiters.wait(halls.map(hallRoom), 5000);
      if (!stopped) d.poke();
    }
  })();
  return () => {
    stopped = true;
    hub.waiters.wakeAll();
  };
}

function rawBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new ApiError(413, 'too_large', `the body is over ${maxBytes} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
