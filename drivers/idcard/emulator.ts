// An ID card reader on the device side of a serial port (a socat pty in tests and
// demos): the SamDeviceModel plus the faults real links show — slow answers,
// fragmented writes, line noise, corrupted frames, silence.
// Danger: this is test and demo equipment. It holds the emulated card in memory
// and must never be pointed at a real reader's port.
import { SerialPort } from 'serialport';
import { systemDriverClock, type DriverClock } from '../contract.js';
import type { SamCommandName } from './commands.js';
import { SamDeviceModel, type DeviceAnswer, type SamFailureMode } from './emulator-core.js';
import { encodeResponse } from './frame.js';
import type { EmulatedCard } from './text-block.js';

export interface IdCardEmulatorOptions {
  /** Device side of the pty pair (`b`). */
  path: string;
  baudRate?: number;
  card?: EmulatedCard;
  /** Answer delays, one for all commands or per command. Default 0. */
  delays?: number | Partial<Record<SamCommandName, number>>;
  fingerprintSize?: 0 | 512 | 1024;
  clock?: DriverClock;
}

export interface Fragmentation {
  /** Bytes per write. */
  chunkSize: number;
  /** Pause between writes. Default 2 ms. */
  gapMs?: number;
}

export interface IdCardEmulator {
  insertCard(card: EmulatedCard): void;
  removeCard(): void;
  /** true = SAM self-test failed (60); or a specific mode. false clears it. */
  setSamFailure(failure: boolean | SamFailureMode): void;
  setFragmentation(fragmentation: Fragmentation | null): void;
  setDelays(delays: number | Partial<Record<SamCommandName, number>>): void;
  /** Noise written in the same write as, and just before, the next answer. */
  injectGarbage(bytes: Uint8Array): void;
  /** Flip the checksum of the next answer. */
  corruptNextAnswer(): void;
  /** The next `command` is answered with this SW3 (e.g. 0x41 card read failed). */
  failNext(command: SamCommandName, sw3: number): void;
  /** Stop answering at all (a hung module): the driver sees timeouts. */
  setSilent(silent: boolean): void;
  /** Requests received so far, in order. */
  readonly requests: readonly string[];
  /**
   * Byte counts on the emulator's side, for tests that step a shared manual clock: the link is
   * quiet when nothing is mid-write and both sides have seen what the other sent.
   * bytesSent counts at the write call; writesInFlight drops before the pause after a piece is armed.
   */
  readonly io: { readonly bytesReceived: number; readonly bytesSent: number; readonly writesInFlight: number };
  close(): Promise<void>;
}

export async function startIdCardEmulator(options: IdCardEmulatorOptions): Promise<IdCardEmulator> {
  const clock = options.clock ?? systemDriverClock;
  const model = new SamDeviceModel();
  model.fingerprintSize = options.fingerprintSize ?? 0;
  if (options.card) model.insertCard(options.card);
  let delays = options.delays ?? 0;
  let fragmentation: Fragmentation | null = null;
  let garbage: Uint8Array | null = null;
  let corruptNext = false;
  let silent = false;
  let closed = false;
  const requests: string[] = [];
  const io = { bytesReceived: 0, bytesSent: 0, writesInFlight: 0 };
  const queue: DeviceAnswer[] = [];
  let pumping = false;

  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 115200, autoOpen: false, hupcl: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => {
    /* the pty vanished (unplug test): nothing to answer any more */
  });

  const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => clock.setTimeout(r, ms)) : Promise.resolve());
  const write = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve) => {
      if (closed || !port.isOpen) return resolve();
      io.bytesSent += bytes.length;
      io.writesInFlight++;
      port.write(Buffer.from(bytes), () =>
        port.drain(() => {
          io.writesInFlight--;
          resolve();
        }),
      );
    });

  const send = async (answer: DeviceAnswer): Promise<void> => {
    const delay = typeof delays === 'number' ? delays : (delays[answer.request as SamCommandName] ?? 0);
    await sleep(delay);
    let bytes = answer.frame;
    if (corruptNext) {
      corruptNext = false;
      bytes = bytes.slice();
      bytes[bytes.length - 1]! ^= 0xff;
    }
    if (garbage) {
      const joined = new Uint8Array(garbage.length + bytes.length);
      joined.set(garbage);
      joined.set(bytes, garbage.length);
      garbage = null;
      bytes = joined;
    }
    if (!fragmentation) return write(bytes);
    const { chunkSize, gapMs = 2 } = fragmentation;
    for (let i = 0; i < bytes.length; i += chunkSize) {
      await write(bytes.subarray(i, i + chunkSize));
      await sleep(gapMs);
    }
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (let answer = queue.shift(); answer && !closed; answer = queue.shift()) await send(answer);
    } finally {
      pumping = false;
    }
  };

  port.on('data', (chunk: Buffer) => {
    io.bytesReceived += chunk.length;
    let answers: DeviceAnswer[];
    try {
      answers = model.receive(new Uint8Array(chunk));
    } catch {
      // A fixture the model cannot encode (field too long): answer "unknown error".
      answers = [{ request: 'unknown', frame: encodeResponse({ sw3: 0x24 }) }];
    }
    for (const a of answers) requests.push(a.request);
    if (silent) return;
    queue.push(...answers);
    void pump();
  });

  return {
    insertCard: (card) => model.insertCard(card),
    removeCard: () => model.removeCard(),
    setSamFailure: (failure) => model.setSamFailure(failure === true ? 'self_test' : failure === false ? null : failure),
    setFragmentation: (f) => {
      fragmentation = f;
    },
    setDelays: (d) => {
      delays = d;
    },
    injectGarbage: (bytes) => {
      garbage = bytes;
    },
    corruptNextAnswer: () => {
      corruptNext = true;
    },
    failNext: (command, sw3) => model.failNext(command, sw3),
    setSilent: (s) => {
      silent = s;
    },
    get requests() {
      return requests;
    },
    io,
    close: async () => {
      closed = true;
      if (!port.isOpen) return;
      await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
