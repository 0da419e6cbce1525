// When the phone's ticket page stops being current. Pure, so it is tested under Node.
// Contract: the page is stale when its last refresh failed (the hall unreachable, a server
// error) or when no refresh has succeeded for two refresh periods (a request that hangs on a
// phone that lost the hall's network says nothing by itself). A "no such ticket" answer is not
// staleness: the page says that instead.

/** The time of the last good update when the page is stale, or null while it is current. */
export function staleSince(lastGoodAt: number, lastRefreshFailed: boolean, now: number, refreshMs: number): number | null {
  if (lastRefreshFailed) return lastGoodAt;
  return now - lastGoodAt > 2 * refreshMs ? lastGoodAt : null;
}
