// The card a visitor has just put on a kiosk's reader, waiting for them to pick
// a matter. Held in memory only, for one kiosk, for a short time: a visitor who
// walks away leaves nothing behind (the kiosk's idle timeout is the bound).
import type { VisitorIdentity } from './real-name.js';

export interface CardRead extends VisitorIdentity {
  name: string;
  birthDate: string;
  readAt: number;
}

export class KioskCards {
  private readonly pending = new Map<string, CardRead>();

  constructor(private readonly holdMs: number) {}

  put(kioskId: string, card: CardRead): void {
    this.pending.set(kioskId, card);
  }

  /** The kiosk's card if still fresh; it is consumed (one card, one ticket request). */
  take(kioskId: string, now: number): CardRead | null {
    const card = this.pending.get(kioskId);
    this.pending.delete(kioskId);
    return card && now - card.readAt <= this.holdMs ? card : null;
  }

  /** The visitor cancelled or the kiosk went idle. */
  clear(kioskId: string): void {
    this.pending.delete(kioskId);
  }
}
