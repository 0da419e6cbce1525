// The downlink end to end: a real central server on a real PostgreSQL 15, a
// hall SQLite file, the DownlinkWorker over real HTTP. Failures are made the
// way they happen: central closed mid-snapshot, the network cut, history
// compacted while the hall is away, a tampered checksum or item in central's
// database, central restored from an older backup, the hall stopped between
// snapshot pages.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import { demoCatalog, syntheticCatalog } from '../../../central/datasets/demo-catalog.js';
import { demoAppointments, demoCounters, demoGreenRules, demoNotices, demoRatingIndicators, demoStaff, type DemoHallConfig } from '../../../central/datasets/demo-datasets.js';
import { publishDataset } from '../../../central/datasets/publish.js';
import { compactDataset } from '../../../central/datasets/serve.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { migration0005 } from '../../../hall/store/migrations/0005-datasets.js';
import { HttpTransportError, nodeHttpClient, type HttpClient } from '../../../protocol/sync/http-client.js';
import { DownlinkClient } from '../../../hall/sync/downlink/central-client.js';
import { DownlinkWorker, type DownlinkWorkerDeps } from '../../../hall/sync/downlink/worker.js';
import { DatasetReader } from '../../../hall/sync/downlink/dataset-reader.js';
import { IdentitySealer } from '../../../hall/identity/sealer.js';
import { datasetChecksum } from '../../../protocol/central/downlink/canonical.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { Router } from '../../../hall/api/router.js';
import { guideRoutes } from '../../../hall/api/routes/guides.js';
import { emptyLocalCatalog } from '../../../hall/guides/local-catalog.js';
import type { ApiDeps } from '../../../hall/api/routes/deps.js';
import { PinLockout, StaffSessions, TerminalRegistry } from '../../../hall/auth/tokens.js';
import type { HallConfig } from '../../../hall/config/schema.js';
import type { Guide } from '../../../protocol/central/downlink/schemas.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';

const cfg = demoHall as unknown as DemoHallConfig & Parameters<typeof demoCatalog>[0] & { hall: { id: string } };
const HALL_ID = cfg.hall.id;
const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);
const DAY_RULE = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
const OPERATOR = 'operator-secret';

let pg: TestPostgres;
const http1 = nodeHttpClient({ maxResponseBytes: 64 * 1024 * 1024 });
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  http1.close();
  await pg?.stop();
});

/** Hall migrations up to and with 0005, whether or not the lead has listed it yet. */
const hallMigrations = [...migrations.filter((m) => m.version < 5), migration0005];

interface World {
  central: RunningCentral;
  databaseUrl: string;
  token: string;
  clock: ManualTimers;
  db: Db;
  dbFile: string;
  /** home_visits contacts are stored sealed with it. */
  sealer: IdentitySealer;
  reader: DatasetReader;
  /** Requests the hall made, in order (path + query). */
  requests: string[];
  /** When false the hall's network is cut: every request fails like an unplugged cable. */
  online: boolean;
  /** Runs after each answer arrives (tests close central or stall the hall here). */
  afterAnswer: ((url: string, n: number) => Promise<void>) | null;
  worker(o?: { pageSize?: number; datasets?: DownlinkWorkerDeps['datasets'] }): DownlinkWorker;
  restartCentral(o?: { samePort?: boolean; databaseUrl?: string }): Promise<void>;
  close(): Promise<void>;
}

