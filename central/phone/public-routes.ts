// What phones read, without a token (docs/phone.md, protocol/central/phone.ts):
//   GET /v1/public/halls/{hallId}                       → PublicHallView
//   GET /v1/public/halls/{hallId}/tickets/{ticketId}?key=…  → PublicTicketView
// both with `since=<version>&waitSeconds=<n>`: when the board central holds is still `since`,
// the answer waits (≤ 30 s) for the next push of the hall (or, for a ticket, an answer to the
// phone's own message about it), then answers what is held then; any other version answers at
// once. Contract:
//   - Served from the hub's memory: a push wakes every waiting phone of the hall and none of
//     them costs a database query (the phone's rating is cached per ticket, hub.ts).
//   - A wrong key answers exactly like an unknown ticket (404 not_found): the key in the ticket's
//     QR address is the only proof of holding it; central compares sha256 hashes in constant time.
//   - Freshness: hallSeenAt is when the hall last pushed; stale once older than staleAfterSeconds.
//   - Rate-limited per client address (TokenBuckets), 429 with Retry-After.
// Dangers: public. Never answer keyHash, never echo the key, no personal data (the board has none).
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, type RequestContext, type Router } from '../http.js';
import type { CentralDeps } from '../deps.js';
import { publicAdmission } from './admission.js';
import type { PublicHallView, PublicTicketView } from '../../protocol/central/phone.js';
import type { StoredBoard } from './board-store.js';
import { hallRoom, ticketRoom, type PhoneHub } from './hub.js';
import type { PhoneRoutesOptions } from './routes.js';

export const DEFAULT_PUBLIC_RATE_LIMIT = { burst: 120, perSecond: 20 };
export const DEFAULT_STALE_AFTER_SECONDS = 60;

/** Long-polls are capped at this many seconds whatever the request asks. */
export const MAX_WAIT_SECONDS = 30;
export function waitSecondsOf(url: URL): number {
  const raw = url.searchParams.get('waitSeconds');
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new ApiError(400, 'invalid_request', `waitSeconds "${raw}" must be a number of seconds ≥ 0`);
  return Math.min(n, MAX_WAIT_SECONDS);
}

const NO_TICKET = 'no such ticket on this hall’s board, or the key does not match it';

export function registerPublicPhoneRoutes(router: Router, deps: CentralDeps, hub: PhoneHub, o: PhoneRoutesOptions): void {
  const limit = o.publicRateLimit === undefined ? DEFAULT_PUBLIC_RATE_LIMIT : o.publicRateLimit;
  const admit = publicAdmission(limit, () => deps.now());
  const staleAfterMs = (o.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS) * 1000;

  const boardOf = async (hallId: string): Promise<StoredBoard> => {
    const board = await hub.board(hallId);
    if (!board) throw new ApiError(404, 'not_found', `hall "${hallId}" publishes no board on this central platform`);
    return board;
  };

  const freshness = (b: StoredBoard) => ({ hallSeenAt: b.receivedAt, stale: deps.now() - b.receivedAt > staleAfterMs });

  /** Waits when the phone already holds the board's version; `rooms` are what may wake it. */
  const waitIfCurrent = async (ctx: RequestContext, board: StoredBoard, rooms: string[]) => {
    const since = ctx.url.searchParams.get('since');
    const wait = waitSecondsOf(ctx.url);
    if (since === null || wait === 0 || Number(since) !== board.version) return;
    await hub.waiters.wait(rooms, wait * 1000);
  };

  router.add('GET', '/v1/public/halls/:hallId', async (ctx): Promise<PublicHallView> => {
    admit(ctx);
    const hallId = ctx.params.hallId!;
    await waitIfCurrent(ctx, await boardOf(hallId), [hallRoom(hallId)]);
    const b = await boardOf(hallId);
    return { hallId, hallName: b.hall.name, version: b.version, mode: b.hall.mode, queues: b.queues, ...freshness(b) };
  });

  router.add('GET', '/v1/public/halls/:hallId/tickets/:ticketId', async (ctx): Promise<PublicTicketView> => {
    admit(ctx);
    const { hallId, ticketId } = ctx.params as { hallId: string; ticketId: string };
    const key = ctx.url.searchParams.get('key') ?? '';
    const find = async () => {
      const b = await boardOf(hallId);
      const t = b.tickets.get(ticketId);
      if (!t || !keyMatches(key, t.keyHash)) throw new ApiError(404, 'not_found', NO_TICKET);
      return { b, t };
    };
    await waitIfCurrent(ctx, (await find()).b, [ticketRoom(hallId, ticketId)]);
    const { b, t } = await find();
    const { keyHash: _hidden, ...ticket } = t;
    void _hidden;
    return {
      hallId,
      hallName: b.hall.name,
      version: b.version,
      ticket,
      missedRejoinMinutes: b.hall.missedRejoinMinutes,
      ...(b.hall.languages ? { languages: b.hall.languages } : {}),
      ...(b.hall.reasonTags ? { reasonTags: b.hall.reasonTags } : {}),
      phoneRating: await hub.phoneRating(hallId, ticketId),
      ...freshness(b),
    };
  });
}

/** sha256(key) hex against the stored hash, in constant time. */
export function keyMatches(key: string, keyHash: string): boolean {
  if (key === '') return false;
  const got = createHash('sha256').update(key).digest();
  const want = Buffer.from(keyHash, 'hex');
  return want.length === got.length && timingSafeEqual(got, want);
}
