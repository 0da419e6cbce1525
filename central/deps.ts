// Everything a central route needs, handed over once by server.ts.
// Contract: authHall resolves only for a registered hall presenting its own
// token, within its rate limit for that kind of traffic (uplink, downlink,
// ratings: one allowance each per hall); it throws ApiError 401 unauthorized,
// 404 unknown_hall or 429 rate_limited (Retry-After already set on the
// response). authOperator resolves only for the operator token (401 otherwise).
// now() is the server's clock in epoch ms: routes never read Date.now().
import type pg from 'pg';
import type { RequestContext } from './http.js';
import type { TrafficKind } from './rate-limit.js';

export interface CentralDeps {
  pool: pg.Pool;
  now(): number;
  authHall(ctx: RequestContext, hallId: string, traffic: TrafficKind): Promise<void>;
  authOperator(ctx: RequestContext): Promise<void>;
}

/** Request bodies are at most 1 MiB (docs/sync-protocol.md). */
export const CENTRAL_MAX_BODY_BYTES = 1024 * 1024;
export { PROTOCOL_VERSION } from '../protocol/central/uplink.js';
