// Real OS serial ports for tests: a socat pty pair, two linked /dev/pts devices.
// The driver opens `a` with the real serialport package; an emulator plays the
// device on `b`. Requires `socat` (installed by .ci/run).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** Path the driver opens. */
  a: string;
  /** Path the emulator opens. */
  b: string;
  /** Kills socat: both ends see the port vanish, like an unplugged cable. */
  close(): Promise<void>;
}

export async function createPtyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-pty-'));
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 5000;
  while (!(fs.existsSync(a) && fs.existsSync(b))) {
    if (proc.exitCode !== null) throw new Error(`socat exited: ${stderr}`);
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
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}
