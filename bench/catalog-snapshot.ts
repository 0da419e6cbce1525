// Benchmark: a hall loads a 5,000-matter catalog (complete 办事指南) as a
// paged snapshot from a real central server on a real PostgreSQL 15, then
// applies a 100-guide delta. The hall side runs in a child process so its
// peak RSS is its own (central and PostgreSQL are elsewhere).
// Prints figures; asserts nothing. Usage: node --import tsx bench/catalog-snapshot.ts [matters] [pageSize]
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mib } from './stats.js';

const self = fileURLToPath(import.meta.url);

interface ChildReport {
  baselineRssBytes: number;
  snapshotMs: number;
  items: number;
  peakRssBytes: number;
  bytesReceived: number;
  pages: number;
  deltaMs: number;
  deltaChanges: number;
  guideLookupUs: number;
  dbBytes: number;
}

async function parent(): Promise<void> {
  const n = Number(process.argv[2] ?? 5000);
  const pageSize = Number(process.argv[3] ?? 500);
  const { startPostgres } = await import('../tests/helpers/postgres.js');
  const { startCentralServer } = await import('../central/server.js');
  const { syntheticCatalog } = await import('../central/datasets/demo-catalog.js');
  const { publishDataset } = await import('../central/datasets/publish.js');
  const { compactDataset } = await import('../central/datasets/serve.js');
  const pg = await startPostgres();
  const central = await startCentralServer({ databaseUrl: await pg.createDatabase(), rateLimit: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-downlink-'));
  try {
    const { token } = await central.addHall('bench-hall', '基准测试政务服务中心', '150602');
    const catalog = syntheticCatalog(n);
    const json = JSON.stringify(catalog);
    let t0 = performance.now();
    const published = await publishDataset(central.pool, 'bench-hall', 'catalog', { mode: 'replace', items: catalog }, Date.now());
    const publishMs = performance.now() - t0;
    // Compact so the hall (at version 0) is told must_refetch and pages a snapshot.
    await compactDataset(central.pool, 'bench-hall', 'catalog');

    const child = fork(self, ['--child', central.url, token, path.join(dir, 'hall.db'), String(pageSize)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const report = await new Promise<ChildReport>((resolve, reject) => {
      child.on('message', (m) => {
        if ((m as { type: string }).type === 'ready-for-delta') {
          // 100 guides change while the hall runs: the next round is a delta.
          const changed = catalog.slice(0, 100).map((g) => ({ ...g, hours: '周一至周日 8:00—20:00' }));
          publishDataset(central.pool, 'bench-hall', 'catalog', { mode: 'changes', upserts: changed, deletes: [] }, Date.now()).then(
            () => child.send('go'),
            reject,
          );
        } else resolve(m as ChildReport);
      });
      child.on('exit', (code) => code !== 0 && reject(new Error(`hall child exited with ${code}`)));
    });
    t0 = performance.now();

    console.log(`catalog: ${n} matters with complete guides, ${mib(Buffer.byteLength(json))} of JSON; page size ${pageSize}`);
    console.log(`central publish (validate + diff + insert + checksum)  ${publishMs.toFixed(0)} ms  → version ${published.version}`);
    console.log(`hall snapshot: ${report.pages} pages, ${mib(report.bytesReceived)} received, ${report.items} items swapped in`);
    console.log(`hall snapshot load (fetch + validate + shadow + checksum + swap)  ${report.snapshotMs.toFixed(0)} ms`);
    console.log(`hall peak RSS ${mib(report.peakRssBytes)} (baseline before sync ${mib(report.baselineRssBytes)})`);
    console.log(`hall delta of ${report.deltaChanges} guides applied in one transaction  ${report.deltaMs.toFixed(0)} ms`);
    console.log(`hall guideOf(code) after load  ${report.guideLookupUs.toFixed(1)} µs per lookup`);
    console.log(`hall SQLite file ${mib(report.dbBytes)}`);
  } finally {
    await central.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function child(centralUrl: string, token: string, dbFile: string, pageSize: number): Promise<void> {
  const { openDatabase } = await import('../hall/store/db.js');
  const { migrations } = await import('../hall/store/migrations/index.js');
  const { migration0005 } = await import('../hall/store/migrations/0005-datasets.js');
  const { nodeHttpClient } = await import('../protocol/sync/http-client.js');
  const { DownlinkClient } = await import('../hall/sync/downlink/central-client.js');
  const { IdentitySealer } = await import('../hall/identity/sealer.js');
  const { DownlinkWorker } = await import('../hall/sync/downlink/worker.js');
  const { DatasetReader } = await import('../hall/sync/downlink/dataset-reader.js');
  const { systemTimers } = await import('../hall/runtime/timers.js');

  const db = openDatabase(dbFile, [...migrations.filter((m) => m.version < 5), migration0005]);
  const http = nodeHttpClient({ maxResponseBytes: 64 * 1024 * 1024 });
  let bytesReceived = 0;
  let pages = 0;
  const counting: typeof http = Object.assign(async (req: Parameters<typeof http>[0]) => {
    const res = await http(req);
    bytesReceived += Buffer.byteLength(res.body);
    if (req.url.includes('/snapshot')) pages++;
    return res;
  }, { close: http.close });
  const worker = new DownlinkWorker({
    db,
    client: new DownlinkClient(counting, { baseUrl: centralUrl, hallId: 'bench-hall', token }, 120_000),
    timers: systemTimers,
    sealer: IdentitySealer.fromDataDir(path.dirname(dbFile)),
    datasets: ['catalog'],
    pageSize,
    log: () => undefined,
  });
  global.gc?.();
  const baselineRssBytes = process.memoryUsage().rss;
  let t0 = performance.now();
  const [snap] = await worker.syncOnce();
  const snapshotMs = performance.now() - t0;
  if (snap?.result !== 'snapshot_loaded') throw new Error(`expected a snapshot, got ${JSON.stringify(snap)}`);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;

  process.send!({ type: 'ready-for-delta' });
  await new Promise<void>((r) => process.once('message', () => r()));
  t0 = performance.now();
  const [delta] = await worker.syncOnce();
  const deltaMs = performance.now() - t0;
  if (delta?.result !== 'applied') throw new Error(`expected a delta, got ${JSON.stringify(delta)}`);

  const reader = new DatasetReader(db, { utcOffsetMinutes: 480, dayStartsAtHour: 3 });
  const codes = reader.catalog().map((g) => g.code);
  t0 = performance.now();
  for (let i = 0; i < 2000; i++) reader.guideOf(codes[(i * 7919) % codes.length]!);
  const guideLookupUs = ((performance.now() - t0) / 2000) * 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = fs.statSync(dbFile).size;
  db.close();
  http.close();
  const report: ChildReport = { baselineRssBytes, snapshotMs, items: snap.items, peakRssBytes, bytesReceived, pages, deltaMs, deltaChanges: delta.changes, guideLookupUs, dbBytes };
  process.send!(report, () => process.exit(0));
}

if (process.argv[2] === '--child') {
  const [, , , url, token, dbFile, pageSize] = process.argv;
  child(url!, token!, dbFile!, Number(pageSize)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  parent().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
