// A typed listener set. A listener that throws is logged and skipped: one bad
// subscriber must not stop the others or the device's data path.

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const l of this.listeners) {
      try {
        l(value);
      } catch (err) {
        console.error('device listener failed:', err);
      }
    }
  }
}
