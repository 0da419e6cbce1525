// The one rule of the hall's wiring: whatever a step opened, the scope closes.
//
// Each wiring part (storage, identity, auth, devices, api, sync, server) returns what it
// opened plus a close(). The composer adds each part to a Scope right after it opened;
// closing the scope closes the parts in reverse order, each at most once. A failed
// start therefore closes everything opened before the failing step, and the normal
// close uses the very same list, so the two can never drift apart.
//
// Contract: a part's close() must not throw for a part that opened fine; if one does,
// the scope still closes the rest and rethrows the first failure afterwards.

export interface Closable {
  close(): void | Promise<void>;
}

export class Scope {
  private readonly parts: Closable[] = [];
  private closing: Promise<void> | null = null;

  /** Registers `part` to be closed (in reverse order of registration) and returns it. */
  own<T extends Closable>(part: T): T {
    if (this.closing) throw new Error('the hall is closing: nothing new may be opened');
    this.parts.push(part);
    return part;
  }

  /** Registers a bare closing step (an unsubscribe, a timer stop). */
  defer(close: () => void | Promise<void>): void {
    this.own({ close });
  }

  /** Closes every registered part, last first; idempotent (a second call awaits the first). */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    let first: unknown = null;
    for (const part of this.parts.splice(0).reverse()) {
      try {
        await part.close();
      } catch (err) {
        first ??= err;
      }
    }
    if (first) throw first;
  }
}

/**
 * Runs `build` with a fresh scope; if it throws, closes what it opened (last first) and
 * rethrows the original error: the start's cause matters more than a close's.
 */
export async function withScope<T>(build: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope();
  try {
    return await build(scope);
  } catch (err) {
    await scope.close().catch(() => undefined);
    throw err;
  }
}
