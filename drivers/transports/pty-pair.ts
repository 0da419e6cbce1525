// Real OS serial ports without hardware: a socat pty pair, two linked /dev/pts
// devices. The driver opens `a` with the real serialport package; an emulator
// plays the device on `b`. Used by the demo's emulated serial devices and the
// tests. Requires `socat` (Debian package; .ci/run installs it); without it,
// createPtyPair rejects with a plain message and only that device is unavailable.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WATCHDOG = `
socat -d -d "pty,raw,echo=0,link=$2" "pty,raw,echo=0,link=$3" & s=$!
trap 'kill $s 2>/dev/null; wait $s 2>/dev/null; exit 0' TERM INT
while kill -0 "$1" 2>/dev/null && kill -0 $s 2>/dev/null; do sleep 1 & wait $!; done
kill $s 2>/dev/null
`;

export interface PtyPair {
  /** Path the driver opens. */
  a: string;
  /** Path the emulator opens. */
  b: string;
  /** Kills socat: both ends see the port vanish, like an unplugged cable. */
  close(): Promise<void>;
}

/**
 * `at`: fixed paths for the two ends (a replugged emulated device comes back at the same
 * path, as a udev /dev/serial/by-id link does); default: fresh paths in a temporary folder.
 */
export async function createPtyPair(at?: { a: string; b: string }): Promise<PtyPair> {
  const dir = at ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-pty-'));
  const a = at?.a ?? path.join(dir!, 'a');
  const b = at?.b ?? path.join(dir!, 'b');
  // socat runs under a small shell watchdog: if this process dies without closing the pair
  // (kill -9, power cut of a demo), socat goes too instead of lingering as an orphan.
  const proc: ChildProcess = spawn('sh', ['-c', WATCHDOG, 'servicehall-pty', String(process.pid), a, b], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let failed: Error | null = null;
  proc.once('error', (e) => (failed = e));
  const deadline = Date.now() + 5000;
  while (!(fs.existsSync(a) && fs.existsSync(b))) {
    if (failed) throw new Error(`cannot start the pty pair (${(failed as Error).message})`);
    if (proc.exitCode !== null) throw new Error(`socat could not create the pty pair (is the Debian package "socat" installed?): ${stderr.trim()}`);
    if (Date.now() > deadline) throw new Error(`socat did not create the pty pair: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    a,
    b,
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => {
          if (dir) fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}
