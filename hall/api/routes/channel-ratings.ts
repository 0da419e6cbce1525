// Every channel rated (001 第三十六、三十七条), one rating per service whichever comes first:
//   - the ticket's QR page rates its service (public; the key in the QR address is the access);
//   - a 24-hour-zone terminal records a finished self-service matter and rates it on the spot;
//   - the public 评价公示 of a period (002 第三十二条; 004 第二十八条), from the one computation
//     in hall/ratings/publication.ts.
// Mounted by ratingRoutes (routes/ratings.ts). Access is declared in hall/api/contract.ts.
// Personal data: none is read or returned.
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import { rateService, ratingOfService, serviceRatingView, ticketRatingView } from '../../ratings/service-rating.js';
import { MAX_PUBLICATION_DAYS, ratingPublication } from '../../ratings/publication.js';
import { zoneOf } from '../kiosk-views.js';
import type { ApiDeps } from './deps.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function channelRatingRoutes(router: Router, deps: ApiDeps): void {
  router.route('rateTicket', async (ctx) => {
    const body = await ctx.body();
    const id = ctx.params.id;
    // Same answer as the progress page for a wrong key: the ticket's existence stays secret.
    if ((ctx.url.searchParams.get('key') ?? '') !== deps.views.progressKey(id)) throw new ApiError(404, 'not_found', 'no such ticket');
    return ticketRatingView(rateService(deps.runtime, id, body.level, 'qr'));
  });

  router.route('finishSelfService', async (ctx) => {
    const kiosk = ctx.terminal;
    const body = await ctx.body();
    if (zoneOf(deps.config, kiosk.id) !== '24h') throw new ApiError(403, 'not_self_service_terminal', 'only a terminal of the 24-hour self-service zone records self-service matters');
    const serviceId = deps.runtime.newId();
    deps.runtime.execute({ type: 'finish_self_service', serviceId, ratingId: deps.runtime.newId(), terminalId: kiosk.id, matterId: body.matterId });
    const matterName = deps.config.matters.find((m) => m.id === body.matterId)?.name ?? body.matterId;
    return { serviceId, matterName, rating: serviceRatingView(deps.runtime, serviceId)! };
  });

  router.route('rateSelfService', async (ctx) => {
    const kiosk = ctx.terminal;
    const body = await ctx.body();
    const serviceId = ctx.params.id;
    // Only the terminal where the matter was done rates it; another's answers like one that does not exist.
    if (ratingOfService(deps.runtime, serviceId)?.counterId !== kiosk.id) throw new ApiError(404, 'not_found', 'no such self-service transaction at this terminal');
    return ticketRatingView(rateService(deps.runtime, serviceId, body.level, 'kiosk'));
  });

  router.route('ratingPublication', (ctx) => {
    const today = deps.runtime.state.serviceDay;
    const from = ctx.url.searchParams.get('from') ?? `${today.slice(0, 8)}01`;
    const to = ctx.url.searchParams.get('to') ?? today;
    if (!DAY.test(from) || !DAY.test(to)) throw new ApiError(400, 'invalid_request', 'from and to are service days, YYYY-MM-DD');
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (!(days >= 1 && days <= MAX_PUBLICATION_DAYS)) throw new ApiError(400, 'invalid_request', `from must not be after to, and a period covers at most ${MAX_PUBLICATION_DAYS} days`);
    const { config } = deps;
    return ratingPublication(deps.runtime.db, { hallName: config.hall.name, counters: config.counters, matters: config.matters }, from, to, deps.now());
  });
}

