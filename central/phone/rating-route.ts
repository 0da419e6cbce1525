// A 好差评 from the visitor's phone through central (docs/phone.md "Rating by QR code",
// protocol/central/phone-rating.ts):
//   POST /v1/public/halls/{hallId}/tickets/{ticketId}/rating  {key, level, tags}
//     → 202 {state: 'pending', level}: relayed to the hall as an inbox message `phone_rating`;
//       the phone reads the hall's answer in its ticket view (PublicTicketView.phoneRating).
// Contract: central decides nothing about the rating; it only refuses what the hall's own board
// already rules out, so a phone learns at once instead of after a round trip:
//   - a wrong key or an unknown ticket: 404 not_found (the same answer, like the ticket view);
//   - no rating on the board yet (service not ended): 409 not_rateable;
//   - the board shows the rating closed (another channel, or the time ran out): 409 rating_closed
//     with the recorded source and outcome in details;
//   - this phone's rating of the ticket is pending or applied: 409 already_sent;
//   - a tag the hall's board does not offer: 400 unknown_tag.
// Per ticket, check-then-append runs one at a time in this process, so two taps (or two phones
// holding the same ticket) append one message. Whatever central lets through, the hall still
// applies through its one-rating-per-service path: a pad answer arriving meanwhile wins there.
// Rate-limited per client address (Retry-After on 429). Dangers: public; the key is compared by
// hash and never stored, logged or relayed.
import { ApiError, readBody, sendJson, type Router } from '../http.js';
import type { CentralDeps } from '../deps.js';
import type { RateLimit } from '../rate-limit.js';
import { publicAdmission } from './admission.js';
import { PHONE_RATING_KIND, phoneRatingRequestSchema, type PhoneRatingBody } from '../../protocol/central/phone-rating.js';
import { appendInboxMessage, phoneRatingOf } from './inbox.js';
import { keyMatches } from './public-routes.js';
import type { PhoneHub } from './hub.js';

/** Ratings are rare: a few per visitor. Per client address. */
export const DEFAULT_RATING_RATE_LIMIT: RateLimit = { burst: 10, perSecond: 0.5 };
const MAX_BODY_BYTES = 4096;

export interface PhoneRatingRouteOptions {
  /** Per client address (default 10 at once, one per 2 s); false: off. */
  rateLimit?: RateLimit | false;
}

export function registerPhoneRatingRoute(router: Router, deps: CentralDeps, hub: PhoneHub, o: PhoneRatingRouteOptions = {}): void {
  const limit = o.rateLimit === undefined ? DEFAULT_RATING_RATE_LIMIT : o.rateLimit;
  const admit = publicAdmission(limit, deps.now);
  /** Per hall and ticket: the check-then-append in flight. */
  const inFlight = new Map<string, Promise<unknown>>();

  router.add('POST', '/v1/public/halls/:hallId/tickets/:ticketId/rating', async (ctx) => {
    admit(ctx);
    const { hallId, ticketId } = ctx.params as { hallId: string; ticketId: string };
    const request = await readBody(ctx.req, phoneRatingRequestSchema, MAX_BODY_BYTES);
    const lockKey = `${hallId}\n${ticketId}`;
    const before = inFlight.get(lockKey) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(async () => {
      const board = await hub.board(hallId);
      const t = board?.tickets.get(ticketId);
      if (!board || !t || !keyMatches(request.key, t.keyHash)) throw new ApiError(404, 'not_found', 'no such ticket on this hall’s board, or the key does not match it');
      if (!t.rating) throw new ApiError(409, 'not_rateable', 'this service has not ended yet: it can be rated once it is finished');
      if (!t.rating.open) {
        throw new ApiError(409, 'rating_closed', 'this service was already rated, or its rating time ran out', [
          { path: 'rating.source', message: t.rating.source ?? 'none' },
          { path: 'rating.outcome', message: t.rating.outcome ?? 'none' },
        ]);
      }
      const offered = new Set((board.hall.reasonTags ?? []).map((tag) => tag.code));
      const unknown = request.tags.find((code) => !offered.has(code));
      if (unknown !== undefined) throw new ApiError(400, 'unknown_tag', `the hall offers no reason tag "${unknown}"`, [{ path: 'tags', message: `unknown tag ${unknown}` }]);
      // Straight from the database, not the hub's cache: a message appended a moment ago must count.
      const mine = await phoneRatingOf(deps.pool, hallId, ticketId);
      if (mine && mine.state !== 'refused') throw new ApiError(409, 'already_sent', `this ticket's rating from a phone was already sent (${mine.state})`);
      const body: PhoneRatingBody = { ticketId, level: request.level, tags: request.tags, sentAt: deps.now() };
      await appendInboxMessage(deps.pool, hallId, PHONE_RATING_KIND, body, { at: deps.now(), ticketId });
    });
    inFlight.set(lockKey, run);
    void run.finally(() => inFlight.get(lockKey) === run && inFlight.delete(lockKey)).catch(() => undefined);
    await run;
    sendJson(ctx.res, 202, { state: 'pending', level: request.level });
    return undefined;
  });
}
