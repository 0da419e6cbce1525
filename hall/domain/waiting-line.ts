// A queue's waiting tickets in calling order: oldest issue time first, the
// hall's issue sequence breaking ties. Transfers keep the original issue time,
// so a transferred ticket is inserted in the middle, not at the end.
// Green-channel tickets live in their own line so the heads are O(1).
import type { TicketId } from './types.js';

export interface LineEntry {
  id: TicketId;
  issuedAt: number;
  issueSeq: number;
}

function before(a: LineEntry, b: LineEntry): boolean {
  return a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.issueSeq < b.issueSeq);
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
  positionOf(entry: LineEntry): number {
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
}
