// 好差评 routes of the central platform (docs/sync-protocol.md "Ratings",
// docs/rating-upload.md):
//   POST /v1/ratings             (hall token + X-Hall-Id) national-profile body →
//                                200 {status: accepted|duplicate} | 422 rejected(reason)
//   POST /v1/ratings/batch       (hall token + X-Hall-Id) {ratings: [body, …]} (≤ 100) →
//                                200 {results: [{status: accepted|duplicate|rejected, reason?}]}
//                                (protocol/central/ratings/batch.ts), one transaction
//   GET  /v1/ratings/{ratingId}  (hall token + X-Hall-Id) → 200 {ratingId, forward} | 404 not_found
//                                — the check a hall makes after a timeout, before re-sending
//   GET  /v1/rating-forwards     (operator token) forwarding status: counts, rejected, oldest age
// Contract: ratings have their own rate limit per hall (kind "ratings"), so a
// hall catching up on events does not starve them. Each ratingId (and each
// hall case + assessNumber) is stored once,
// together with its forward, in one transaction; the forwarder then sends it
// to the provincial system when one is configured (else forwards stay pending,
// visibly). Danger: validation reasons go back to the hall verbatim; they must
// never include secrets.
import { z } from 'zod';
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { decodeNational } from '../../protocol/central/ratings/profiles/national.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { RatingForwarder, PROVINCIAL_DESTINATION_ID, type ProvincialForwardingOptions } from '../ratings/forwarder.js';
import { PgRatingForwards, receiveRating, receiveRatings } from '../ratings/pg-outbox.js';
import { ratingBatchRequestSchema, type RatingResult } from '../../protocol/central/ratings/batch.js';
import type { RatingRecord } from '../../protocol/central/ratings/profiles/types.js';

export interface RatingRoutesOptions {
  provincial?: ProvincialForwardingOptions;
  /** server.ts's close hooks: the forwarder's stop() is pushed here. */
  onClose?: (() => Promise<void> | void)[];
  /** Hall local time for ratedAt (China: +480). */
  utcOffsetMinutes?: number;
  log?: (line: string) => void;
}

function hallIdOf(ctx: RequestContext): string {
  const h = ctx.req.headers['x-hall-id'];
  const id = Array.isArray(h) ? h[0] : h;
  if (!id) throw new ApiError(400, 'invalid_request', 'the X-Hall-Id header is required');
  return id;
}

export function registerRatingsRoutes(router: Router, deps: CentralDeps, o: RatingRoutesOptions = {}): RatingForwarder | null {
  const offset = o.utcOffsetMinutes ?? 480;
  const store = new PgRatingForwards(deps.pool);
  const forwarder = o.provincial ? new RatingForwarder({ pool: deps.pool, now: () => deps.now(), provincial: o.provincial, log: o.log ?? ((l) => console.log(l)) }) : null;
  if (forwarder) {
    void forwarder.start().catch((err: Error) => console.error(`rating forwarding could not start: ${err.message}`));
    o.onClose?.push(() => forwarder.stop());
  }

  router.add('POST', '/v1/ratings', async (ctx) => {
    const hallId = hallIdOf(ctx);
    await deps.authHall(ctx, hallId, 'ratings');
    const raw = await readBody(ctx.req, z.unknown(), CENTRAL_MAX_BODY_BYTES);
    const decoded = decodeNational(raw, offset);
    if (!decoded.ok) throw new ApiError(422, 'rejected', decoded.reason);
    if (decoded.record.hallId !== hallId) throw new ApiError(422, 'rejected', `hallId "${decoded.record.hallId}" in the body is not the hall of this token (${hallId})`);
    const status = await receiveRating(deps.pool, deps.now(), decoded.record, PROVINCIAL_DESTINATION_ID);
    if (status === 'accepted') forwarder?.poke();
    return { status };
  });

  router.add('POST', '/v1/ratings/batch', async (ctx) => {
    const hallId = hallIdOf(ctx);
    await deps.authHall(ctx, hallId, 'ratings');
    const { ratings } = await readBody(ctx.req, ratingBatchRequestSchema, CENTRAL_MAX_BODY_BYTES);
    const results: RatingResult[] = [];
    const valid: { index: number; record: RatingRecord }[] = [];
    ratings.forEach((raw, index) => {
      const decoded = decodeNational(raw, offset);
      if (!decoded.ok) results[index] = { status: 'rejected', reason: decoded.reason };
      else if (decoded.record.hallId !== hallId) results[index] = { status: 'rejected', reason: `hallId "${decoded.record.hallId}" in the body is not the hall of this token (${hallId})` };
      else valid.push({ index, record: decoded.record });
    });
    const stored = await receiveRatings(deps.pool, deps.now(), valid.map((v) => v.record), PROVINCIAL_DESTINATION_ID);
    valid.forEach((v, k) => (results[v.index] = { status: stored[k]! }));
    if (stored.includes('accepted')) forwarder?.poke();
    return { results };
  });

  router.add('GET', '/v1/ratings/:ratingId', async (ctx) => {
    const hallId = hallIdOf(ctx);
    await deps.authHall(ctx, hallId, 'ratings');
    const { rows } = await deps.pool.query<{ hall_id: string }>('SELECT hall_id FROM ratings_received WHERE rating_id = $1', [ctx.params.ratingId]);
    if (rows[0]?.hall_id !== hallId) throw new ApiError(404, 'not_found', `no rating ${ctx.params.ratingId} from hall ${hallId}`);
    const forward = await store.get(ctx.params.ratingId!, PROVINCIAL_DESTINATION_ID);
    return { ratingId: ctx.params.ratingId, forward: forward && { state: forward.state, rejectReason: forward.rejectReason } };
  });

  router.add('GET', '/v1/rating-forwards', async (ctx) => {
    await deps.authOperator(ctx);
    return { forwarding: forwarder !== null, ...(await store.status(PROVINCIAL_DESTINATION_ID, deps.now())) };
  });

  return forwarder;
}
