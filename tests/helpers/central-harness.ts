// A real central platform for tests of the whole hall service: PostgreSQL 15
// (tests/helpers/postgres.ts, started here unless one is handed in), the
// central server (central/server.ts) on a fixed port, one hall registered on
// it, and its token written into a hall data folder as `sync-token`, the way
// an installer would. The central server can be stopped and started again on
// the same port and database (the hall keeps its configured URL).
// Contract: startCentralHarness() resolves once central listens and the hall
// is registered; close() stops central and, when it started it, PostgreSQL.
// Reads go straight to central's tables (events / quarantine / parked) and
// through the operator API (overview, dataset publication), so tests check
// what central really holds.
// Dangers: the hall token and the operator token are secrets in real life;
// here they are test values and never logged. Restarting on the same port can
// fail if another process grabbed the port meanwhile (unlikely on loopback).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startCentralServer, type RunningCentral, type StartCentralOptions } from '../../central/server.js';
import { rotateHallToken } from '../../central/halls/registry.js';
import { call, type Reply } from '../integration/central/helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { tempDataDir } from './hall-harness.js';

export interface CentralEventRow {
  seq: number;
  eventId: string;
  type: string;
  stream: string;
  table: 'events' | 'quarantine' | 'parked';
}

export interface CentralHarness {
  pg: TestPostgres;
  databaseUrl: string;
  /** Stays the same across stop()/start(). */
  url: string;
  hallId: string;
  /** The hall's current token (a test value): issued at registration, replaced by rotateToken(). */
  readonly token: string;
  operatorToken: string;
  /** The running server, null while stopped. */
  readonly central: RunningCentral | null;
  readonly running: boolean;
  /** Writes the hall token to `<dataDir>/<file>` (mode 600), as `central add-hall` output is installed. */
  writeToken(dataDir: string, file?: string): void;
  /** A fresh temporary hall data folder holding the token file. */
  hallDataDir(): string;
  /** The hall configuration's `sync` section pointing at this central (extra keys merged in). */
  syncSection(extra?: Record<string, unknown>): Record<string, unknown>;
  /** `central rotate-token`: a new hall token, the old one refused from now on. Install it with writeToken(). */
  rotateToken(): Promise<string>;
  /** Stops central (the hall then sees refused connections). */
  stop(): Promise<void>;
  /** Starts central again on the same port and database. */
  start(): Promise<void>;
  /** Calls an operator route with the operator token. */
  operator<T = unknown>(method: string, route: string, body?: unknown): Promise<Reply<T>>;
  /** Publishes a dataset's full content (PUT, operator API); throws with central's reason on refusal. */
  publish(dataset: string, items: readonly unknown[]): Promise<{ version: number; changed: boolean; itemCount: number }>;
  /** Every (stream, seq) central holds for the hall, in interpreted, quarantined or parked form (readable while central is stopped). */
  rows(): Promise<CentralEventRow[]>;
  close(): Promise<void>;
}

export interface CentralHarnessOptions {
  /** A running PostgreSQL to use (a fresh database is created on it); else one is started and stopped by close(). */
  pg?: TestPostgres;
  hallId: string;
  hallName?: string;
  areaCode?: string;
  operatorToken?: string;
  /** The provincial 好差评 system central forwards ratings to (e.g. the provincial emulator). */
  provincial?: StartCentralOptions['provincial'];
  /** The phone routes' settings (staleness limit, public rate limit; docs/phone.md). */
  phone?: StartCentralOptions['phone'];
}

export async function startCentralHarness(o: CentralHarnessOptions): Promise<CentralHarness> {
  const ownPg = !o.pg;
  const postgres = o.pg ?? (await startPostgres());
  try {
    const databaseUrl = await postgres.createDatabase();
    /** The harness's own connections: central's tables stay readable while central is stopped. */
    const reader = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const operatorToken = o.operatorToken ?? 'operator-test-token';
    const boot = (port?: number) => startCentralServer({ databaseUrl, operatorToken, rateLimit: false, provincial: o.provincial, phone: o.phone, ...(port ? { port } : {}) });
    let central: RunningCentral | null = await boot();
    const url = central.url;
    const port = Number(new URL(url).port);
    let { token } = await central.addHall(o.hallId, o.hallName ?? `${o.hallId} 政务服务中心`, o.areaCode);

    const h: CentralHarness = {
      pg: postgres,
      databaseUrl,
      url,
      hallId: o.hallId,
      get token() {
        return token;
      },
      operatorToken,
      get central() {
        return central;
      },
      get running() {
        return central !== null;
      },
      writeToken(dataDir, file = 'sync-token') {
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(path.join(dataDir, file), `${token}\n`, { mode: 0o600 });
      },
      hallDataDir() {
        const dir = tempDataDir();
        h.writeToken(dir);
        return dir;
      },
      syncSection(extra = {}) {
        return { centralUrl: url, hallId: o.hallId, ...extra };
      },
      async rotateToken() {
        token = (await rotateHallToken(reader, o.hallId)).token;
        return token;
      },
      async stop() {
        const c = central;
        central = null;
        await c?.close();
      },
      async start() {
        if (central) return;
        central = await boot(port);
      },
      operator(method, route, body) {
        return call(url, method, route, { token: operatorToken, ...(body !== undefined ? { body } : {}) });
      },
      async publish(dataset, items) {
        const r = await h.operator<{ version: number; changed: boolean; itemCount: number; error?: { message: string } }>('PUT', `/v1/halls/${o.hallId}/datasets/${dataset}`, { items });
        if (r.status !== 200) throw new Error(`publishing ${dataset} failed: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      },
      async rows() {
        const r = await reader.query<{ event_id: string; seq: string; stream_id: string; type: string | null; t: CentralEventRow['table'] }>(
          `SELECT event_id::text, seq, stream_id, type, 'events' AS t FROM events WHERE hall_id = $1
           UNION ALL SELECT event_id::text, seq, stream_id, type, 'quarantine' FROM quarantine WHERE hall_id = $1
           UNION ALL SELECT event_id::text, seq, stream_id, type, 'parked' FROM parked WHERE hall_id = $1
           ORDER BY seq`,
          [o.hallId],
        );
        return r.rows.map((x) => ({ seq: Number(x.seq), eventId: x.event_id, type: x.type ?? '', stream: x.stream_id, table: x.t }));
      },
      async close() {
        await h.stop();
        await reader.end();
        if (ownPg) await postgres.stop();
      },
    };
    return h;
  } catch (err) {
    if (ownPg) await postgres.stop();
    throw err;
  }
}
