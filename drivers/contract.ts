// What every device driver shares: health reporting, byte transports and time.
// Each device kind (printer/, idcard/, rating/, keypad/) has its own contract.ts
// built on these. Drivers import nothing from hall/, renderer/ or electron/.

/** ok: working; warning: working but needs attention (paper near end); fault: cannot work. */
export type HealthState = 'ok' | 'warning' | 'fault';

export interface DeviceHealth {
  state: HealthState;
  /** Stable reason code, e.g. "paper_out", "disconnected", "sam_failed". "ok" when state is ok. */
  code: string;
  /** One plain English sentence for logs and the technician's admin page. */
  message: string;
  /** Epoch ms when this health was first observed. */
  since: number;
}

/**
 * A duplex byte stream to a device: serial port, TCP socket, USB printer-class file.
 * Contract: write resolves when the bytes are handed to the OS (drained), rejects
 * with a DeviceError('disconnected') when the link is gone; onData receives every
 * chunk in order, possibly fragmented or coalesced; onClose fires once, when the
 * link is lost or closed. A transport never retries by itself: drivers do.
 */
export interface ByteTransport {
  readonly description: string;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (reason: Error | null) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Injected time, so tests can simulate hours of polling in milliseconds. */
export interface DriverClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemDriverClock: DriverClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/** Errors with stable codes, shown on screen and in logs. */
export class DeviceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
