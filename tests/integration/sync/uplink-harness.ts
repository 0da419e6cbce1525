// Shared setup for the uplink integration tests: a real PostgreSQL server, the
// real central server (central/server.ts), a real hall SQLite file with the
// sync migration, a TCP proxy that can refuse connections or drop answers, and
// the uplink CLI as a child process that tests kill with SIGKILL.
// Nothing is mocked; only faults are injected (at the TCP level).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { EventLog } from '../../../hall/store/event-log.js';
import { withSyncMigration } from '../../../hall/sync/uplink/migrations.js';
import { resolveSyncSettings, syncConfigSchema, type SyncSettings } from '../../../hall/config/sync-schema.js';
import type { UplinkWorker, StepResult } from '../../../hall/sync/uplink/uplink-worker.js';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DAY = '2026-11-21';
export const T0 = Date.UTC(2026, 10, 21, 1, 0, 0);

export interface World {
  pg: TestPostgres;
  central: RunningCentral;
  hallId: string;
  token: string;
  dir: string;
  tokenFile: string;
  settings(over?: Partial<SyncSettings>, centralUrl?: string): SyncSettings & { centralUrl: string };
  openHall(file?: string): { db: Db; log: EventLog; file: string };
  /** Every event id central holds for the hall (interpreted, quarantined, parked), with where. */
  centralRows(): Promise<{ eventId: string; seq: number; stream: string; table: string }[]>;
  close(): Promise<void>;
}

let hallCounter = 0;

export async function startWorld(pg: TestPostgres, o: { rateLimit?: { burst: number; perSecond: number } | false; now?: () => number } = {}): Promise<World> {
  const databaseUrl = await pg.createDatabase();
  const central = await startCentralServer({ databaseUrl, rateLimit: o.rateLimit ?? false, now: o.now });
  const hallId = `hall-${process.pid}-${++hallCounter}`;
  const { token } = await central.addHall(hallId, '测试大厅', '150602');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-sync-'));
  const tokenFile = path.join(dir, 'sync-token');
  fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const opened: Db[] = [];
  return {
    pg,
    central,
    hallId,
    token,
    dir,
    tokenFile,
    settings(over = {}, centralUrl = central.url) {
      const s = resolveSyncSettings(syncConfigSchema.parse({ centralUrl, hallId, tokenFile, backoff: { baseMs: 10, capMs: 200 }, requestTimeoutSeconds: 10 }), { id: hallId }, dir);
      return { ...s, ...over, centralUrl: over.centralUrl ?? centralUrl };
    },
    openHall(file = path.join(dir, 'hall.sqlite')) {
      const db = openDatabase(file, withSyncMigration());
      db.prepare("INSERT INTO hall_meta (key, value) VALUES ('hall_id', ?) ON CONFLICT (key) DO NOTHING").run(hallId);
      opened.push(db);
      return { db, log: new EventLog(db), file };
    },
    async centralRows() {
      const r = await central.pool.query<{ event_id: string; seq: string; stream_id: string; t: string }>(
        `SELECT event_id::text, seq, stream_id, 'events' AS t FROM events WHERE hall_id = $1
         UNION ALL SELECT event_id::text, seq, stream_id, 'quarantine' FROM quarantine WHERE hall_id = $1
         UNION ALL SELECT event_id::text, seq, stream_id, 'parked' FROM parked WHERE hall_id = $1`,
        [hallId],
      );
      return r.rows.map((x) => ({ eventId: x.event_id, seq: Number(x.seq), stream: x.stream_id, table: x.t }));
    },
    async close() {
      for (const db of opened) if (db.open) db.close();
      await central.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The per-file lifecycle most uplink test files share; call it once at the top level of
 * the file. PostgreSQL starts before the file's tests and stops after them; what a test
 * registers is cleaned up after it, newest first. `world()` and `http()` register their
 * own cleanup; `cleanup()` registers anything else (a proxy, a database handle).
 */
export function useUplinkHarness(): {
  world(): Promise<World>;
  http(): ReturnType<typeof nodeHttpClient>;
  cleanup(c: () => Promise<void> | void): void;
} {
  let pg: TestPostgres;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  return {
    async world() {
      const w = await startWorld(pg);
      cleanups.push(() => w.close());
      return w;
    },
    http() {
      const c = nodeHttpClient();
      cleanups.push(() => c.close());
      return c;
    },
    cleanup(c) {
      cleanups.push(c);
    },
  };
}

/** Commits n valid events (counter_paused) in one transaction, `stepMs` apart from `startAt`. */
export function appendEvents(db: Db, log: EventLog, n: number, startAt = T0, stepMs = 1000, make?: (i: number) => { type: string; payload: Record<string, unknown>; day?: string }): number[] {
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const m = make?.(i) ?? { type: 'counter_paused', payload: { counterId: `c${i % 7}` } };
      ids.push(log.append(m.type, m.day ?? DAY, startAt + i * stepMs, m.payload).seq);
    }
  })();
  return ids;
}

