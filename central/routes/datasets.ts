// Downlink routes (docs/sync-protocol.md "Downlink", docs/downlink.md).
// Halls (hall token): GET a delta since a version, GET a snapshot page.
// Operators (operator token): publish a full replacement (PUT) or a set of
// upserts/deletes (POST …/changes), compact the history, list the heads.
// Contract: a publication is validated whole with the hall's own schemas —
// a bad item refuses everything with 422 invalid_dataset and every reason,
// nothing changes; 410 must_refetch when a delta or a pinned snapshot version
// cannot be served. Dangers: operator bodies obey the server's 1 MiB limit;
// larger catalogs are published in-process with publishDataset() (the
// benchmark does) or as several change sets.
import { z } from 'zod';
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { datasetKey, isDatasetName, type DatasetName } from '../../protocol/central/downlink/schemas.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { publishDataset, PublicationRejected, UnknownHall, type Publication } from '../datasets/publish.js';
import { compactDataset, datasetDelta, datasetHeads, datasetSnapshotPage, MustRefetch } from '../datasets/serve.js';

/** A delta with more changes than this is refused with must_refetch: the hall pages a snapshot instead. */
export const MAX_DELTA_CHANGES = 500;
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 2000;

const replaceBody = z.object({ items: z.array(z.unknown()) }).strict();
const changesBody = z.object({ upserts: z.array(z.unknown()).default([]), deletes: z.array(z.unknown()).default([]) }).strict();
const compactBody = z.object({ toVersion: z.number().int().min(0).optional() }).strict();

export function registerDatasetsRoutes(router: Router, deps: CentralDeps): void {
  const base = '/v1/halls/:hallId/datasets';

  router.add('GET', `${base}/:name`, async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'downlink');
    const dataset = datasetOf(ctx);
    const since = intParam(ctx, 'since', true)!;
    return refetchOn410(() => datasetDelta(deps.pool, hallId, dataset, since, MAX_DELTA_CHANGES));
  });

  router.add('GET', `${base}/:name/snapshot`, async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'downlink');
    const dataset = datasetOf(ctx);
    const version = intParam(ctx, 'version', false);
    const limit = intParam(ctx, 'limit', false) ?? DEFAULT_PAGE_SIZE;
    if (limit < 1 || limit > MAX_PAGE_SIZE) throw new ApiError(400, 'invalid_request', `limit must be 1–${MAX_PAGE_SIZE}`);
    const afterRaw = ctx.url.searchParams.get('after');
    let after: string | null = null;
    if (afterRaw !== null) {
      const k = datasetKey.safeParse(afterRaw);
      if (!k.success) throw new ApiError(400, 'invalid_request', `after: ${k.error.issues[0]!.message}`);
      after = k.data;
    }
    return refetchOn410(() => datasetSnapshotPage(deps.pool, hallId, dataset, { version, after, limit }));
  });

  router.add('PUT', `${base}/:name`, async (ctx) => {
    await deps.authOperator(ctx);
    const dataset = datasetOf(ctx);
    const body = await readBody(ctx.req, replaceBody, CENTRAL_MAX_BODY_BYTES);
    return publish(deps, ctx.params.hallId!, dataset, { mode: 'replace', items: body.items });
  });

  router.add('POST', `${base}/:name/changes`, async (ctx) => {
    await deps.authOperator(ctx);
    const dataset = datasetOf(ctx);
    const body = await readBody(ctx.req, changesBody, CENTRAL_MAX_BODY_BYTES);
    return publish(deps, ctx.params.hallId!, dataset, { mode: 'changes', upserts: body.upserts, deletes: body.deletes });
  });

  router.add('POST', `${base}/:name/compact`, async (ctx) => {
    await deps.authOperator(ctx);
    const dataset = datasetOf(ctx);
    const body = await readBody(ctx.req, compactBody, CENTRAL_MAX_BODY_BYTES);
    return compactDataset(deps.pool, ctx.params.hallId!, dataset, body.toVersion);
  });

  router.add('GET', base, async (ctx) => {
    await deps.authOperator(ctx);
    return { hallId: ctx.params.hallId!, datasets: await datasetHeads(deps.pool, ctx.params.hallId!) };
  });
}

/** Publishes with the protocol's errors: 422 invalid_dataset (every reason), 404 unknown_hall. */
export async function publish(deps: CentralDeps, hallId: string, dataset: DatasetName, publication: Publication) {
  try {
    return await publishDataset(deps.pool, hallId, dataset, publication, deps.now());
  } catch (err) {
    if (err instanceof PublicationRejected) {
      throw new ApiError(
        422,
        'invalid_dataset',
        `${dataset} refused, nothing changed: ${err.reasons.join('; ')}`,
        err.reasons.map((r) => ({ path: r.slice(0, r.indexOf(':')) || '(body)', message: r })),
      );
    }
    if (err instanceof UnknownHall) throw new ApiError(404, 'unknown_hall', err.message);
    throw err;
  }
}

async function refetchOn410<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof MustRefetch) throw new ApiError(410, 'must_refetch', err.message);
    throw err;
  }
}

function datasetOf(ctx: RequestContext): DatasetName {
  const name = ctx.params.name!;
  if (!isDatasetName(name)) throw new ApiError(404, 'unknown_dataset', `no dataset "${name}"`);
  return name;
}

function intParam(ctx: RequestContext, name: string, required: boolean): number | null {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === '') {
    if (required) throw new ApiError(400, 'invalid_request', `${name} is required (a version number, 0 for none)`);
    return null;
  }
  if (!/^\d{1,15}$/.test(raw)) throw new ApiError(400, 'invalid_request', `${name} must be a non-negative integer`);
  return Number(raw);
}
