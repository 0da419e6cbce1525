// Listener bookkeeping shared by transports: data chunks and the close notice.
import { Emitter } from '../emitter.js';

export class TransportListeners {
  private readonly chunks = new Emitter<Uint8Array>();
  private readonly closes = new Emitter<Error | null>();

  addData(l: (chunk: Uint8Array) => void): () => void {
    return this.chunks.add(l);
  }

  addClose(l: (reason: Error | null) => void): () => void {
    return this.closes.add(l);
  }

  data(chunk: Uint8Array): void {
    this.chunks.emit(chunk);
  }

  close(reason: Error | null): void {
    this.closes.emit(reason);
  }
}
