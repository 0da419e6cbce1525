// Calls for the hall display, from two sources: live events (immediate) and the hall
// overview's recentCalls (authoritative after a reload, a resync or a missed event).
// Pure: merging and choosing what to announce. The announcer itself dedupes by callId
// across reloads; the freshness window stops a display switched on at noon from reading
// out the morning.
import type { CallDTO, HallEventDTO } from '../../hall/api/dto';

/** A resumed (挂起) ticket is called back to a counter: announced like any call. */
export const CALL_EVENT_TYPES = new Set(['ticket_called', 'ticket_recalled', 'ticket_resumed']);

/** ticket_called / ticket_recalled / ticket_resumed payloads (hall/domain/events.ts): number, counterId, counterNumber. */
export function callFromEvent(event: HallEventDTO): CallDTO | null {
  if (!CALL_EVENT_TYPES.has(event.type)) return null;
  const p = event.payload ?? {};
  const ticketNumber = typeof p['number'] === 'string' ? p['number'] : typeof p['ticketNumber'] === 'string' ? p['ticketNumber'] : null;
  const counterNumber = typeof p['counterNumber'] === 'number' ? p['counterNumber'] : null;
  if (!ticketNumber || counterNumber === null) return null;
  return {
    seq: event.seq,
    ticketNumber,
    counterId: typeof p['counterId'] === 'string' ? p['counterId'] : '',
    counterNumber,
    at: event.at,
    recall: event.type === 'ticket_recalled',
  };
}

/** Newest first, one entry per seq, at most `limit`. */
export function mergeCalls(a: readonly CallDTO[], b: readonly CallDTO[], limit: number): CallDTO[] {
  const bySeq = new Map<number, CallDTO>();
  for (const c of [...a, ...b]) bySeq.set(c.seq, c);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, Math.max(0, limit));
}

/** Calls to hand to the announcer now, oldest first: not handed over yet and still fresh. */
export function callsToAnnounce(calls: readonly CallDTO[], handedOver: ReadonlySet<number>, now: number, freshMs: number): CallDTO[] {
  return calls
    .filter((c) => !handedOver.has(c.seq) && now - c.at <= freshMs)
    .sort((x, y) => x.seq - y.seq);
}

/**
 * Columns of the counter grid: the count that gives the largest tiles of about 1.4:1
 * (a label over a ticket number) in the given area. Pure for the layout test.
 */
export function gridColumns(count: number, width: number, height: number, tileAspect = 1.4): number {
  if (count <= 0) return 1;
  let best = 1;
  let bestSize = -1;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const size = Math.min(width / columns / tileAspect, height / rows);
    if (size > bestSize) {
      best = columns;
      bestSize = size;
    }
  }
  return best;
}
