// Authentication for central routes: hall tokens (per hall, hashed) and the
// operator token. Contract: see CentralDeps in deps.ts. The X-Hall-Id header,
// when sent, must name the hall of the path. Unknown halls still cost a hash
// so timing says little about which hall ids exist.
// Dangers: error messages never echo a token.
import { ApiError, type RequestContext } from './http.js';
import type pg from 'pg';
import { findHall, HALL_ID_PATTERN } from './halls/registry.js';
import { bearerToken, hashToken, tokenMatches } from './halls/tokens.js';
import { TokenBuckets, type RateLimit, type TrafficKind } from './rate-limit.js';

export interface CentralAuth {
  authHall(ctx: RequestContext, hallId: string, traffic: TrafficKind): Promise<void>;
  authOperator(ctx: RequestContext): Promise<void>;
}

export function createAuth(o: { pool: pg.Pool; now(): number; operatorToken?: string; rateLimit: RateLimit | false }): CentralAuth {
  const buckets = o.rateLimit ? new TokenBuckets(o.rateLimit) : null;
  const operatorHash = o.operatorToken ? hashToken(o.operatorToken) : null;
  const dummyHash = hashToken('no such hall');

  return {
    async authHall(ctx, hallId, traffic) {
      const header = ctx.req.headers['x-hall-id'];
      if (typeof header === 'string' && header !== hallId) {
        throw new ApiError(401, 'unauthorized', `X-Hall-Id "${header}" does not match the hall of the path "${hallId}"`);
      }
      const token = bearerToken(ctx.req.headers.authorization);
      if (!token) throw new ApiError(401, 'unauthorized', 'send the hall token as "Authorization: Bearer <token>"');
      const hall = HALL_ID_PATTERN.test(hallId) ? await findHall(o.pool, hallId) : null;
      if (!hall) {
        tokenMatches(token, dummyHash);
        throw new ApiError(404, 'unknown_hall', `no hall "${hallId}" is registered on this central platform`);
      }
      if (!tokenMatches(token, hall.tokenHash)) throw new ApiError(401, 'unauthorized', `the token is not the token of hall "${hallId}"`);
      if (buckets) {
        const r = buckets.take(`${hallId}\n${traffic}`, o.now());
        if (!r.ok) {
          const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
          ctx.res.setHeader('Retry-After', String(seconds));
          throw new ApiError(429, 'rate_limited', `too many ${traffic} requests from hall "${hallId}"; retry after ${seconds} s`);
        }
      }
    },
    async authOperator(ctx) {
      const token = bearerToken(ctx.req.headers.authorization);
      if (!operatorHash) throw new ApiError(401, 'unauthorized', 'this server has no operator token configured (OPERATOR_TOKEN)');
      if (!token || !tokenMatches(token, operatorHash)) throw new ApiError(401, 'unauthorized', 'send the operator token as "Authorization: Bearer <token>"');
    },
  };
}
