// The sync kernel's one backoff (uplink, downlink, rating upload, central's forwarder):
// exponential with full jitter (delay = random × min(cap, base × 2^attempt)), Retry-After honoured.
// Contract: pure; `random` is injected (returns [0, 1)), so tests pin it.
// A server's Retry-After is a floor: the worker never comes back earlier,
// and never later than the cap unless the server itself asks for longer.

export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

/** The ceiling of the attempt-th retry's delay (attempt 0 = first retry). */
export function backoffCeiling(attempt: number, s: BackoffSettings): number {
  const exp = Math.min(attempt, 40); // 2^40 × base is far above any cap: no overflow
  return Math.min(s.capMs, s.baseMs * 2 ** exp);
}

/** Full jitter: uniformly random in [0, ceiling), at least 1 ms. */
export function retryDelay(attempt: number, s: BackoffSettings, random: () => number, retryAfterMs: number | null = null): number {
  const r = Math.min(Math.max(random(), 0), 0.999999999);
  const jittered = Math.max(1, Math.floor(r * backoffCeiling(attempt, s)));
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, Math.min(jittered, s.capMs));
}
