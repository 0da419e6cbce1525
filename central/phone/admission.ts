// Admission to central's public phone routes (no token): `Cache-Control: no-store` and a token
// bucket per client address (central/rate-limit.ts), 429 rate_limited with Retry-After when empty.
// Shared by every public route module under central/phone/ so they limit alike.
// Dangers: the address is the TCP peer's; behind a reverse proxy every phone shares the proxy's
// address — size the limit for it (docs/phone.md).
import { ApiError, type RequestContext } from '../http.js';
import { TokenBuckets, type RateLimit } from '../rate-limit.js';

/** A function that admits one public request or throws 429; `limit` false admits all. */
export function publicAdmission(limit: RateLimit | false, now: () => number): (ctx: RequestContext) => void {
  const buckets = limit ? new TokenBuckets(limit) : null;
  return (ctx) => {
    ctx.res.setHeader('Cache-Control', 'no-store');
    if (!buckets) return;
    const r = buckets.take(`ip ${ctx.req.socket.remoteAddress ?? '?'}`, now());
    if (r.ok) return;
    const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
    ctx.res.setHeader('Retry-After', String(seconds));
    throw new ApiError(429, 'rate_limited', `too many requests from this address; retry after ${seconds} s`);
  };
}
