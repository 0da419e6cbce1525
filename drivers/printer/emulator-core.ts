// The printer's side of the wire protocol, independent of how bytes travel:
// records what it is sent, splits jobs at cuts, answers DLE EOT n and GS r from
// its state (encoded per profile), sends ASB blocks on changes after GS a.
// Behaviour modelled on real printers: real-time commands (DLE EOT, DLE ENQ) are
// answered at once, even while offline; everything else waits in the buffer
// and is only processed while the printer can print (so GS r goes unanswered
// while the paper is out — that is how the driver notices a failed print).
// Automatic status back follows GS a n's mask as Epson documents it: a block is
// sent when GS a enables it, then whenever an enabled item changes — bit 1
// online/offline (offline, cover, feed), bit 2 errors, bit 3 paper roll sensors.
// `replies` plays printers as halls buy them: 'all'; 'realtime-only' answers
// DLE EOT but ignores GS r and sends no ASB; 'none' never answers anything
// (a one-way link). Jobs are recorded and printed the same in every mode.
import { scanAll } from './command-scanner.js';
import { bitMask, type PrinterProfile, type StatusBitRule, type StatusFlag } from './profile.js';

export interface EmulatorState {
  offline: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
  paperJam: boolean;
  headError: boolean;
}

export const READY_STATE: EmulatorState = {
  offline: false,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  cutterError: false,
  unrecoverable: false,
  autoRecoverable: false,
  paperJam: false,
  headError: false,
};

/** Which replies the emulated printer sends (see the header). */
export type EmulatorReplies = 'all' | 'realtime-only' | 'none';

/** GS a n mask bits and the state each one watches. */
const ASB_ITEMS: readonly { bit: number; flags: readonly StatusFlag[] }[] = [
  { bit: 0x02, flags: ['offline', 'coverOpen', 'feedButton'] },
  { bit: 0x04, flags: ['error', 'cutterError', 'unrecoverable', 'autoRecoverable', 'paperJam', 'headError'] },
  { bit: 0x08, flags: ['paperNearEnd', 'paperOut'] },
];

const CUTS = new Set(['GS V', 'ESC i', 'ESC m']);
const NOT_PRINTED = new Set(['GS a', 'GS r']);

export class EmulatedPrinter {
  private current: EmulatorState = { ...READY_STATE };
  private scanBuffer = new Uint8Array(0);
  private readonly queue: { name: string | null; bytes: Uint8Array; arg: number }[] = [];
  private jobChunks: Uint8Array[] = [];
  private jobLength = 0;
  private readonly finished: Uint8Array[] = [];
  private readonly all: Uint8Array[] = [];
  private asbMask = 0;
  private replyMode: EmulatorReplies = 'all';
  private fault: { state: Partial<EmulatorState>; afterBytes: number } | null = null;
  private readonly jobListeners = new Set<(job: Uint8Array) => void>();

  constructor(
    private readonly profile: PrinterProfile,
    private readonly send: (bytes: Uint8Array) => void,
  ) {}

  state(): EmulatorState {
    return { ...this.current };
  }

  jobs(): Uint8Array[] {
    return [...this.finished];
  }

  /** Every byte received, in order, including status requests. */
  received(): Uint8Array {
    return concat(this.all);
  }

