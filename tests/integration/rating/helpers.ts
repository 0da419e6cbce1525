// Helpers for device tests over real OS serial ports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';

/**
 * A serial port with a stable name that survives unplug and replug, like a
 * udev /dev/serial/by-id/… link: `path` is a symlink to the driver end of the
 * current socat pty pair. unplug() kills socat (both ends vanish); replug()
 * starts a new pair and points the same link at it.
 */
export class ReplugPort {
  readonly path: string;
  private pair: PtyPair | null = null;
  private readonly dir: string;

  private constructor(name: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-by-id-'));
    this.path = path.join(this.dir, name);
  }

  static async create(name: string): Promise<ReplugPort> {
    const port = new ReplugPort(name);
    await port.replug();
    return port;
  }

  /** The device end, where the emulator plays the pad. */
  get devicePath(): string {
    if (!this.pair) throw new Error('unplugged');
    return this.pair.b;
  }

  async unplug(): Promise<void> {
    const pair = this.pair;
    this.pair = null;
    fs.rmSync(this.path, { force: true });
    await pair?.close();
  }

  async replug(): Promise<void> {
    if (this.pair) return;
    this.pair = await createPtyPair();
    fs.rmSync(this.path, { force: true });
    fs.symlinkSync(this.pair.a, this.path);
  }

  async dispose(): Promise<void> {
    await this.unplug();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Resolves with the first value a listener receives that satisfies `accept`; rejects after a safety timeout. */
export function nextEvent<T>(subscribe: (l: (v: T) => void) => () => void, accept: (v: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = subscribe((v) => {
      if (!accept(v)) return;
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}
