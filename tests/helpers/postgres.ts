// A real PostgreSQL 15 server for integration tests: initdb into a temporary
// folder, start it on a free TCP port of 127.0.0.1 (and a unix socket in the
// same folder), hand out fresh empty databases, stop and delete it all.
// Contract: startPostgres() resolves only once the server accepts
// connections; stop() shuts it down (fast mode) and removes the folder. Each
// test file starts its own server (or shares one per file) and asks for a
// fresh database per test or per suite with createDatabase().
// Dangers: when the tests run as root, PostgreSQL refuses to run as root, so
// initdb and the server run as the `postgres` OS user through runuser, and the
// temporary folder is handed to that user. The server is tuned for tests
// (fsync off unless `durable`): never point it at data you want to keep. If the test process
// exits or is stopped by SIGINT/SIGTERM/SIGHUP without stop(), a hook still
// stops the server synchronously (a SIGKILL cannot be caught: the server and
// its /tmp/servicehall-pg-* folder are then left behind).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection URL of the server's default `postgres` database (superuser `postgres`, no password). */
  url: string;
  /** Creates a fresh empty database and returns its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const BIN_DIRS = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin'].filter((d): d is string => !!d);

function binary(name: string): string {
  for (const dir of BIN_DIRS) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return name; // hope it is on PATH
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root. */
function command(name: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', binary(name), ...args]] : [binary(name), args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

let databaseCounter = 0;

/** Synchronous stops of the servers still running in this process. */
const running = new Set<() => void>();
let hooked = false;

function hookProcessEnd(): void {
  if (hooked) return;
  hooked = true;
  const stopAll = () => {
    for (const stop of [...running]) stop();
  };
  process.once('exit', stopAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(code);
    });
  }
}

export interface StartPostgresOptions {
  /** fsync and synchronous commit on, as in production (benchmarks). Default: off, for speed. */
  durable?: boolean;
}

export async function startPostgres(o: StartPostgresOptions = {}): Promise<TestPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', root]);
  fs.chmodSync(root, 0o755);

  const [initCmd, initArgs] = command('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  try {
    await run(initCmd, initArgs);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`, { cause: err });
  }

  let port = 0;
  let started = false;
  let lastError = '';
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      `-c listen_addresses=127.0.0.1`,
      ...(o.durable ? [] : [`-c fsync=off`, `-c synchronous_commit=off`, `-c full_page_writes=off`]),
      `-c max_connections=100`,
      `-c shared_buffers=32MB`,
    ].join(' ');
    const [ctlCmd, ctlArgs] = command('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options, 'start']);
    try {
      await run(ctlCmd, ctlArgs);
      started = true;
    } catch (err) {
      lastError = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : (err as Error).message;
    }
  }
  if (!started) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${lastError}`);
  }

  const stopSync = () => {
    running.delete(stopSync);
    const [c, a] = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    try {
      execFileSync(c, a, { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  running.add(stopSync);
  hookProcessEnd();

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async createDatabase() {
      const name = `test_${process.pid}_${++databaseCounter}_${Math.random().toString(36).slice(2, 8)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(stopSync);
      const [c, a] = command('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      try {
        await run(c, a);
      } catch {
        /* already stopped */
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
