// Property: whatever interleaving of local commits, sends, crashes (also
// mid-send, after central committed), refused connections, lost answers and
// cut connections happens, once the network is back and the uplink drains,
// central holds exactly the hall's events — each once — and the hall's cursor
// is at its last seq. Real central server + PostgreSQL; faults are injected by
// a TCP proxy; a "crash" drops the worker and its SQLite connection mid-way
// (what SIGKILL leaves: only what was committed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import { UplinkWorker } from '../../../hall/sync/uplink/uplink-worker.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { EventLog } from '../../../hall/store/event-log.js';
import { withSyncMigration } from '../../../hall/sync/uplink/migrations.js';
import { resolveSyncSettings, syncConfigSchema } from '../../../hall/config/sync-schema.js';
import { systemTimers } from '../../../hall/runtime/timers.js';
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import type { TestPostgres } from '../../helpers/postgres.js';
import { appendEvents, FaultyProxy, hallIds, startPostgres } from './uplink-harness.js';

let pg: TestPostgres;
let central: RunningCentral;
let proxy: FaultyProxy;
const http = nodeHttpClient();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-sync-prop-'));

beforeAll(async () => {
  pg = await startPostgres();
  central = await startCentralServer({ databaseUrl: await pg.createDatabase(), rateLimit: false });
  proxy = new FaultyProxy(new URL(central.url));
  await proxy.start();
});
afterAll(async () => {
  http.close();
  await proxy?.close();
  await central?.close();
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Action =
  | { kind: 'append'; n: number }
  | { kind: 'step' }
  | { kind: 'crash' }
  | { kind: 'crash_mid_send' }
  | { kind: 'refuse' }
  | { kind: 'lose_answer' }
  | { kind: 'cut' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => ({ kind: 'append' as const, n })), weight: 3 },
  { arbitrary: fc.constant({ kind: 'step' as const }), weight: 5 },
  { arbitrary: fc.constant({ kind: 'crash' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'crash_mid_send' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'refuse' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'lose_answer' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'cut' as const }), weight: 1 },
);

let run = 0;

async function scenario(actions: Action[]): Promise<void> {
  const hallId = `prop-${++run}`;
  const { token } = await central.addHall(hallId, '性质测试大厅');
  const file = path.join(dir, `${hallId}.sqlite`);
  const settings = { ...resolveSyncSettings(syncConfigSchema.parse({ centralUrl: proxy.url, hallId, batch: { maxEvents: 7 } }), { id: hallId }, dir), centralUrl: proxy.url, requestTimeoutMs: 5000 };
  let db: Db = openDatabase(file, withSyncMigration());
  let log = new EventLog(db, { node: hallId });
  const newWorker = () => new UplinkWorker({ db, http, timers: systemTimers, settings, token: () => token, random: () => 0.5 });
  let worker = newWorker();
  const crash = () => {
    db.close(); // what SIGKILL leaves: the committed state only
    db = openDatabase(file, withSyncMigration());
    log = new EventLog(db, { node: hallId });
    worker = newWorker();
  };
  let at = Date.UTC(2026, 10, 21, 1);
  try {
    for (const a of actions) {
      proxy.mode = 'pass';
      switch (a.kind) {
        case 'append':
          appendEvents(db, log, a.n, at, 1000);
          at += a.n * 1000;
          break;
        case 'step':
          await worker.runStep();
          break;
        case 'crash':
          crash();
          break;
        case 'crash_mid_send':
          proxy.mode = 'drop_response';
          await worker.runStep();
          crash();
          break;
        case 'refuse':
          proxy.mode = 'refuse';
          await worker.runStep();
          break;
        case 'lose_answer':
          proxy.mode = 'drop_response';
          await worker.runStep();
          break;
        case 'cut':
          proxy.cutAll();
          break;
      }
    }
    proxy.mode = 'pass';
    worker = newWorker(); // a restart at the end too: the cursor is asked from central
    for (let i = 0; i < 500; i++) {
      const r = await worker.runStep();
      if (r.kind === 'idle' || (r.kind === 'sent' && !r.more)) break;
      if (r.kind === 'blocked') throw new Error(r.message);
    }
    const ids = hallIds(db);
    const rows = await central.pool.query<{ event_id: string }>(
      'SELECT event_id::text FROM events WHERE hall_id = $1 UNION ALL SELECT event_id::text FROM quarantine WHERE hall_id = $1 UNION ALL SELECT event_id::text FROM parked WHERE hall_id = $1',
      [hallId],
    );
    const held = rows.rows.map((r) => r.event_id);
    expect(held.length).toBe(ids.length);
    expect(new Set(held)).toEqual(new Set(ids));
    const stream = db.prepare("SELECT value FROM sync_meta WHERE key = 'stream'").pluck().get() as string | undefined;
    if (ids.length > 0) expect(db.prepare('SELECT ack_seq FROM sync_cursor WHERE stream = ?').pluck().get(stream)).toBe(ids.length);
  } finally {
    if (db.open) db.close();
  }
}

describe('uplink under any interleaving of crashes, disconnects and retries', () => {
  it('ends with central and hall in agreement, without duplicates', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 25 }), scenario), { numRuns: 30, endOnFailure: true });
  });
});