  onJob(listener: (job: Uint8Array) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** After `afterBytes` bytes of the next job were processed, the state changes (e.g. paper runs out mid-ticket). */
  injectFaultDuringNextJob(state: Partial<EmulatorState>, afterBytes = 32): void {
    this.fault = { state, afterBytes };
  }

  /** Switches which replies are sent from now on (ASB stays enabled underneath, as set by GS a). */
  setReplies(mode: EmulatorReplies): void {
    this.replyMode = mode;
  }

  /** The GS a n in force (0: automatic status back off). */
  asbMaskInForce(): number {
    return this.asbMask;
  }

  replies(): EmulatorReplies {
    return this.replyMode;
  }

  setState(partial: Partial<EmulatorState>): void {
    const before = this.flags();
    this.current = { ...this.current, ...partial };
    const after = this.flags();
    const changed = ASB_ITEMS.some((item) => (this.asbMask & item.bit) !== 0 && item.flags.some((f) => before[f] !== after[f]));
    if (changed) this.sendAsb();
    this.drain();
  }

  /**
   * Switched off and on again: buffered data, the half-built job and the GS a setting are lost
   * (ASB is off until the host sends GS a again); the paper and cover stay as they are.
   */
  powerCycle(): void {
    this.queue.length = 0;
    this.jobChunks = [];
    this.jobLength = 0;
    this.scanBuffer = new Uint8Array(0);
    this.asbMask = 0;
  }

  /** A new connection: an incomplete command from the old one is dropped (it never completes). */
  connectionReset(): void {
    this.scanBuffer = new Uint8Array(0);
  }

  receive(chunk: Uint8Array): void {
    this.all.push(chunk.slice());
    const buf = new Uint8Array(this.scanBuffer.length + chunk.length);
    buf.set(this.scanBuffer);
    buf.set(chunk, this.scanBuffer.length);
    const { tokens, rest } = scanAll(buf);
    this.scanBuffer = buf.slice(rest);
    for (const t of tokens) {
      const bytes = buf.slice(t.start, t.end);
      const name = t.kind === 'command' ? t.name : null;
      const arg = t.kind === 'command' ? (t.params[0] ?? 0) : 0;
      if (name === 'DLE EOT') {
        if (this.replyMode !== 'none') this.send(Uint8Array.of(this.realtimeReply(arg)));
      }
      else if (name === 'DLE ENQ') this.recover(arg);
      else if (name !== 'DLE DC4') this.queue.push({ name, bytes, arg });
    }
    this.drain();
  }

  private canPrint(): boolean {
    const s = this.current;
    return !(s.offline || s.coverOpen || s.paperOut || this.hasError());
  }

  private hasError(): boolean {
    const s = this.current;
    return s.cutterError || s.unrecoverable || s.autoRecoverable || s.paperJam || s.headError;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.canPrint()) {
      const item = this.queue.shift()!;
      if (item.name === 'GS a') {
        this.asbMask = item.arg;
        if (ASB_ITEMS.some((i) => (this.asbMask & i.bit) !== 0)) this.sendAsb();
      } else if (item.name === 'GS r') {
        if (this.replyMode === 'all') this.send(Uint8Array.of(item.arg === 1 || item.arg === 49 ? this.transmitReply() : 0x00));
      }
      if (item.name !== null && NOT_PRINTED.has(item.name)) continue;
      this.jobChunks.push(item.bytes);
      this.jobLength += item.bytes.length;
      if (item.name !== null && CUTS.has(item.name)) this.finishJob();
      else if (this.fault && this.jobLength >= this.fault.afterBytes) {
        const state = this.fault.state;
        this.fault = null;
        this.setState(state);
      }
    }
  }

  private finishJob(): void {
    const job = concat(this.jobChunks);
    this.jobChunks = [];
    this.jobLength = 0;
    this.finished.push(job);
    for (const l of this.jobListeners) l(job);
  }

  /** DLE ENQ 1: recover and go on; DLE ENQ 2: recover after clearing the buffers. Only recoverable errors clear. */
  private recover(n: number): void {
    if (n !== 1 && n !== 2) return;
    if (n === 2) {
      this.queue.length = 0;
      this.jobChunks = [];
      this.jobLength = 0;
    }
    if (this.current.cutterError || this.current.paperJam) this.setState({ cutterError: false, paperJam: false });
  }

  /** Flags as the printer reports them: paper end, cover and errors also take it offline. */
  private flags(): Record<StatusFlag, boolean> {
    const s = this.current;
    const error = this.hasError();
    return {
      offline: s.offline || s.paperOut || s.coverOpen || error,
      coverOpen: s.coverOpen,
      feedButton: false,
      paperNearEnd: s.paperNearEnd || s.paperOut,
      paperOut: s.paperOut,
      error,
      cutterError: s.cutterError,
      unrecoverable: s.unrecoverable,
      autoRecoverable: s.autoRecoverable,
      paperJam: s.paperJam,
      headError: s.headError,
    };
  }

  private encode(base: number, rules: readonly StatusBitRule[]): number {
    const flags = this.flags();
    return rules.reduce((byte, rule) => (flags[rule.flag] ? byte | bitMask(rule) : byte), base);
  }

  private realtimeReply(n: number): number {
    const rules = n >= 1 && n <= 4 ? this.profile.status.realtime[`${n}` as '1' | '2' | '3' | '4'] : [];
    return this.encode(0x12, rules);
  }

  private transmitReply(): number {
    return this.encode(0x00, this.profile.status.transmit);
  }

  private sendAsb(): void {
    if (this.replyMode === 'all') this.send(this.asbBlock());
  }

  private asbBlock(): Uint8Array {
    const { fixed, bytes } = this.profile.status.asb;
    return Uint8Array.from(bytes.map((rules, i) => this.encode(fixed[i]!, rules)));
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
