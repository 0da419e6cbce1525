// GET /v1/overview?from=YYYY-MM-DD&to=YYYY-MM-DD[&hallId=…] for the central
// operator (operator token). Contract: both dates required, from ≤ to, at
// most 400 days; answers { from, to, days: OverviewDay[] } (days with events
// only, ordered by hall then day).
import { ApiError, type RequestContext, type Router } from '../http.js';
import type { CentralDeps } from '../deps.js';
import { isCalendarDay } from '../ingest/classify.js';
import { overview } from '../overview/overview.js';
import { crossHallReport } from '../reports/cross-hall.js';
import { centralBadRatingCases } from '../reports/bad-rating-cases.js';
import { OPERATOR_PAGE } from '../reports/operator-page.js';

const MAX_DAYS = 400;

/** The operator's `from`/`to` calendar days (at most MAX_DAYS) and optional `hallId`, checked. */
async function dayRange(ctx: RequestContext, deps: CentralDeps): Promise<{ from: string; to: string; hallId: string | null }> {
  await deps.authOperator(ctx);
  const from = ctx.url.searchParams.get('from');
  const to = ctx.url.searchParams.get('to');
  const hallId = ctx.url.searchParams.get('hallId');
  if (!isCalendarDay(from) || !isCalendarDay(to)) throw new ApiError(400, 'invalid_request', 'query parameters "from" and "to" must be calendar dates YYYY-MM-DD');
  if (from > to) throw new ApiError(400, 'invalid_request', `"from" (${from}) is after "to" (${to})`);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_DAYS) throw new ApiError(400, 'invalid_request', `at most ${MAX_DAYS} days at once (asked ${span})`);
  return { from, to, hallId };
}

export function registerOverviewRoutes(router: Router, deps: CentralDeps): void {
  router.add('GET', '/v1/overview', async (ctx) => {
    const { from, to, hallId } = await dayRange(ctx, deps);
    return { from, to, days: await overview(deps.pool, from, to, hallId) };
  });
  // GET /v1/reports?from=&to=[&hallId=]: the hall reports' figures per hall × day × matter
  // (central/reports/cross-hall.ts), same checks as the overview.
  router.add('GET', '/v1/reports', async (ctx) => {
    const { from, to, hallId } = await dayRange(ctx, deps);
    return { from, to, rows: await crossHallReport(deps.pool, from, to, hallId) };
  });
  // GET /operator/: the operator's page for the two routes below and above (no data in it).
  router.add('GET', '/operator/', (ctx) => {
    ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    ctx.res.end(OPERATOR_PAGE);
    return undefined;
  });
  // GET /v1/bad-rating-cases[?hallId=]: every hall's 差评 cases with their deadlines and state.
  router.add('GET', '/v1/bad-rating-cases', async (ctx) => {
    await deps.authOperator(ctx);
    return { cases: await centralBadRatingCases(deps.pool, ctx.url.searchParams.get('hallId'), Date.now()) };
  });
}
