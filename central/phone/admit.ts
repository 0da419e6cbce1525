// A per-client-address allowance for central's public phone routes (rating, guides): a token
// bucket per remote address (rate-limit.ts). Contract: admit() sets Cache-Control: no-store, and
// when the address is over its allowance throws 429 rate_limited with Retry-After set; `false`
// admits everything (benchmarks). Danger: behind a reverse proxy every phone has the proxy's
// address — run the phone routes where the socket's address is the phone's (docs/phone.md).
import { ApiError, type RequestContext } from '../http.js';
import { TokenBuckets, type RateLimit } from '../rate-limit.js';

export function addressAdmitter(limit: RateLimit | false, now: () => number): (ctx: RequestContext) => void {
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