export function hallIds(db: Db): string[] {
  return db.prepare('SELECT id FROM events ORDER BY seq').pluck().all() as string[];
}

/** Runs steps until the worker has nothing left to send; failures are retried at once (up to maxSteps). */
export async function drain(worker: UplinkWorker, maxSteps = 10_000): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const r = await worker.runStep();
    results.push(r);
    if (r.kind === 'idle' || (r.kind === 'sent' && !r.more)) return results;
    if (r.kind === 'blocked') throw new Error(`uplink blocked: ${r.message}`);
  }
  throw new Error(`not drained after ${maxSteps} steps: last ${JSON.stringify(results.at(-1))}`);
}

/** A TCP proxy in front of central that can refuse connections, or drop or cut off answers after the request went through. */
export class FaultyProxy {
  mode: 'pass' | 'refuse' | 'drop_response' = 'pass';
  /** Drop the answer to the next N requests whose first bytes match (then back to pass). */
  private dropNext = 0;
  private dropMatch = '';
  dropped = 0;
  /** Cut the answer to the next N requests whose first bytes match: 200 and half its body, no Content-Length, closed. */
  private truncateNext = 0;
  private truncateMatch = '';
  truncated = 0;
  requests: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private server!: net.Server;
  url = '';

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      if (this.mode === 'refuse') {
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(this.target.port), this.target.hostname);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      let dropThis = false;
      let truncateThis = false;
      let answer = Buffer.alloc(0);
      client.on('data', (chunk: Buffer) => {
        const head = chunk.toString('latin1', 0, Math.min(chunk.length, 200));
        if (/^(GET|POST) /.test(head)) {
          this.requests.push(head.split('\r\n')[0]!);
          dropThis = this.mode === 'drop_response' || (this.dropNext > 0 && head.includes(this.dropMatch));
          if (dropThis && this.dropNext > 0) this.dropNext--;
          truncateThis = !dropThis && this.truncateNext > 0 && head.includes(this.truncateMatch);
          if (truncateThis) this.truncateNext--;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (truncateThis) {
          // Wait for the whole answer (the server committed), then pass on a cut-off copy.
          answer = Buffer.concat([answer, chunk]);
          const text = answer.toString('utf8');
          const end = text.indexOf('\r\n\r\n');
          const length = Number(/content-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? NaN);
          if (end < 0 || Buffer.byteLength(text.slice(end + 4)) < length) return;
          const headers = text.slice(0, end).split('\r\n').filter((l) => !/^(content-length|connection|keep-alive):/i.test(l));
          const body = text.slice(end + 4);
          this.truncated++;
          client.end(`${headers.join('\r\n')}\r\nConnection: close\r\n\r\n${body.slice(0, body.length >> 1)}`);
          upstream.destroy();
          return;
        }
        if (dropThis) {
          // The server has answered (so it committed); the hall never hears of it.
          this.dropped++;
          client.destroy();
          upstream.destroy();
          return;
        }
        client.write(chunk);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  truncateAnswers(n: number, match: string): void {
    this.truncateNext = n;
    this.truncateMatch = match;
  }

  dropAnswers(n: number, match: string): void {
    this.dropNext = n;
    this.dropMatch = match;
  }

  /** Cuts every open connection (a network blip). */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Child {
  proc: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string;
  exited: Promise<number | null>;
}

/** The uplink CLI in a child process. */
export function spawnUplink(w: World, dbFile: string, extra: string[] = []): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'hall/sync/uplink/cli.ts'), '--db', dbFile, '--central', w.central.url, '--hall', w.hallId, '--token-file', w.tokenFile, '--quiet', ...extra], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = { proc, lines: [], stderr: '', exited: new Promise((resolve) => proc.on('exit', (code) => resolve(code))) };
  let buf = '';
  proc.stdout!.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        child.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        /* not a status line */
      }
    }
  });
  proc.stderr!.on('data', (c: Buffer) => (child.stderr += c.toString('utf8')));
  return child;
}

/** Polls until `check` is true (real time; for child processes). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function centralAck(w: World): Promise<number> {
  const r = await w.central.pool.query<{ a: string | null }>('SELECT max(ack_seq) AS a FROM streams WHERE hall_id = $1', [w.hallId]);
  return Number(r.rows[0]?.a ?? 0);
}

export { startPostgres };
