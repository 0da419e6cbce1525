// 上门服务 requests filed on central (000 第二十九条(二)): the visitor's web form or the
// province's platform (operator token) files one for a hall; central validates it with the
// hall's own item schema, gives it an id and publishes it in the hall's `home_visits`
// dataset (PostgreSQL, dataset_items), which the hall's downlink worker already polls.
// A request withdrawn on central (DELETE …/{id}: the visitor cancelled it on the web or the
// province's platform) leaves the dataset; the hall cancels it if it is still open there.
// The hall records each id once (docs/service-records.md), so a repeated delivery is not
// a second request. Contract: 201 { id, version }; 400 with the invalid fields,
// 422 unknown_matter when the hall's catalog on central has no such matter code,
// 404 unknown_hall. Dangers: the body holds a contact (personal data): never log it.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError, readBody, sendJson, type Router } from '../http.js';
import { homeVisitRequestSchema } from '../../protocol/central/downlink/schemas.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { publish } from './datasets.js';

const filing = homeVisitRequestSchema.omit({ id: true, filedAt: true }).extend({ via: homeVisitRequestSchema.shape.via.default('web') });

export function registerHomeVisitRoutes(router: Router, deps: CentralDeps): void {
  router.add('POST', '/v1/halls/:hallId/home-visit-requests', async (ctx) => {
    await deps.authOperator(ctx);
    const hallId = ctx.params.hallId!;
    const body: z.infer<typeof filing> = await readBody(ctx.req, filing, CENTRAL_MAX_BODY_BYTES);
    const hall = await deps.pool.query('SELECT 1 FROM halls WHERE hall_id = $1', [hallId]);
    if (hall.rowCount === 0) throw new ApiError(404, 'unknown_hall', `no hall "${hallId}" is registered`);
    const known = await deps.pool.query(
      "SELECT 1 FROM dataset_items WHERE hall_id = $1 AND dataset = 'catalog' AND key = $2 AND valid_to IS NULL",
      [hallId, body.matterCode],
    );
    if (known.rowCount === 0) throw new ApiError(422, 'unknown_matter', `hall "${hallId}" publishes no matter with code "${body.matterCode}"`);
    const item = { ...body, id: randomUUID(), filedAt: deps.now() };
    const { version } = await publish(deps, hallId, 'home_visits', { mode: 'changes', upserts: [item], deletes: [] });
    sendJson(ctx.res, 201, { id: item.id, version });
  });

  router.add('DELETE', '/v1/halls/:hallId/home-visit-requests/:id', async (ctx) => {
    await deps.authOperator(ctx);
    const { hallId, id } = ctx.params as { hallId: string; id: string };
    const held = await deps.pool.query("SELECT 1 FROM dataset_items WHERE hall_id = $1 AND dataset = 'home_visits' AND key = $2 AND valid_to IS NULL", [hallId, id]);
    if (held.rowCount === 0) throw new ApiError(404, 'not_found', `hall "${hallId}" holds no open home-visit request "${id}"`);
    const { version } = await publish(deps, hallId, 'home_visits', { mode: 'changes', upserts: [], deletes: [id] });
    return { id, version };
  });
}
