// A hall's 办事指南 for the phone pages, read from the catalog central publishes to the hall
// (dataset `catalog`, docs/downlink.md): public, no token.
//   GET /v1/public/halls/{hallId}/guides?q=…   → {version, matters: [{code, name}]} (names containing q,
//                                                 at most 50, by code; without q the first 50)
//   GET /v1/public/halls/{hallId}/guides/{code} → {code, version, guide} | 404 guide_not_available
// Contract: only the catalog's current items (valid_to IS NULL), exactly as published: central's
// guide is the one the hall's kiosks show when the hall holds it (the hall's own guides.file is not
// central's to serve). Rate-limited per client address. Guides carry no personal data (the
// catalog's schema refuses any: protocol/central/downlink/schemas.ts).
import { ApiError, type Router } from '../http.js';
import type { CentralDeps } from '../deps.js';
import type { RateLimit } from '../rate-limit.js';
import { publicAdmission } from './admission.js';

export const DEFAULT_GUIDE_RATE_LIMIT: RateLimit = { burst: 60, perSecond: 5 };
export const MAX_GUIDE_MATCHES = 50;

export function registerPhoneGuideRoutes(router: Router, deps: CentralDeps, o: { rateLimit?: RateLimit | false } = {}): void {
  const limit = o.rateLimit === undefined ? DEFAULT_GUIDE_RATE_LIMIT : o.rateLimit;
  const admit = publicAdmission(limit, deps.now);
  const versionOf = async (hallId: string): Promise<number> => {
    const r = await deps.pool.query<{ version: string }>(`SELECT version FROM dataset_heads WHERE hall_id = $1 AND dataset = 'catalog'`, [hallId]);
    return r.rows[0] ? Number(r.rows[0].version) : 0;
  };

  router.add('GET', '/v1/public/halls/:hallId/guides', async (ctx) => {
    admit(ctx);
    const hallId = ctx.params.hallId!;
    const q = (ctx.url.searchParams.get('q') ?? '').trim().slice(0, 40);
    const r = await deps.pool.query<{ code: string; name: string }>(
      `SELECT key AS code, value::jsonb->>'name' AS name FROM dataset_items
       WHERE hall_id = $1 AND dataset = 'catalog' AND valid_to IS NULL AND ($2 = '' OR strpos(value::jsonb->>'name', $2) > 0)
       ORDER BY key LIMIT $3`,
      [hallId, q, MAX_GUIDE_MATCHES],
    );
    return { version: await versionOf(hallId), matters: r.rows };
  });

  router.add('GET', '/v1/public/halls/:hallId/guides/:code', async (ctx) => {
    admit(ctx);
    const { hallId, code } = ctx.params as { hallId: string; code: string };
    const r = await deps.pool.query<{ value: string }>(`SELECT value FROM dataset_items WHERE hall_id = $1 AND dataset = 'catalog' AND key = $2 AND valid_to IS NULL`, [hallId, code]);
    const row = r.rows[0];
    if (!row) throw new ApiError(404, 'guide_not_available', `the central platform has published no guide "${code}" for hall "${hallId}"`);
    return { code, version: await versionOf(hallId), guide: JSON.parse(row.value) as unknown };
  });
}
