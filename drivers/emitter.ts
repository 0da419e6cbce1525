// A typed listener set, shared by every driver and transport. A listener that
// throws is logged and skipped: one bad subscriber must not stop the others or
// the device's data path. Only the error's message is logged (never the value,
// which may be a card record).

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        console.error('device listener failed:', err instanceof Error ? err.message : err);
      }
    }
  }
}