async function world(o: { centralNow?: () => number } = {}): Promise<World> {
  const databaseUrl = await pg.createDatabase();
  const clock = new ManualTimers(T0);
  const start = (url: string, port?: number) => startCentralServer({ databaseUrl: url, operatorToken: OPERATOR, rateLimit: false, now: o.centralNow ?? (() => clock.now()), ...(port ? { port } : {}) });
  const central = await start(databaseUrl);
  const { token } = await central.addHall(HALL_ID, cfg.hall.name, cfg.hall.areaCode);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-downlink-'));
  const dbFile = path.join(dir, 'hall.db');
  const db = openDatabase(dbFile, hallMigrations);
  const sealer = IdentitySealer.fromDataDir(dir);
  const w: World = {
    central,
    databaseUrl,
    token,
    clock,
    db,
    dbFile,
    sealer,
    reader: new DatasetReader(db, DAY_RULE, sealer),
    requests: [],
    online: true,
    afterAnswer: null,
    worker(opts = {}) {
      const client: HttpClient = async (req) => {
        const u = new URL(req.url);
        w.requests.push(u.pathname + u.search);
        if (!w.online) throw new HttpTransportError('network', `cannot reach ${u.host}: ENETUNREACH`, false);
        const base = new URL(w.central.url);
        const res = await http1({ ...req, url: `${base.origin}${u.pathname}${u.search}` });
        if (w.afterAnswer) await w.afterAnswer(u.pathname + u.search, w.requests.length);
        return res;
      };
      return new DownlinkWorker({
        db: w.db,
        client: new DownlinkClient(client, { baseUrl: 'http://central.invalid', hallId: HALL_ID, token: w.token }, 10_000),
        timers: clock,
        sealer: w.sealer,
        random: () => 0.5,
        pageSize: opts.pageSize ?? 10,
        ...(opts.datasets ? { datasets: opts.datasets } : {}),
        log: () => undefined,
      });
    },
    async restartCentral(r = {}) {
      const port = r.samePort ? Number(new URL(w.central.url).port) : undefined;
      await w.central.close().catch(() => undefined);
      w.central = await start(r.databaseUrl ?? w.databaseUrl, port);
    },
    async close() {
      await w.central.close().catch(() => undefined);
      w.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return w;
}

const publish = (w: World, dataset: Parameters<typeof publishDataset>[2], items: unknown[]) =>
  publishDataset(w.central.pool, HALL_ID, dataset, { mode: 'replace', items }, w.clock.now());

async function operator(w: World, method: string, route: string, body?: unknown): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  const res = await fetch(`${w.central.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never };
}

function served(w: World, dataset: string): { key: string; value: unknown }[] {
  return (w.db.prepare('SELECT key, value FROM dataset_items WHERE dataset = ? ORDER BY key').all(dataset) as { key: string; value: string }[]).map((r) => ({
    key: r.key,
    value: JSON.parse(r.value) as unknown,
  }));
}

const catalog = () => demoCatalog(cfg);
const codeOf = (g: Guide) => g.code;

/** Runs one test in a fresh world, closed however the test ends. */
async function withWorld(test: (w: World) => Promise<void>): Promise<void> {
  const w = await world();
  try {
    await test(w);
  } finally {
    await w.close();
  }
}

/** Central publishes the demo catalog and a new worker syncs it: the hall's starting point. */
async function syncedCatalog(w: World, o?: Parameters<World['worker']>[0]): Promise<{ worker: DownlinkWorker; before: { key: string; value: unknown }[] }> {
  await publish(w, 'catalog', catalog());
  const worker = w.worker(o);
  await worker.syncOnce();
  return { worker, before: served(w, 'catalog') };
}

/** Central publishes `count` synthetic guides as the next catalog and compacts its history, so the hall must load a snapshot. */
async function publishCompacted(w: World, count: number): Promise<Guide[]> {
  const synthetic = syntheticCatalog(count);
  await publish(w, 'catalog', synthetic);
  await compactDataset(w.central.pool, HALL_ID, 'catalog');
  return synthetic;
}

const publishChanges = (w: World, upserts: Guide[]) =>
  publishDataset(w.central.pool, HALL_ID, 'catalog', { mode: 'changes', upserts, deletes: [] }, w.clock.now());

/** Overwrites the checksum central keeps for a catalog version. */
const setCatalogChecksum = (w: World, version: number, checksum: string) =>
  w.central.pool.query(`UPDATE dataset_versions SET checksum = $1 WHERE hall_id = $2 AND dataset = 'catalog' AND version = $3`, [checksum, HALL_ID, version]);

const shadowItems = (w: World) => w.db.prepare('SELECT count(*) FROM dataset_shadow_items').pluck().get();
const sortedCodes = (guides: Guide[]) => guides.map(codeOf).sort();
const servedCodes = (w: World) => w.reader.catalog().map(codeOf);

describe('downlink: hall ⇄ central over HTTP and PostgreSQL', () => {
  it('first sync brings every dataset; the reader serves them; a delta then applies whole', () =>
    withWorld(async (w) => {
      await publish(w, 'catalog', catalog());
      await publish(w, 'counters', demoCounters(cfg));
      await publish(w, 'staff', demoStaff(cfg));
      await publish(w, 'green_rules', demoGreenRules(cfg));
      await publish(w, 'rating_indicators', demoRatingIndicators());
      await publish(w, 'notices', demoNotices());
      const nineAm = Date.UTC(2026, 10, 23, 1, 0, 0);
      await publish(w, 'appointments', demoAppointments(cfg, nineAm, 12));
      const visit = { id: 'hv-1', matterCode: cfg.matters[0]!.code, reason: '卧床', contact: { name: '张三', phone: '13812345678', address: '幸福路8号' }, filedAt: nineAm, via: 'web' };
      await publish(w, 'home_visits', [visit]);

      const worker = w.worker();
      const first = await worker.syncOnce();
      expect(first.map((o) => o.result)).toEqual(Array(8).fill('applied'));
      expect(w.reader.homeVisitRequests()).toEqual([visit]);
      expect(w.reader.catalog().map(codeOf)).toEqual(cfg.matters.map((m) => m.code).sort());
      expect(w.reader.guideOf('150602-BDC-0001')?.materials.map((m) => m.name)).toContain('存量房买卖合同');
      expect(w.reader.appointmentsOn('2026-11-23')).toHaveLength(12);
      expect(w.reader.appointmentsOn('2026-11-24')).toHaveLength(0);
      const apt = demoAppointments(cfg, nineAm, 12)[4]!;
      expect(w.reader.appointmentByCode(apt.appointmentCode)?.id).toBe(apt.id);
      expect(w.reader.staff()[0]).not.toHaveProperty('pinHash');
      expect(w.reader.ratingIndicators().length).toBe(6);
      expect(worker.status().datasets.every((d) => d.state === 'ok')).toBe(true);

      // Second round: nothing new, each dataset confirmed current by version and checksum.
      expect((await worker.syncOnce()).map((o) => o.result)).toEqual(Array(8).fill('current'));

      // A change set: one guide edited, one removed, one added.
      const edited = structuredClone(catalog()[0]!);
      edited.timeLimits.promised = { value: 3, unit: 'working_days' };
      const added = syntheticCatalog(1)[0]!;
      const r = await operator(w, 'POST', `/v1/halls/${HALL_ID}/datasets/catalog/changes`, { upserts: [edited, added], deletes: ['150602-ZH-0002'] });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ version: 2, changed: true, upserts: 2, deletes: 1 });
      const out = await worker.syncOnce();
      expect(out[0]).toMatchObject({ dataset: 'catalog', result: 'applied', fromVersion: 1, version: 2, changes: 3 });
      expect(w.reader.guideOf(edited.code)?.timeLimits.promised).toEqual({ value: 3, unit: 'working_days' });
      expect(w.reader.guideOf('150602-ZH-0002')).toBeNull();
      expect(w.reader.guideOf(added.code)?.name).toBe(added.name);
      // The hall's content is exactly central's version 2.
      const expected = catalog().filter((g) => g.code !== '150602-ZH-0002' && g.code !== edited.code).concat([edited, added]);
      expect(datasetChecksum(served(w, 'catalog'))).toBe(datasetChecksum(expected.map((g) => ({ key: g.code, value: g }))));
    }));

  it('a corrupt item in a delta refuses the whole delta with its reason; old data stays until central fixes it', () =>
    withWorld(async (w) => {
      const { worker, before } = await syncedCatalog(w);

      const a = structuredClone(catalog()[1]!);
      a.hours = '工作日 9:00—17:00';
      const b = structuredClone(catalog()[2]!);
      b.hours = '工作日 8:30—17:30';
      await publishChanges(w, [a, b]);
      // Corrupt b in central's database, the way a faulty import or a bug would.
      const corrupt = structuredClone(b);
      corrupt.materials[0]!.name = '其他材料';
      await w.central.pool.query(`UPDATE dataset_items SET value = $1 WHERE hall_id = $2 AND dataset = 'catalog' AND key = $3 AND valid_to IS NULL`, [
        JSON.stringify(corrupt),
        HALL_ID,
        b.code,
      ]);

      const [out] = await worker.syncOnce();
      expect(out).toMatchObject({ dataset: 'catalog', result: 'refused', code: 'invalid_item' });
      expect(out!.result === 'refused' && out!.reason).toContain('其他材料');
      expect(out!.result === 'refused' && out!.reason).toContain(b.code);
      // Nothing of the delta applied — not even the valid item a.
      expect(served(w, 'catalog')).toEqual(before);
      const st = worker.status().datasets.find((d) => d.dataset === 'catalog')!;
      expect(st).toMatchObject({ state: 'refused', version: 1, lastError: { code: 'invalid_item' } });
      expect(st.lastError!.message).toContain('其他材料');

      // The operator publishes the fixed guide: the next delta (1→3) applies.
      const fixed = structuredClone(b);
      fixed.hours = '工作日 8:30—18:00';
      await publishChanges(w, [fixed]);
      const [again] = await worker.syncOnce();
      expect(again).toMatchObject({ result: 'applied', fromVersion: 1, version: 3 });
      expect(w.reader.guideOf(a.code)?.hours).toBe(a.hours);
      expect(w.reader.guideOf(b.code)?.hours).toBe(fixed.hours);
      expect(worker.status().datasets[0]).toMatchObject({ state: 'ok', lastError: null });
    }));

  it('a checksum mismatch is refused and rolled back; the snapshot retry is refused too; old data serves until central is right', () =>
    withWorld(async (w) => {
      const { worker, before } = await syncedCatalog(w);

      const edited = structuredClone(catalog()[0]!);
      edited.location = '二楼B区';
      const v2 = await publishChanges(w, [edited]);
      await setCatalogChecksum(w, 2, '0'.repeat(64));

      const [out] = await worker.syncOnce();
      expect(out).toMatchObject({ result: 'refused', code: 'checksum_mismatch' });
      expect(served(w, 'catalog')).toEqual(before);
      expect(w.reader.versionOf('catalog').version).toBe(1);

      // Next round tries a snapshot (the hall no longer trusts deltas); it does not match either.
      w.requests.length = 0;
      const [snap] = await worker.syncOnce();
      expect(w.requests.some((r) => r.includes('/snapshot'))).toBe(true);
      expect(snap).toMatchObject({ result: 'refused', code: 'checksum_mismatch' });
      expect(served(w, 'catalog')).toEqual(before);
      expect(shadowItems(w)).toBe(0);

      await setCatalogChecksum(w, 2, v2.checksum);
      const [fixed] = await worker.syncOnce();
      expect(fixed).toMatchObject({ result: 'snapshot_loaded', version: 2, items: before.length });
      expect(w.reader.guideOf(edited.code)?.location).toBe('二楼B区');
    }));

  it('central closed mid-snapshot: the old catalog keeps serving; after restart the snapshot resumes where it stopped', () =>
    withWorld(async (w) => {
      const { worker } = await syncedCatalog(w, { pageSize: 10 });
      const synthetic = await publishCompacted(w, 60);

      let pages = 0;
      w.afterAnswer = async (url) => {
        if (url.includes('/catalog/snapshot') && ++pages === 3) await w.central.close();
      };
      const [out] = await worker.syncOnce();
      // Refused (offline) or cut mid-request (connection_lost): either way worth another round.
      expect(out).toMatchObject({ result: 'failed', transient: true, code: expect.stringMatching(/^(offline|connection_lost)$/) });
      // The old catalog serves, the new one is half-loaded in the shadow table.
      expect(servedCodes(w)).toEqual(sortedCodes(catalog()));
      expect(w.reader.guideOf(synthetic[0]!.code)).toBeNull();
      const st = worker.status().datasets[0]!;
      expect(st).toMatchObject({ state: 'failed', version: 1, snapshot: { version: 2, loaded: 30, total: 60 } });

      w.afterAnswer = null;
      await w.restartCentral({ samePort: true });
      w.requests.length = 0;
      const [resumed] = await worker.syncOnce();
      expect(resumed).toMatchObject({ result: 'snapshot_loaded', version: 2, items: 60 });
      const catalogRequests = w.requests.filter((r) => r.includes('/catalog'));
      // Three more pages, all pinned to version 2, the first one after the last stored key.
      expect(catalogRequests).toHaveLength(3);
      expect(catalogRequests.every((r) => r.includes('version=2'))).toBe(true);
      expect(catalogRequests[0]).toContain(`after=${encodeURIComponent(synthetic.map(codeOf).sort()[29]!)}`);
      expect(servedCodes(w)).toEqual(sortedCodes(synthetic));
      expect(shadowItems(w)).toBe(0);
    }));

  it('hall stopped mid-snapshot: after restart the old data serves and the snapshot completes', () =>
    withWorld(async (w) => {
      await syncedCatalog(w);
      const synthetic = await publishCompacted(w, 45);

      // The hall "dies" while the second page is arriving: it never stores it.
      let pages = 0;
      w.afterAnswer = async (url) => {
        if (url.includes('/snapshot') && ++pages === 2) await new Promise(() => undefined);
      };
      void w.worker({ pageSize: 10 }).syncOnce();
      await vi.waitFor(() => expect(pages).toBe(2));
      w.db.close();

      // Restart: a new process would open the same file.
      w.db = openDatabase(w.dbFile, hallMigrations);
      w.reader = new DatasetReader(w.db, DAY_RULE, w.sealer);
      w.afterAnswer = null;
      expect(servedCodes(w)).toEqual(sortedCodes(catalog()));
      const worker = w.worker({ pageSize: 10 });
      expect(worker.status().datasets[0]!.snapshot).toEqual({ version: 2, loaded: 10, total: 45 });
      const [out] = await worker.syncOnce();
      expect(out).toMatchObject({ result: 'snapshot_loaded', version: 2, items: 45 });
      expect(servedCodes(w)).toEqual(sortedCodes(synthetic));
    }));

  it('stop() during a snapshot ends it between pages (no page fetched after), and the next start resumes it', () =>
    withWorld(async (w) => {
      await syncedCatalog(w, { datasets: ['catalog'] });
      const synthetic = await publishCompacted(w, 45);

      const worker = w.worker({ pageSize: 5, datasets: ['catalog'] });
      let pages = 0;
      let stopped: Promise<void> | null = null;
      w.afterAnswer = async (url) => {
        if (url.includes('/snapshot') && ++pages === 2) stopped = worker.stop(); // shutdown while page 2 arrives
      };
      const [out] = await worker.syncOnce();
      await stopped;
      expect(pages).toBe(2); // 9 pages in all: none fetched after stop()
      expect(out).toMatchObject({ result: 'failed', code: 'stopped' });
      expect(worker.status().datasets[0]).toMatchObject({ state: 'loading_snapshot', lastError: null, snapshot: { loaded: 10, total: 45 } });
      expect(servedCodes(w)).toEqual(sortedCodes(catalog())); // old data still serves

      w.afterAnswer = null;
      const [again] = await w.worker({ pageSize: 5, datasets: ['catalog'] }).syncOnce();
      expect(again).toMatchObject({ result: 'snapshot_loaded', items: 45 });
      expect(servedCodes(w)).toEqual(sortedCodes(synthetic));
    }));

  it('must-refetch while offline: retries with growing backoff, serves old data, loads the snapshot once back online', () =>
    withWorld(async (w) => {
      const { worker } = await syncedCatalog(w, { datasets: ['catalog'] });

      w.online = false;
      const newer = catalog().map((g) => ({ ...g, hours: '周一至周六 9:00—17:00' }));
      await publish(w, 'catalog', newer);
      await publish(w, 'catalog', newer.slice(1));
      await compactDataset(w.central.pool, HALL_ID, 'catalog');

      worker.start();
      const delays: number[] = [];
      for (let i = 1; i <= 3; i++) {
        const before = w.clock.now();
        w.clock.advance(worker.status().nextAttemptAt! - before);
        await vi.waitFor(() => expect(worker.status().consecutiveFailures).toBe(i));
        delays.push(worker.status().nextAttemptAt! - w.clock.now());
      }
      // Full jitter with random()=0.5: half of 1 s, 2 s, 4 s.
      expect(delays).toEqual([500, 1000, 2000]);
      expect(worker.status().datasets[0]).toMatchObject({ state: 'failed', version: 1, lastError: { code: 'offline' } });
      expect(w.reader.guideOf(catalog()[0]!.code)?.hours).toBe(catalog()[0]!.hours);

      w.online = true;
      w.clock.advance(worker.status().nextAttemptAt! - w.clock.now());
      await vi.waitFor(() => expect(worker.status().datasets[0]!.version).toBe(3));
      expect(worker.status().consecutiveFailures).toBe(0);
      expect(w.requests.some((r) => r.includes('/snapshot'))).toBe(true);
      expect(w.reader.guideOf(catalog()[0]!.code)).toBeNull();
      expect(w.reader.guideOf(catalog()[1]!.code)?.hours).toBe('周一至周六 9:00—17:00');
      await worker.stop();
    }));

  it('central restored from an older backup: the older version is refused, then central moves past it and the hall heals', () =>
    withWorld(async (w) => {
      await publish(w, 'catalog', catalog());
      await publish(w, 'catalog', catalog().slice(1));
      await publish(w, 'catalog', catalog().slice(2));
      const worker = w.worker();
      await worker.syncOnce();
      expect(w.reader.versionOf('catalog').version).toBe(3);
      const before = served(w, 'catalog');

      // The restored central only reached version 1.
      const restoredUrl = await pg.createDatabase();
      await w.restartCentral({ databaseUrl: restoredUrl });
      w.token = (await w.central.addHall(HALL_ID, cfg.hall.name)).token;
      await publish(w, 'catalog', catalog());
      const restored = w.worker();

      const [out] = await restored.syncOnce();
      expect(out).toMatchObject({ result: 'refused', code: 'version_regression' });
      expect(served(w, 'catalog')).toEqual(before);
      expect(restored.status().datasets[0]).toMatchObject({ state: 'refused', version: 3 });

      // Operators publish on; once central is past the hall's version, the snapshot the hall still owes is loaded.
      const guide = structuredClone(catalog()[5]!);
      guide.location = '三楼';
      for (const items of [catalog().slice(0, 20), catalog().slice(0, 21), catalog().slice(0, 21).map((g, i) => (i === 5 ? guide : g))]) await publish(w, 'catalog', items);
      const results: string[] = [];
      for (let i = 0; i < 3 && w.reader.versionOf('catalog').version !== 4; i++) results.push((await restored.syncOnce())[0]!.result);
      expect(w.reader.versionOf('catalog').version).toBe(4);
      expect(results.at(-1)).toBe('snapshot_loaded');
      expect(w.reader.catalog()).toHaveLength(21);
      expect(w.reader.guideOf(guide.code)?.location).toBe('三楼');
    }));

  it('GET /api/v1/matters/:matterId/guide answers the one-time notice, or 404 guide_not_available', async () => {
    const w = await world();
    const server = http.createServer();
    try {
      const withoutOne = catalog().filter((g) => g.code !== '150602-SW-0004');
      await publish(w, 'catalog', withoutOne);
      await w.worker().syncOnce();

      const dataDir = path.dirname(w.dbFile);
      const terminals = new TerminalRegistry(w.db);
      const tokens = terminals.registerConfigured((demoHall as unknown as HallConfig).terminals, dataDir, T0);
      const deps = { config: demoHall as unknown as HallConfig, terminals, sessions: new StaffSessions(w.db), lockout: new PinLockout(), staffByNo: new Map(), now: () => w.clock.now(), publicUrl: () => '' } as unknown as ApiDeps;
      const router = new Router(deps);
      guideRoutes(router, { ...deps, reader: w.reader, local: emptyLocalCatalog });
      server.on('request', (req, res) => void router.handle(req, res, new URL(req.url!, 'http://hall')));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const kiosk = [...tokens.entries()].find(([id]) => (demoHall as unknown as HallConfig).terminals.find((t) => t.id === id)?.role === 'kiosk')!;
      const get = async (matterId: string, token?: string) => {
        const res = await fetch(`${base}/api/v1/matters/${matterId}/guide`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
      };

      const ok = await get('bdc-01', kiosk[1]);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ matterId: 'bdc-01', matterCode: '150602-BDC-0001', catalogVersion: 1 });
      const materials = ok.body.materials as { name: string; required: boolean }[];
      expect(materials.map((m) => m.name)).toEqual(expect.arrayContaining(['不动产登记申请书', '存量房买卖合同', '婚姻状况证明']));
      expect(materials.at(-1)!.required).toBe(false);

      expect((await get('sw-04', kiosk[1])).body.error?.code).toBe('guide_not_available');
      expect((await get('no-such', kiosk[1])).body.error?.code).toBe('unknown_matter');
      expect((await get('bdc-01')).status).toBe(401);
    } finally {
      server.close();
      await w.close();
    }
  });
});
