// A token bucket per key — per hall AND per kind of traffic (TrafficKind), so
// a hall catching up on events after an outage cannot starve its ratings or
// its datasets: `burst` requests at once, refilled at `perSecond`. Contract: take() never blocks; when the bucket is empty it
// says how long until the next token, which becomes Retry-After.
// Dangers: in memory, per server process — several central processes each
// allow the full rate. Time comes from the caller (injected clock).
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** What a hall's request is for; each kind has its own allowance per hall. */
export type TrafficKind = 'uplink' | 'downlink' | 'ratings' | 'phone';

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 30, perSecond: 10 };

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limit: RateLimit) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0)) throw new Error('rate limit needs burst ≥ 1 and perSecond > 0');
  }

  take(key: string, now: number): TakeResult {
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const elapsed = Math.max(0, now - b.at);
    b.tokens = Math.min(this.limit.burst, b.tokens + (elapsed / 1000) * this.limit.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / this.limit.perSecond) * 1000) };
  }
}
