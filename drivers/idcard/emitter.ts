// Listener sets for driver events. A listener that throws must not stop the
// driver or the other listeners: its error is reported and dropped.

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
        console.error('ID card reader listener failed:', err instanceof Error ? err.message : err);
      }
    }
  }
}
