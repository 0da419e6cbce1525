// Ratings (好差评) and the event feed. A rating is recorded only from the
// counter display of the counter that asked for it: one rating per service.
// Access is declared per route in hall/api/contract.ts and enforced by the Router.
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import { checkCredentials } from '../access.js';
import type { ApiDeps } from './deps.js';
import { channelRatingRoutes } from './channel-ratings.js';

export function ratingRoutes(router: Router, deps: ApiDeps): void {
  // The QR page, the self-service terminals and the public 评价公示.
  channelRatingRoutes(router, deps);
  const counterOfRating = deps.runtime.db.prepare('SELECT counter_id FROM ratings WHERE id = ?').pluck();
  router.route('rate', async (ctx) => {
    const terminal = ctx.terminal;
    const body = await ctx.body();
    // The display's right to the rating comes before its state: another counter's rating
    // answers exactly like one that does not exist, so a display cannot learn whether another
    // counter's rating is open (issue 10). Only its own counter's closed rating is a 409.
    const ratingId = ctx.params.ratingId;
    const open = deps.runtime.state.openRatings.get(ratingId);
    const counterId = open?.counterId ?? ((counterOfRating.get(ratingId) as string | undefined) ?? null);
    if (counterId === null || counterId !== terminal.counterId) throw new ApiError(404, 'not_found', 'no such rating at this counter');
    if (!open) throw new ApiError(409, 'rating_closed', 'this rating is no longer open (already rated or timed out)');
    deps.runtime.execute({ type: 'record_rating', ratingId: open.id, outcome: body.level, source: 'screen' });
    return deps.views.rating(open);
  });

  router.route('events', (ctx) => {
    const terminal = ctx.terminal;
    const since = Number(ctx.url.searchParams.get('since') ?? '0');
    const limit = Number(ctx.url.searchParams.get('limit') ?? '100');
    if (!Number.isInteger(since) || since < 0) throw new ApiError(400, 'invalid_request', 'since must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ApiError(400, 'invalid_request', 'limit must be an integer from 1 to 500');
    return deps.runtime.log.readSince(since, limit).map((e) => deps.views.event(e, terminal.role));
  });

  router.route('adminSignIn', async (ctx) => {
    const terminal = ctx.terminal;
    const body = await ctx.body();
    const staff = checkCredentials(deps, terminal, body.staffNo, body.pin);
    if (!staff.roles.some((r) => r === 'admin' || r === 'manager')) throw new ApiError(403, 'forbidden', `${staff.name} is not a hall manager or admin`);
    const expiresAt = deps.now() + deps.config.timeouts.staffSessionHours * 3_600_000;
    const sessionToken = deps.sessions.create({ staffId: staff.id, counterId: null, terminalId: terminal.id, expiresAt }, deps.now());
    return { sessionToken, staff: { id: staff.id, staffNo: staff.staffNo, name: staff.name, post: staff.post, roles: staff.roles }, counterId: null, expiresAt };
  });

  router.route('adminRatings', (ctx) => {
    const day = ctx.url.searchParams.get('day') ?? deps.runtime.state.serviceDay;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new ApiError(400, 'invalid_request', 'day must be YYYY-MM-DD');
    return deps.views.ratingsOfDay(day);
  });
}
