// The hall service as its own process, the way a hall PC runs it:
// `node --import tsx hall/main.ts --data <dir> --port <p> --no-devices --config <file>`.
// `node --import tsx` keeps the hall in this one process, so SIGKILL really kills it (the tsx
// CLI would run it in a grandchild that survives). Readiness is read from the API
// (GET /api/v1/health), never from what the hall prints, which may change.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { request, sleep } from './http.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface SpawnOptions {
  dataDir: string;
  configFile: string;
  port: number;
  /** Extra environment (libfaketime's LD_PRELOAD and its control file). */
  env?: Record<string, string>;
  /** Wraps the command, e.g. ['prlimit', '--fsize=…', '--']. */
  wrapper?: string[];
}

export type StartOutcome = { ok: true; hall: HallProcess; ms: number } | { ok: false; code: number | null; signal: string | null; output: string };

export class HallProcess {
  private outputTail = '';
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  exitedAlready = false;

  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
  ) {
    const keep = (d: Buffer) => {
      this.outputTail = (this.outputTail + d.toString()).slice(-8_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitedAlready = true;
        resolve({ code, signal });
      }),
    );
  }

  get output(): string {
    return this.outputTail;
  }

  /** Starts the hall and waits until its API answers, or until it exits (a refusal to start). */
  static async start(o: SpawnOptions, timeoutMs = 60_000): Promise<StartOutcome> {
    const args = ['--import', 'tsx', path.join(root, 'hall/main.ts'), '--data', o.dataDir, '--port', String(o.port), '--no-devices', '--config', o.configFile];
    const [cmd, ...pre] = o.wrapper?.length ? [...o.wrapper, process.execPath] : [process.execPath];
    const child = spawn(cmd!, [...pre, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
    const hall = new HallProcess(child, `http://127.0.0.1:${o.port}`);
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (hall.exitedAlready) {
        const { code, signal } = await hall.exited;
        return { ok: false, code, signal, output: hall.output };
      }
      try {
        const reply = await request(hall.base, 'GET', '/api/v1/health', { timeoutMs: 2_000 });
        if (reply.status === 200) return { ok: true, hall, ms: performance.now() - started };
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await hall.kill();
    return { ok: false, code: null, signal: 'timeout', output: `the hall did not answer within ${timeoutMs} ms\n${hall.output}` };
  }

  /** kill -9, and wait until the process is gone. */
  async kill(): Promise<void> {
    if (!this.exitedAlready) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM: the hall closes itself). */
  async stop(): Promise<void> {
    if (!this.exitedAlready) this.child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) await this.kill();
  }
}

/**
 * Whether a refusal to start explains itself: the process ended with an exit code and said
 * why in a sentence, not with a stack trace, a signal or silence.
 */
export function clearRefusal(outcome: { code: number | null; signal: string | null; output: string }): boolean {
  const text = outcome.output.trim();
  if (outcome.code === null || outcome.code === 0 || !text) return false;
  return !/\n\s+at .+[:(]\d+/.test(text) && !/^\s+at /m.test(text);
}
