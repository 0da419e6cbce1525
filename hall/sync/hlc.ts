// Hybrid logical clock (HLC): physical ms + logical counter + node id, encoded
// as "PPPPPPPPPPPPPPPP:CCCC:node" (16 decimal digits, 4 hex digits) so that the
// strings sort in clock order.
// Contract: every reading from now()/receive() is strictly greater than the
// previous one from the same clock, whatever the wall clock does (jumps back,
// stands still, crosses midnight). A counter overflow borrows one ms from the
// future rather than failing: the hall must never refuse to record an event.
// receive() merges a remote reading unless it is more than maxDriftMs ahead of
// the local wall clock (drift guard): such a reading throws HlcDriftError and
// leaves the clock untouched. now() never throws; when the clock itself has
// run ahead of the wall clock by more than maxDriftMs, aheadMs() says so.
// Dangers: a wall clock that jumped far forward and came back keeps the HLC
// at the far value until the wall catches up (by design: order beats wall time).

export const HLC_MAX_COUNTER = 0xffff;
const PHYSICAL_DIGITS = 16;

export interface HlcReading {
  physical: number;
  counter: number;
  node: string;
}

export class HlcDriftError extends Error {
  constructor(
    readonly remote: string,
    readonly aheadMs: number,
    readonly maxDriftMs: number,
  ) {
    super(`remote clock ${remote} is ${Math.round(aheadMs / 1000)} s ahead of the local wall clock (more than the ${Math.round(maxDriftMs / 60_000)} min allowed); not merged`);
    this.name = 'HlcDriftError';
  }
}

export class HlcFormatError extends Error {
  constructor(text: string) {
    super(`not a hybrid logical clock reading: "${text.slice(0, 80)}" (expected 16 digits ":" 4 hex digits ":" node id)`);
    this.name = 'HlcFormatError';
  }
}

const NODE_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const READING_RE = /^(\d{16}):([0-9a-f]{4}):([A-Za-z0-9_.-]{1,64})$/;

export function encodeHlc(r: HlcReading): string {
  if (!Number.isSafeInteger(r.physical) || r.physical < 0 || r.physical >= 10 ** PHYSICAL_DIGITS) throw new RangeError(`HLC physical time out of range: ${r.physical}`);
  if (!Number.isInteger(r.counter) || r.counter < 0 || r.counter > HLC_MAX_COUNTER) throw new RangeError(`HLC counter out of range: ${r.counter}`);
  if (!NODE_RE.test(r.node)) throw new RangeError(`HLC node id must be 1–64 letters, digits, ".", "-" or "_": "${r.node}"`);
  return `${String(r.physical).padStart(PHYSICAL_DIGITS, '0')}:${r.counter.toString(16).padStart(4, '0')}:${r.node}`;
}

export function parseHlc(text: string): HlcReading {
  const m = READING_RE.exec(text);
  if (!m) throw new HlcFormatError(text);
  return { physical: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Order of two readings (-1, 0, 1): physical, then counter, then node id. */
export function compareHlc(a: HlcReading, b: HlcReading): number {
  if (a.physical !== b.physical) return a.physical < b.physical ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** Makes node ids from hall ids that may contain characters the encoding does not allow. */
export function hlcNodeId(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'hall' : cleaned;
}

export interface HlcOptions {
  /** The local wall clock (epoch ms). Injected: tests move it back and forth. */
  wall: () => number;
  /** Remote readings further ahead than this are refused by receive(); default 5 minutes. */
  maxDriftMs?: number;
  /** The last reading this node issued before (e.g. the newest stored event's), so a restart stays monotonic. */
  last?: HlcReading | string | null;
}

export class Hlc {
  readonly node: string;
  readonly maxDriftMs: number;
  private readonly wall: () => number;
  private physical = 0;
  private counter = 0;

  constructor(node: string, options: HlcOptions) {
    if (!NODE_RE.test(node)) throw new RangeError(`HLC node id must be 1–64 letters, digits, ".", "-" or "_": "${node}"`);
    this.node = node;
    this.wall = options.wall;
    this.maxDriftMs = options.maxDriftMs ?? 5 * 60_000;
    if (options.last) this.observe(typeof options.last === 'string' ? parseHlc(options.last) : options.last);
  }

  /** A new reading for a local event at wall time `wallMs` (defaults to the injected wall clock). */
  now(wallMs: number = this.wall()): string {
    if (wallMs > this.physical) {
      this.physical = wallMs;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current();
  }

  /**
   * Merges a remote reading (or a bare remote wall time in ms): the next local reading sorts after it.
   * `wallMs` overrides the injected wall clock for the drift guard.
   * Throws HlcDriftError, changing nothing, when the remote is more than maxDriftMs ahead of the wall.
   */
  receive(remote: string | HlcReading | number, wallMs: number = this.wall()): string {
    const r: HlcReading = typeof remote === 'number' ? { physical: remote, counter: 0, node: '~' } : typeof remote === 'string' ? parseHlc(remote) : remote;
    const ahead = r.physical - wallMs;
    if (ahead > this.maxDriftMs) throw new HlcDriftError(typeof remote === 'number' ? String(remote) : encodeHlcLoose(r), ahead, this.maxDriftMs);
    const top = Math.max(wallMs, this.physical, r.physical);
    if (top === this.physical && top === r.physical) this.counter = Math.max(this.counter, r.counter);
    else if (top === r.physical) this.counter = r.counter;
    else if (top !== this.physical) this.counter = -1;
    this.physical = top;
    this.bump();
    return this.current();
  }

  /** Raises the clock to at least `r` without issuing a reading (e.g. a stored reading found at start). */
  observe(r: HlcReading): void {
    if (r.physical > this.physical || (r.physical === this.physical && r.counter > this.counter)) {
      this.physical = r.physical;
      this.counter = r.counter;
    }
  }

  /** The last reading issued or observed. */
  last(): HlcReading {
    return { physical: this.physical, counter: this.counter, node: this.node };
  }

  /** How far the clock runs ahead of the wall (0 when not ahead); above maxDriftMs it should be flagged. */
  aheadMs(wallMs: number = this.wall()): number {
    return Math.max(0, this.physical - wallMs);
  }

  private bump(): void {
    if (this.counter >= HLC_MAX_COUNTER) {
      // Borrow a millisecond: order is kept, the string stays fixed-width.
      this.physical += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }

  private current(): string {
    return encodeHlc({ physical: this.physical, counter: this.counter, node: this.node });
  }
}

function encodeHlcLoose(r: HlcReading): string {
  try {
    return encodeHlc(r);
  } catch {
    return `${r.physical}:${r.counter}:${r.node}`;
  }
}
