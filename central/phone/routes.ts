// The hall-facing phone routes (docs/phone.md, protocol/central/phone.ts), hall token like the
// uplink (central/auth.ts), rate-limited per hall as traffic kind "phone":
//   POST /v1/halls/{hallId}/board            a full board or a delta → {version} | 409 need_full
//   GET  /v1/halls/{hallId}/inbox?after=&waitSeconds=   → {messages} (long-poll, ≤ 30 s)
//   POST /v1/halls/{hallId}/inbox/results    {results} → {acknowledged, unknown}
// and, through public-routes.ts, what phones read. registerPhoneRoutes returns the hub so other
// central features (the QR rating route, remote tickets, notifications) read boards and wait on
// the same rooms.
// Contract: a garbled board is refused with 400 and the reason, before anything is stored; a board
// listing one ticket twice is garbled too. 409 need_full carries the version central holds.
import { ApiError, readBody, sendJson, type Router } from '../http.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import type { RateLimit } from '../rate-limit.js';
import { boardPushSchema, inboxResultsSchema, MAX_INBOX_MESSAGES } from '../../protocol/central/phone.js';
import { NeedFull } from './board-store.js';
import { PhoneHub, inboxRoom } from './hub.js';
import { readInbox, recordResults } from './inbox.js';
import { registerPublicPhoneRoutes, waitSecondsOf } from './public-routes.js';

export interface PhoneRoutesOptions {
  /** server.ts's close hooks: the hub's close() is pushed here. */
  onClose?: (() => Promise<void> | void)[];
  /** A board not pushed for longer than this is reported stale to phones (default 60 s). */
  staleAfterSeconds?: number;
  /** Per client address on the public routes (default 120 at once, 20 per second); false: off. */
  publicRateLimit?: RateLimit | false;
}

/** Without a notice, the inbox long-poll re-reads the database this often (LISTEN lost, another process). */
const INBOX_RECHECK_MS = 5000;

export function registerPhoneRoutes(router: Router, deps: CentralDeps, o: PhoneRoutesOptions = {}): PhoneHub {
  const hub = new PhoneHub(deps.pool);
  void hub.start();
  o.onClose?.push(() => hub.close());

  router.add('POST', '/v1/halls/:hallId/board', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'phone');
    const push = await readBody(ctx.req, boardPushSchema, CENTRAL_MAX_BODY_BYTES);
    const seen = new Set<string>();
    for (const [i, t] of push.tickets.entries()) {
      if (seen.has(t.ticketId)) throw new ApiError(400, 'invalid_board', `tickets[${i}]: ticket "${t.ticketId}" is listed twice; nothing was stored`);
      seen.add(t.ticketId);
    }
    try {
      await hub.push(hallId, push, deps.now());
    } catch (err) {
      if (!(err instanceof NeedFull)) throw err;
      const held = await hub.board(hallId);
      sendJson(ctx.res, 409, { error: { code: 'need_full', message: err.message }, version: held?.version ?? null });
      return undefined;
    }
    return { version: push.version };
  });

  router.add('GET', '/v1/halls/:hallId/inbox', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'phone');
    const rawAfter = ctx.url.searchParams.get('after') ?? '0';
    const after = Number(rawAfter);
    if (!Number.isInteger(after) || after < 0) throw new ApiError(400, 'invalid_request', `after "${rawAfter}" must be the last inbox seq the hall consumed (an integer ≥ 0)`);
    const deadline = Date.now() + waitSecondsOf(ctx.url) * 1000;
    let aborted = false;
    ctx.res.once('close', () => (aborted = true));
    for (;;) {
      const messages = await readInbox(deps.pool, hallId, after, MAX_INBOX_MESSAGES);
      const left = deadline - Date.now();
      if (messages.length > 0 || left <= 0 || aborted) return { messages };
      await hub.waiters.wait([inboxRoom(hallId)], Math.min(left, INBOX_RECHECK_MS));
      // Central closing (the pool is about to end) or the hall hung up: answer what there is, read nothing more.
      if (hub.closed || aborted) return { messages: [] };
    }
  });

  router.add('POST', '/v1/halls/:hallId/inbox/results', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'phone');
    const body = await readBody(ctx.req, inboxResultsSchema, CENTRAL_MAX_BODY_BYTES);
    return recordResults(deps.pool, hallId, body.results, deps.now());
  });

  registerPublicPhoneRoutes(router, deps, hub, o);
  return hub;
}
