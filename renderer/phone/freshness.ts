// When the phone page must say "最后更新于 HH:MM" (issue 16: offline, the page says when it was last
// updated). Pure, tested under Node. Two ways to be out of date:
//   - the phone's side: the browser is offline, the last request failed, or no answer came for two
//     long-poll periods (a request hanging on a dead mobile link says nothing by itself) — the
//     information is as of the last good answer (ticket/staleness.ts, the LAN page's rule);
//   - the hall's side: central answers but says the hall has not pushed for too long (Freshness.stale)
//     — the information is as of the hall's last push (hallSeenAt).
// The earlier of the two times is shown: nothing on screen is newer than it.
import { staleSince } from '../ticket/staleness';

export interface PhoneStaleness {
  /** The time the screen's information is from. */
  since: number;
  /** Which side is out of touch: the phone itself, or the hall (central still answers). */
  why: 'offline' | 'hall';
}

export function phoneStaleness(
  view: { stale: boolean; hallSeenAt: number | null } | null,
  lastGoodAt: number,
  lastFailed: boolean,
  online: boolean,
  now: number,
  periodMs: number,
): PhoneStaleness | null {
  if (!view) return null;
  const phoneSide = !online ? lastGoodAt : staleSince(lastGoodAt, lastFailed, now, periodMs);
  const hallSide = view.stale ? (view.hallSeenAt ?? lastGoodAt) : null;
  if (phoneSide === null && hallSide === null) return null;
  if (phoneSide !== null && (hallSide === null || phoneSide <= hallSide)) return { since: phoneSide, why: 'offline' };
  return { since: hallSide!, why: 'hall' };
}
