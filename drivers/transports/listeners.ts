// Listener bookkeeping shared by transports. A listener that throws must not
// stop the others or the transport: its error is reported and dropped.

export class TransportListeners {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(reason: Error | null) => void>();

  addData(l: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(l);
    return () => this.dataListeners.delete(l);
  }

  addClose(l: (reason: Error | null) => void): () => void {
    this.closeListeners.add(l);
    return () => this.closeListeners.delete(l);
  }

  data(chunk: Uint8Array): void {
    for (const l of this.dataListeners) safely(() => l(chunk));
  }

  close(reason: Error | null): void {
    for (const l of this.closeListeners) safely(() => l(reason));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    console.error('device listener failed:', err);
  }
}
