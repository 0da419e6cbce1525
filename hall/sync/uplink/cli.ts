// Runs the uplink worker on a hall database, outside the hall service:
// for operators (push a backlog by hand), the catch-up bench and the crash
// tests (a child process killed with SIGKILL mid-backlog).
//   node --import tsx hall/sync/uplink/cli.ts --db FILE --central URL --hall ID --token-file FILE
//        [--until-drained] [--append N --append-every MS] [--max-events N] [--quiet]
// --append makes this process also commit N events (one every MS ms), like a
// busy hall, so a kill can land between a local commit and its send.
// Output: one JSON line per batch on stdout ({"ack":…,"last":…}); a final
// {"done":true,"maxRssKiB":…} with --until-drained. Exit 0 when drained, 2 on
// bad arguments. Contract: the token is read from the file, never printed.
import path from 'node:path';
import { openDatabase } from '../../store/db.js';
import { EventLog } from '../../store/event-log.js';
import { systemTimers } from '../../runtime/timers.js';
import { resolveSyncSettings, syncConfigSchema } from '../../config/sync-schema.js';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import { withSyncMigration } from './migrations.js';
import { UplinkWorker } from './uplink-worker.js';

function args(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out.set(a.slice(2), 'true');
    else {
      out.set(a.slice(2), next);
      i++;
    }
  }
  return out;
}

async function main(): Promise<number> {
  let a: Map<string, string>;
  try {
    a = args(process.argv.slice(2));
    for (const k of ['db', 'central', 'hall', 'token-file']) if (!a.get(k)) throw new Error(`--${k} is required`);
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: cli.ts --db FILE --central URL --hall ID --token-file FILE [--until-drained] [--append N --append-every MS] [--max-events N]`);
    return 2;
  }
  const dbFile = path.resolve(a.get('db')!);
  const db = openDatabase(dbFile, withSyncMigration());
  const cfg = syncConfigSchema.parse({
    centralUrl: a.get('central'),
    hallId: a.get('hall'),
    tokenFile: path.resolve(a.get('token-file')!),
    batch: a.get('max-events') ? { maxEvents: Number(a.get('max-events')) } : {},
    backoff: { baseMs: 50, capMs: 2000 },
    idlePollSeconds: 1,
  });
  const settings = resolveSyncSettings(cfg, { id: a.get('hall')! }, path.dirname(dbFile));
  const quiet = a.has('quiet');
  const log = new EventLog(db, { node: a.get('hall') });
  const http = nodeHttpClient();
  const worker = new UplinkWorker({
    db,
    http,
    timers: systemTimers,
    settings: { ...settings, centralUrl: settings.centralUrl! },
    clock: log.clock,
    log: quiet ? undefined : (line) => console.error(`[uplink] ${line}`),
  });

  let toAppend = Number(a.get('append') ?? 0);
  const every = Number(a.get('append-every') ?? 5);
  const appender = toAppend > 0
    ? setInterval(() => {
        if (toAppend <= 0) return;
        db.transaction(() => log.append('counter_paused', '2026-11-21', Date.now(), { counterId: 'c1' }))();
        toAppend--;
        worker.kick();
      }, every)
    : null;

  worker.start();
  const untilDrained = a.has('until-drained');
  let lastReported = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const stream = worker.store.currentStream();
    const ack = stream ? worker.store.cursor(stream) : 0;
    const last = worker.store.lastSeq();
    if (ack !== lastReported) {
      process.stdout.write(JSON.stringify({ ack, last, stream, rssKiB: Math.round(process.memoryUsage().rss / 1024) }) + '\n');
      lastReported = ack;
    }
    if (untilDrained && toAppend <= 0 && stream && ack >= last) break;
  }
  if (appender) clearInterval(appender);
  await worker.stop();
  http.close();
  db.close();
  process.stdout.write(JSON.stringify({ done: true, maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`uplink: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
