// A printer emulator on a real TCP port (like a network printer on 9100) or a
// real OS serial port (the b side of a socat pty pair). The demo and the tests
// use it; the protocol logic is EmulatedPrinter (emulator-core.ts).
// Unplug/replug:
//   tcp: unplug closes the connection and stops listening; replug listens again
//        on the same port.
//   serial with `path` (pair owned by the caller): unplug closes the emulator's
//        port — the driver sees a silent printer, as behind a live USB-serial
//        adapter; replug reopens it.
//   serial without `path`: the emulator owns a socat pair; unplug kills socat so
//        the driver's port vanishes (like pulling a USB-serial cable) and replug
//        recreates it under the same path. Needs `socat`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import nodePath from 'node:path';
import { SerialPort } from 'serialport';
import { DeviceError } from '../contract.js';
import { EmulatedPrinter, type EmulatorReplies, type EmulatorState } from './emulator-core.js';
import type { PrinterProfile } from './profile.js';

export type { EmulatorReplies, EmulatorState } from './emulator-core.js';

export interface PrinterEmulatorOptions {
  transport: 'tcp' | 'serial';
  profile: PrinterProfile;
  /** tcp: port to listen on (default 0: any free port, on 127.0.0.1). */
  port?: number;
  /** serial: the emulator's end of an existing pty pair; omitted → the emulator makes its own pair. */
  path?: string;
  baudRate?: number;
  initialState?: Partial<EmulatorState>;
  /** Send replies in pieces of this many bytes, `replyGapMs` apart (tests fragmented replies). */
  replyChunkBytes?: number;
  replyGapMs?: number;
  /** 'all' (default); 'realtime-only': answers DLE EOT, ignores GS r, no ASB; 'none': never answers (one-way link). */
  replies?: EmulatorReplies;
}

