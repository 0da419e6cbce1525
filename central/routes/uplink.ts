// Uplink routes (docs/sync-protocol.md): register a stream, read its cursor,
// push a batch of events. Contract: the hall is authenticated (and rate
// limited) before its body is read; a batch is stored in one transaction or
// not at all; 409 sequence_conflict carries the conflicting seq both in the
// error and at the top level ({ error: {code, message}, seq }).
import { ApiError, readBody, sendJson, type Router } from '../http.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { batchSchema, registerRequestSchema } from '../../protocol/central/uplink.js';
import { ingestBatch, SequenceConflict } from '../ingest/ingest-batch.js';
import { registerStream, streamCursor } from '../ingest/streams.js';

export function registerUplinkRoutes(router: Router, deps: CentralDeps): void {
  router.add('POST', '/v1/halls/:hallId/register', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'uplink');
    const body = await readBody(ctx.req, registerRequestSchema, CENTRAL_MAX_BODY_BYTES);
    return registerStream(deps.pool, deps.now(), hallId, body);
  });

  router.add('GET', '/v1/halls/:hallId/cursor', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'uplink');
    const stream = ctx.url.searchParams.get('stream');
    if (!stream) throw new ApiError(400, 'invalid_request', 'query parameter "stream" is required (the id given by /register)');
    return streamCursor(deps.pool, hallId, stream);
  });

  router.add('POST', '/v1/halls/:hallId/events', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId, 'uplink');
    const batch = await readBody(ctx.req, batchSchema, CENTRAL_MAX_BODY_BYTES);
    try {
      return await ingestBatch(deps.pool, () => deps.now(), hallId, batch);
    } catch (err) {
      if (!(err instanceof SequenceConflict)) throw err;
      sendJson(ctx.res, 409, { error: { code: 'sequence_conflict', message: err.message, seq: err.seq }, seq: err.seq });
      return undefined;
    }
  });
}
