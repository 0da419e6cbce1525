// A waiting line in calling order: smallest line key first (the issue time,
// kept across transfers; a rejoining no-show gets a key between two tickets),
// the hall's issue sequence breaking ties. Each queue has one line per ticket
// class, and each counter one for tickets transferred to it, so heads are O(1).
import type { TicketId } from './types.js';

export interface LinePlace {
  lineKey: number;
  /** Tiebreak for equal line keys: the issue sequence, or a fraction between two for a rejoin. */
  lineSeq: number;
}

export interface LineEntry extends LinePlace {
  id: TicketId;
}

function before(a: LinePlace, b: LinePlace): boolean {
  return a.lineKey < b.lineKey || (a.lineKey === b.lineKey && a.lineSeq < b.lineSeq);
}

/** Sorted array with binary-search insert and remove: fine for tens of thousands of tickets. */
export class WaitingLine {
  private readonly entries: LineEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  at(index: number): LineEntry | undefined {
    return this.entries[index];
  }

  head(): LineEntry | undefined {
    return this.entries[0];
  }

  /** Number of entries that would be called before `entry` in this line. */
  positionOf(entry: LinePlace): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.entries[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: LineEntry): void {
    this.entries.splice(this.positionOf(entry), 0, entry);
  }

  /** Removes the entry; returns false when it was not in this line. */
  remove(entry: LineEntry): boolean {
    const i = this.positionOf(entry);
    if (this.entries[i]?.id !== entry.id) return false;
    this.entries.splice(i, 1);
    return true;
  }

  ids(): TicketId[] {
    return this.entries.map((e) => e.id);
  }

  /**
   * A place strictly behind the first `placesAhead` entries and before the rest (at
   * the end when the line is shorter): 过号重排. `now` keys the end of the line.
   */
  placeBehind(placesAhead: number, now: number): LinePlace {
    const first = this.entries[0];
    if (placesAhead <= 0 && first) return { lineKey: first.lineKey - 1, lineSeq: first.lineSeq };
    const ahead = this.entries[Math.min(placesAhead, this.entries.length) - 1];
    const behind = this.entries[placesAhead];
    if (!ahead) return { lineKey: now, lineSeq: 0 };
    if (!behind) return now > ahead.lineKey ? { lineKey: now, lineSeq: 0 } : { lineKey: ahead.lineKey, lineSeq: ahead.lineSeq + 1 };
    if (ahead.lineKey < behind.lineKey) return { lineKey: (ahead.lineKey + behind.lineKey) / 2, lineSeq: 0 };
    return { lineKey: ahead.lineKey, lineSeq: (ahead.lineSeq + behind.lineSeq) / 2 };
  }
}
