// The uplink against the real central server and PostgreSQL: batches within the
// limits, exactly-once delivery, the cursor asked at start, poison events
// quarantined and shown, newer schema versions parked, clock drift measured
// and flagged, Retry-After honoured, and failures shown to the manager.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpClient, type HttpClient, type HttpRequest } from '../../../protocol/sync/http-client.js';
import { UplinkWorker } from '../../../hall/sync/uplink/uplink-worker.js';
import { readSyncStatus } from '../../../hall/sync/status.js';
import { parseHlc } from '../../../hall/sync/hlc.js';
import { ManualTimers, systemTimers } from '../../../hall/runtime/timers.js';
import { appendEvents, drain, hallIds, startPostgres, startWorld, until, type World } from './uplink-harness.js';
import type { TestPostgres } from '../../helpers/postgres.js';

let pg: TestPostgres;
const worlds: World[] = [];
const clients: ReturnType<typeof nodeHttpClient>[] = [];

beforeAll(async () => {
  pg = await startPostgres();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  for (const w of worlds.splice(0)) await w.close();
});
afterAll(async () => {
  await pg?.stop();
});

async function world(o?: Parameters<typeof startWorld>[1]): Promise<World> {
  const w = await startWorld(pg, o);
  worlds.push(w);
  return w;
}

/** The real HTTP client, recording what was sent (no answers are faked). */
function recordingClient(): { http: HttpClient; sent: HttpRequest[] } {
  const real = nodeHttpClient();
  clients.push(real);
  const sent: HttpRequest[] = [];
  return { sent, http: (req) => (sent.push(req), real(req)) };
}