export interface PrinterEmulator {
  readonly transport: 'tcp' | 'serial';
  /** tcp: the listening port. */
  readonly port?: number;
  /** serial, own pair: the path the driver opens. */
  readonly driverPath?: string;
  jobs(): Uint8Array[];
  received(): Uint8Array;
  state(): EmulatorState;
  setState(partial: Partial<EmulatorState>): void;
  /** Changes which replies the printer sends from now on. */
  setReplies(mode: EmulatorReplies): void;
  /** Power off and on: buffers and the ASB setting (GS a) are lost; the link itself stays. */
  powerCycle(): void;
  /** The GS a n in force (0: automatic status back off). */
  asbMask(): number;
  injectFaultDuringNextJob(state: Partial<EmulatorState>, afterBytes?: number): void;
  /** Resolves once at least `count` jobs were cut; rejects with DeviceError('timeout') after timeoutMs. */
  waitForJobs(count: number, timeoutMs?: number): Promise<Uint8Array[]>;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

interface Link {
  send(bytes: Uint8Array): void;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrinterEmulator(options: PrinterEmulatorOptions): Promise<PrinterEmulator> {
  let link: Link | null = null;
  let sending = Promise.resolve();
  const chunk = options.replyChunkBytes ?? 0;
  const sendReply = (bytes: Uint8Array) => {
    if (chunk <= 0) return link?.send(bytes);
    // Fragmented replies keep their order: each piece waits for the previous one.
    for (let i = 0; i < bytes.length; i += chunk) {
      const piece = bytes.slice(i, i + chunk);
      sending = sending.then(() => new Promise<void>((resolve) => setTimeout(() => (link?.send(piece), resolve()), options.replyGapMs ?? 5)));
    }
  };
  const printer = new EmulatedPrinter(options.profile, sendReply);
  if (options.initialState) printer.setState(options.initialState);
  if (options.replies) printer.setReplies(options.replies);
  let port: number | undefined;
  let driverPath: string | undefined;
  if (options.transport === 'tcp') {
    const tcp = await tcpLink(printer, options.port ?? 0);
    link = tcp;
    port = tcp.port;
  } else {
    const serial = await serialLink(printer, options.path, options.baudRate ?? 115200);
    link = serial;
    driverPath = serial.driverPath;
  }
  const active = link;
  return {
    transport: options.transport,
    port,
    driverPath,
    jobs: () => printer.jobs(),
    received: () => printer.received(),
    state: () => printer.state(),
    setState: (partial) => printer.setState(partial),
    setReplies: (mode) => printer.setReplies(mode),
    powerCycle: () => printer.powerCycle(),
    asbMask: () => printer.asbMaskInForce(),
    injectFaultDuringNextJob: (state, afterBytes) => printer.injectFaultDuringNextJob(state, afterBytes),
    waitForJobs: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (printer.jobs().length >= count) return resolve(printer.jobs());
        const timer = setTimeout(() => {
          off();
          reject(new DeviceError('timeout', `emulator saw ${printer.jobs().length} of ${count} jobs within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = printer.onJob(() => {
          if (printer.jobs().length < count) return;
          clearTimeout(timer);
          off();
          resolve(printer.jobs());
        });
      }),
    unplug: () => active.unplug(),
    replug: () => active.replug(),
    close: () => active.close(),
  };
}

async function tcpLink(printer: EmulatedPrinter, requestedPort: number): Promise<Link & { port: number }> {
  let socket: net.Socket | null = null;
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer((s) => {
        // One host at a time, like a printer's port 9100: the newest connection wins.
        socket?.destroy();
        socket = s;
        sockets.add(s);
        s.setNoDelay(true);
        printer.connectionReset();
        s.on('data', (chunk) => printer.receive(new Uint8Array(chunk)));
        s.on('error', () => {});
        s.on('close', () => {
          sockets.delete(s);
          if (socket === s) socket = null;
        });
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        server = srv;
        resolve((srv.address() as net.AddressInfo).port);
      });
    });
  const stop = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    socket = null;
    const srv = server;
    server = null;
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
  };
  const port = await listen(requestedPort);
  return {
    port,
    send: (bytes) => {
      if (socket && !socket.destroyed) socket.write(bytes);
    },
    unplug: stop,
    replug: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  };
}

async function serialLink(printer: EmulatedPrinter, givenPath: string | undefined, baudRate: number): Promise<Link & { driverPath?: string }> {
  let pair: OwnedPty | null = givenPath ? null : await startPty();
  const devicePath = givenPath ?? pair!.b;
  let port: SerialPort | null = null;
  const open = async () => {
    const p = new SerialPort({ path: devicePath, baudRate, autoOpen: false, hupcl: false });
    await new Promise<void>((resolve, reject) =>
      p.open((err) => (err ? reject(new DeviceError('open_failed', `emulator cannot open ${devicePath}: ${err.message}`, err)) : resolve())),
    );
    printer.connectionReset();
    p.on('data', (chunk: Buffer) => printer.receive(new Uint8Array(chunk)));
    p.on('error', () => {});
    p.on('close', () => {
      if (port === p) port = null;
    });
    port = p;
  };
  const closePort = async () => {
    const p = port;
    port = null;
    if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
  };
  const unplug = async () => {
    await closePort();
    if (pair) {
      await pair.kill();
    }
  };
  await open();
  return {
    driverPath: pair?.a,
    send: (bytes) => {
      if (port?.isOpen) port.write(Buffer.from(bytes));
    },
    unplug,
    replug: async () => {
      if (pair && !pair.alive()) pair = await startPty(pair.dir);
      if (!port) await open();
    },
    close: async () => {
      await unplug();
      if (pair) fs.rmSync(pair.dir, { recursive: true, force: true });
    },
  };
}

interface OwnedPty {
  dir: string;
  a: string;
  b: string;
  alive(): boolean;
  kill(): Promise<void>;
}

/** A socat pty pair at stable paths dir/a (driver) and dir/b (emulator). */
async function startPty(existingDir?: string): Promise<OwnedPty> {
  const dir = existingDir ?? fs.mkdtempSync(nodePath.join(os.tmpdir(), 'servicehall-printer-'));
  const a = nodePath.join(dir, 'a');
  const b = nodePath.join(dir, 'b');
  fs.rmSync(a, { force: true });
  fs.rmSync(b, { force: true });
  const proc: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.on('error', (err) => (stderr += err.message));
  const deadline = Date.now() + 5000;
  while (!(fs.existsSync(a) && fs.existsSync(b))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill();
      throw new DeviceError('open_failed', `socat did not create a pty pair (is socat installed?): ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    dir,
    a,
    b,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    kill: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
