// Three days offline with 100,000 events, then catch-up against the real
// central server and PostgreSQL: paged upload (≤ 500 per batch), the manager
// sees catch-up progress, the uplink (a child process) is killed with SIGKILL
// mid-backlog and resumes where central's cursor says, memory stays bounded,
// and central ends with every event exactly once.
// This one test is given 4 minutes: 100,000 events through PostgreSQL on a shared 2-core machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSyncStatus } from '../../../hall/sync/status.js';
import type { TestPostgres } from '../../helpers/postgres.js';
import { appendEvents, centralAck, hallIds, spawnUplink, startPostgres, startWorld, until, type World } from './uplink-harness.js';

let pg: TestPostgres;
let w: World;

beforeAll(async () => {
  pg = await startPostgres();
  w = await startWorld(pg);
});
afterAll(async () => {
  await w?.close();
  await pg?.stop();
});

const EVENTS = 100_000;
const START = Date.UTC(2026, 10, 20, 1, 0); // Friday 09:00 local
const STEP = Math.floor((3 * 86_400_000) / EVENTS);
const dayOf = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);

describe('catch-up after three days offline', () => {
  it('sends 100,000 queued events in pages, resumable after SIGKILL, bounded memory, exactly once', { timeout: 240_000 }, async () => {
    const { db, log, file } = w.openHall();
    appendEvents(db, log, EVENTS, START, STEP, (i) => ({ type: i % 2 ? 'counter_paused' : 'counter_resumed', payload: { counterId: `c${i % 12}` }, day: dayOf(START + i * STEP) }));
    expect(new Set(db.prepare('SELECT DISTINCT service_day FROM events').pluck().all()).size).toBeGreaterThanOrEqual(3);
    const back = START + 3 * 86_400_000 + 3600_000; // the hall is back online an hour after the last event

    const first = spawnUplink(w, file, []);
    const seen: { acked: number; total: number }[] = [];
    await until(async () => {
      const s = readSyncStatus(db, w.settings(), back);
      if (s.catchUp) seen.push({ acked: s.catchUp.acked, total: s.catchUp.total });
      return (await centralAck(w)) >= 40_000 || first.proc.exitCode !== null;
    }, 'central ack ≥ 40,000', 150_000);
    first.proc.kill('SIGKILL');
    await first.exited;

    const mid = readSyncStatus(db, w.settings(), back);
    expect(mid.backlog).toBeGreaterThan(0);
    expect(mid.backlog).toBeLessThan(EVENTS);
    expect(mid.oldestPendingAgeMs!).toBeGreaterThan(3600_000);
    expect(mid.catchUp).toMatchObject({ total: EVENTS });
    expect(mid.catchUp!.acked).toBe(EVENTS - mid.backlog);
    // The progress bar moved while the first run was sending.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.acked).toBeGreaterThan(seen[0]!.acked);
    const resumedFrom = await centralAck(w);

    const second = spawnUplink(w, file, ['--until-drained']);
    expect(await second.exited).toBe(0);
    const done = second.lines.find((l) => l.done) as { maxRssKiB: number };
    console.log(`catch-up: killed at central ack ${resumedFrom}; second run peak RSS ${(done.maxRssKiB / 1024).toFixed(0)} MiB`);
    // Bounded: one batch in memory, whatever the backlog (Node + tsx alone take ~100 MiB).
    expect(done.maxRssKiB).toBeLessThan(250 * 1024);

    const rows = await w.centralRows();
    expect(rows.length).toBe(EVENTS);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(hallIds(db)));
    const batches = await w.central.pool.query<{ n: string }>('SELECT count(*) AS n FROM batches WHERE hall_id = $1', [w.hallId]);
    // Paged, and resumed where it stopped: about one batch per 500 events, nothing re-sent from 0.
    expect(Number(batches.rows[0]!.n)).toBeGreaterThanOrEqual(EVENTS / 500);
    expect(Number(batches.rows[0]!.n)).toBeLessThanOrEqual(EVENTS / 500 + 3);
    const after = readSyncStatus(db, w.settings(), back);
    expect(after).toMatchObject({ backlog: 0, catchUp: null, ackSeq: EVENTS });
  });
});
