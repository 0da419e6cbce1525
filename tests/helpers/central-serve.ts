// `central serve` as an operator starts it: a child process (node --import tsx central/main.ts
// serve) with the given environment, resolved once it prints its address.
// Contract: startCentralServe rejects if the process exits before listening; stop() sends
// SIGTERM and resolves with the exit code (0 for a clean shutdown).
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export async function startCentralServe(env: Record<string, string | undefined>): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'central/main.ts'), 'serve'], { cwd: root, env: { PATH: process.env.PATH, ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    return {
      url,
      stop() {
        child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
