// Everything a central route needs, handed over once by server.ts.
// Contract: authHall resolves only for a registered hall presenting its own
// token (and within its rate limit); it throws ApiError 401 unauthorized,
// 404 unknown_hall or 429 rate_limited (Retry-After already set on the
// response). authOperator resolves only for the operator token (401 otherwise).
// now() is the server's clock in epoch ms: routes never read Date.now().
import type pg from 'pg';
import type { RequestContext } from '../hall/api/http.js';

export interface CentralDeps {
  pool: pg.Pool;
  now(): number;
  authHall(ctx: RequestContext, hallId: string): Promise<void>;
  authOperator(ctx: RequestContext): Promise<void>;
}

/** Request bodies are at most 1 MiB (docs/sync-protocol.md). */
export const CENTRAL_MAX_BODY_BYTES = 1024 * 1024;
export const PROTOCOL_VERSION = 1;
