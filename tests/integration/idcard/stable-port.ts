// A serial port path that survives unplug/replug, like /dev/serial/by-id/… under
// udev: a symlink we repoint at the `a` end of a fresh socat pty pair.
// (tests/helpers/pty.ts picks a new random path per pair, so replugging "at the
// same path" needs this link.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';

export interface StablePort {
  /** The path the driver opens; stable across replugs. */
  readonly path: string;
  /** The current pair; its `b` end is where the emulator goes. */
  pair: PtyPair | null;
  /** Kills socat: the port vanishes, like a pulled cable. */
  unplug(): Promise<void>;
  /** A new pty pair behind the same path. */
  plug(): Promise<PtyPair>;
  dispose(): Promise<void>;
}

export async function createStablePort(): Promise<StablePort> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-idcard-'));
  const link = path.join(dir, 'idcard-reader');
  const port: StablePort = {
    path: link,
    pair: null,
    async unplug() {
      await port.pair?.close();
      port.pair = null;
    },
    async plug() {
      const pair = await createPtyPair();
      fs.rmSync(link, { force: true });
      fs.symlinkSync(pair.a, link);
      port.pair = pair;
      return pair;
    },
    async dispose() {
      await port.unplug();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await port.plug();
  return port;
}

/** Waits for a condition in real time; fails with `what` after the deadline. Never asserts timings. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