describe('uplink against the central server', () => {
  it('pushes the outbox in batches of at most 500 events and 512 KiB; central holds each event once', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    // Some events are large (a long free-text field), so the byte limit cuts batches too.
    appendEvents(db, log, 1234, undefined, 1000, (i) => ({ type: 'counter_paused', payload: { counterId: 'c1', note: i % 10 === 0 ? 'x'.repeat(20_000) : '' } }));
    const { http, sent } = recordingClient();
    const worker = new UplinkWorker({ db, http, timers: systemTimers, settings: w.settings() });
    await drain(worker);

    const pushes = sent.filter((r) => r.url.endsWith('/events'));
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    for (const p of pushes) {
      const body = JSON.parse(p.body!) as { events: { seq: number }[] };
      expect(body.events.length).toBeLessThanOrEqual(500);
      expect(Buffer.byteLength(p.body!)).toBeLessThanOrEqual(512 * 1024);
      body.events.forEach((e, i) => i > 0 && expect(e.seq).toBe(body.events[i - 1]!.seq + 1));
    }
    const rows = await w.centralRows();
    expect(rows.length).toBe(1234);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(hallIds(db)));
    // The HLC readings reach central and sort like the seqs.
    const hlcs = (await w.central.pool.query<{ hlc: string }>('SELECT hlc FROM events WHERE hall_id = $1 ORDER BY seq', [w.hallId])).rows.map((r) => r.hlc);
    expect(hlcs.every((h, i) => i === 0 || h > hlcs[i - 1]!)).toBe(true);
    expect(parseHlc(hlcs[0]!).node).toBe(w.hallId);

    const status = readSyncStatus(db, w.settings(), systemTimers.now());
    expect(status).toMatchObject({ enabled: true, connected: true, backlog: 0, ackSeq: 1234, lastSeq: 1234, oldestPendingAt: null });
    expect(status.lastSuccessAt).not.toBeNull();
  });

  it('after a restart asks central for the cursor, so a lost answer does not re-send the backlog', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 1500);
    await drain(new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings() }));
    // The answers were lost: the hall's cursor still says 0.
    const stream = db.prepare("SELECT value FROM sync_meta WHERE key = 'stream'").pluck().get() as string;
    db.prepare('UPDATE sync_cursor SET ack_seq = 0 WHERE stream = ?').run(stream);
    appendEvents(db, log, 10, Date.UTC(2026, 10, 21, 5));

    const { http, sent } = recordingClient();
    const worker = new UplinkWorker({ db, http, timers: systemTimers, settings: w.settings() });
    await drain(worker);
    const pushed = sent.filter((r) => r.url.endsWith('/events')).map((r) => (JSON.parse(r.body!) as { events: { seq: number }[] }).events.map((e) => e.seq));
    expect(sent[0]!.url).toContain(`/cursor?stream=${stream}`);
    // One probe of the event at central's ackSeq, then only the 10 new ones.
    expect(pushed).toEqual([[1500], [1501, 1502, 1503, 1504, 1505, 1506, 1507, 1508, 1509, 1510]]);
    expect((await w.centralRows()).length).toBe(1510);
  });

  it('quarantines a poison event with its reason, keeps going, and shows it in the status', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 40, undefined, 1000, (i) => (i === 17 ? { type: 'ticket_issued', payload: { number: 'A001' } } : { type: 'counter_paused', payload: { counterId: 'c1' } }));
    const poisonSeq = 18;
    await drain(new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings() }));

    const rows = await w.centralRows();
    expect(rows.length).toBe(40);
    expect(rows.filter((r) => r.table === 'quarantine').map((r) => r.seq)).toEqual([poisonSeq]);
    const status = readSyncStatus(db, w.settings(), systemTimers.now());
    expect(status.backlog).toBe(0);
    expect(status.quarantined.count).toBe(1);
    expect(status.quarantined.items[0]).toMatchObject({ seq: poisonSeq, type: 'ticket_issued' });
    expect(status.quarantined.items[0]!.reason).toMatch(/payload\.ticketId/);
    // The reason never carries the payload itself (personal data stays out of the status).
    expect(JSON.stringify(status)).not.toContain('A001');
  });

  it('an event of a newer schema version than central knows is parked and acknowledged', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 5);
    db.prepare('UPDATE events SET schema_version = 2, type = ? WHERE seq = 3').run('ticket_teleported');
    await drain(new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings() }));
    const rows = await w.centralRows();
    expect(rows.map((r) => [r.seq, r.table]).sort()).toEqual([[1, 'events'], [2, 'events'], [3, 'parked'], [4, 'events'], [5, 'events']]);
    const status = readSyncStatus(db, w.settings(), systemTimers.now());
    expect(status).toMatchObject({ backlog: 0, ackSeq: 5 });
    expect(status.quarantined.count).toBe(0);
  });

  it('measures clock drift from X-Server-Time; a central clock 10 minutes ahead is flagged and not merged into the HLC', async () => {
    const w = await world({ now: () => Date.now() + 10 * 60_000 });
    const { db, log } = w.openHall();
    appendEvents(db, log, 3, Date.now());
    const before = log.clock.last();
    await drain(new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings(), clock: log.clock }));
    const status = readSyncStatus(db, w.settings(), Date.now());
    expect(status.clock.flagged).toBe(true);
    expect(status.clock.driftMs!).toBeGreaterThan(9 * 60_000);
    expect(log.clock.last().physical).toBe(before.physical);

    const w2 = await world({ now: () => Date.now() + 60_000 });
    const h2 = w2.openHall();
    appendEvents(h2.db, h2.log, 3, Date.now());
    await drain(new UplinkWorker({ db: h2.db, http: recordingClient().http, timers: systemTimers, settings: w2.settings(), clock: h2.log.clock }));
    const s2 = readSyncStatus(h2.db, w2.settings(), Date.now());
    expect(s2.clock.flagged).toBe(false);
    expect(s2.clock.driftMs!).toBeGreaterThan(50_000);
    // Merged: the next local reading sorts after central's time even though the wall is a minute behind.
    const next = parseHlc(h2.log.append('counter_resumed', '2026-11-21', Date.now(), { counterId: 'c1' }).hlc!);
    expect(next.physical).toBeGreaterThan(Date.now() + 30_000);
  });

  it('honours Retry-After on 429 and keeps the same batch id for the retry', async () => {
    const w = await world({ rateLimit: { burst: 2, perSecond: 0.5 } });
    const { db, log } = w.openHall();
    appendEvents(db, log, 1200);
    const { http, sent } = recordingClient();
    const worker = new UplinkWorker({ db, http, timers: systemTimers, settings: w.settings({ maxEvents: 500 }), random: () => 0.5 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await worker.runStep());
    // register, batch 1, then the bucket is empty: 429 with Retry-After ≥ 1 s.
    expect(results.map((r) => r.kind)).toEqual(['registered', 'sent', 'retry', 'retry']);
    const retry = results[2] as { delayMs: number; message: string };
    expect(retry.delayMs).toBeGreaterThanOrEqual(1000);
    expect(retry.message).toMatch(/429 rate_limited/);
    const ids = sent.filter((r) => r.url.endsWith('/events')).map((r) => (JSON.parse(r.body!) as { batchId: string }).batchId);
    expect(ids.length).toBe(3);
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[2]).toBe(ids[1]);
    const status = readSyncStatus(db, w.settings(), Date.now());
    expect(status.lastError).toMatchObject({ code: 'rate_limited', httpStatus: 429 });
    expect(status.connected).toBe(false);
  });

  it('a wrong token blocks the uplink (no blind retries) and the status says why; an unreachable central backs off', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 5);
    fs.writeFileSync(w.tokenFile, 'not-the-token\n');
    const worker = new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings(), random: () => 0.5 });
    const r = await worker.runStep();
    expect(r).toMatchObject({ kind: 'blocked', delayMs: w.settings().backoffCapMs });
    const status = readSyncStatus(db, w.settings(), Date.now());
    expect(status.lastError).toMatchObject({ code: 'unauthorized', httpStatus: 401 });
    expect(JSON.stringify(status)).not.toContain(w.token);

    fs.rmSync(w.tokenFile);
    expect(await worker.runStep()).toMatchObject({ kind: 'blocked' });
    expect(readSyncStatus(db, w.settings(), Date.now()).lastError).toMatchObject({ code: 'no_token' });

    const offline = new UplinkWorker({ db, http: recordingClient().http, timers: systemTimers, settings: w.settings({}, 'http://127.0.0.1:9'), random: () => 0.99, token: () => w.token });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = await offline.runStep();
      expect(step.kind).toBe('retry');
      delays.push((step as { delayMs: number }).delayMs);
    }
    // Full jitter under a doubling ceiling: base 10 ms, cap 200 ms, random pinned at 0.99.
    expect(delays).toEqual([9, 19, 39, 79]);
    expect(readSyncStatus(db, w.settings(), Date.now())).toMatchObject({ connected: false, backlog: 5, lastError: { code: 'offline' } });
  });
  it('runs on its own with injected timers: backs off while central is unreachable, sends on kick, idles when done', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 20);
    const timers = new ManualTimers(Date.UTC(2026, 10, 21, 2));
    const down = new UplinkWorker({ db, http: recordingClient().http, timers, settings: w.settings({}, 'http://127.0.0.1:9'), random: () => 0.99, token: () => w.token });
    down.start();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      timers.advance(0);
      await until(() => down.state === 'backing_off' && down.nextAttemptAt !== null && !waits.includes(down.nextAttemptAt - timers.now()), `retry ${i}`);
      waits.push(down.nextAttemptAt! - timers.now());
      expect(readSyncStatus(db, w.settings(), timers.now())).toMatchObject({ state: 'backing_off', nextAttemptAt: down.nextAttemptAt, connected: false });
      timers.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([9, 19, 39]);
    await down.stop();

    const up = new UplinkWorker({ db, http: recordingClient().http, timers, settings: w.settings(), clock: log.clock });
    up.start();
    await until(() => (timers.advance(0), up.state === 'idle' && readSyncStatus(db, w.settings(), timers.now()).backlog === 0), 'drained');
    appendEvents(db, log, 5, Date.UTC(2026, 10, 21, 3));
    up.kick();
    await until(() => (timers.advance(0), up.state === 'idle' && readSyncStatus(db, w.settings(), timers.now()).backlog === 0), 'kicked batch sent');
    expect(up.nextAttemptAt).toBe(timers.now() + w.settings().idlePollMs);
    await up.stop();
    expect((await w.centralRows()).length).toBe(25);
  });
});
