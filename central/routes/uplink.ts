// Uplink routes (docs/sync-protocol.md): register a stream, read its cursor,
// push a batch of events. Contract: the hall is authenticated (and rate
// limited) before its body is read; a batch is stored in one transaction or
// not at all; 409 sequence_conflict carries the conflicting seq both in the
// error and at the top level ({ error: {code, message}, seq }).
import { z } from 'zod';
import { ApiError, readBody, sendJson, type Router } from '../../hall/api/http.js';
import { CENTRAL_MAX_BODY_BYTES, type CentralDeps } from '../deps.js';
import { batchSchema } from '../ingest/batch.js';
import { ingestBatch, SequenceConflict } from '../ingest/ingest-batch.js';
import { registerStream, streamCursor } from '../ingest/streams.js';

const registerSchema = z.object({
  reason: z.enum(['first_start', 'restored_from_backup']),
  lastSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});

export function registerUplinkRoutes(router: Router, deps: CentralDeps): void {
  router.add('POST', '/v1/halls/:hallId/register', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId);
    const body = await readBody(ctx.req, registerSchema, CENTRAL_MAX_BODY_BYTES);
    return registerStream(deps.pool, deps.now(), hallId, body);
  });

  router.add('GET', '/v1/halls/:hallId/cursor', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId);
    const stream = ctx.url.searchParams.get('stream');
    if (!stream) throw new ApiError(400, 'invalid_request', 'query parameter "stream" is required (the id given by /register)');
    return streamCursor(deps.pool, hallId, stream);
  });

  router.add('POST', '/v1/halls/:hallId/events', async (ctx) => {
    const hallId = ctx.params.hallId!;
    await deps.authHall(ctx, hallId);
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
