// Uplink catch-up benchmark: a hall that was offline for three days with
// 100,000 events queued sends them to the real central server (central/server.ts)
// over real PostgreSQL 15. The uplink runs in a child process (the uplink CLI),
// so its peak RSS is its own. Prints: events, batches, time, events/s, peak RSS
// of the uplink, and the outbox size on disk.
// Run: node --import tsx bench/sync-catchup.ts [events=100000] [payloadBytes=200]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from '../tests/helpers/postgres.js';
import { startCentralServer } from '../central/server.js';
import { openDatabase } from '../hall/store/db.js';
import { EventLog } from '../hall/store/event-log.js';
import { withSyncMigration } from '../hall/sync/uplink/migrations.js';
import { mib } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const EVENTS = Number(process.argv[2] ?? 100_000);
const PAYLOAD = Number(process.argv[3] ?? 200);

async function main(): Promise<void> {
  const pg = await startPostgres();
  const central = await startCentralServer({ databaseUrl: await pg.createDatabase(), rateLimit: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-sync-'));
  try {
    const hallId = 'bench-hall';
    const { token } = await central.addHall(hallId, '基准大厅', '150602');
    const tokenFile = path.join(dir, 'sync-token');
    fs.writeFileSync(tokenFile, token);
    const file = path.join(dir, 'hall.sqlite');
    const db = openDatabase(file, withSyncMigration());
    const log = new EventLog(db, { node: hallId });
    const start = Date.UTC(2026, 10, 20, 1, 0);
    const spacing = Math.floor((3 * 86_400_000) / EVENTS);
    const note = 'x'.repeat(PAYLOAD);
    let t = performance.now();
    db.transaction(() => {
      for (let i = 0; i < EVENTS; i++) {
        const at = start + i * spacing;
        const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
        // `note` pads the payload beyond the event's schema: appended as an unchecked type (EventLog.append).
        const type: string = i % 2 ? 'counter_paused' : 'counter_resumed';
        log.append(type, day, at, { counterId: `c${i % 12}`, note });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const fillMs = performance.now() - t;
    const outboxBytes = fs.statSync(file).size;

    t = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hall/sync/uplink/cli.ts'), '--db', file, '--central', central.url, '--hall', hallId, '--token-file', tokenFile, '--until-drained', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const ms = performance.now() - t;
    if (code !== 0) throw new Error(`uplink exited with ${code}`);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { ack?: number; rssKiB?: number; done?: boolean; maxRssKiB?: number });
    const peakRss = lines.find((l) => l.done)!.maxRssKiB! * 1024;
    const sampledRss = Math.max(...lines.filter((l) => l.rssKiB).map((l) => l.rssKiB! * 1024));
    const held = await central.pool.query<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events WHERE hall_id = $1', [hallId]);
    const batches = await central.pool.query<{ n: string }>('SELECT count(*) AS n FROM batches WHERE hall_id = $1', [hallId]);

    console.log('Uplink catch-up (hall/sync/uplink) against central + PostgreSQL 15, localhost');
    console.log(`  events queued           ${EVENTS} over 3 days, payload note ${PAYLOAD} B (filled in ${(fillMs / 1000).toFixed(1)} s)`);
    console.log(`  outbox on disk          ${mib(outboxBytes)}`);
    console.log(`  central holds           ${held.rows[0]!.n} events (${held.rows[0]!.d} distinct) in ${batches.rows[0]!.n} batches`);
    console.log(`  catch-up time           ${(ms / 1000).toFixed(1)} s (incl. ~0.5 s child start-up)  →  ${Math.round(EVENTS / (ms / 1000))} events/s`);
    console.log(`  uplink peak RSS         ${mib(peakRss)} (max sampled RSS ${mib(sampledRss)})`);
  } finally {
    await central.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
