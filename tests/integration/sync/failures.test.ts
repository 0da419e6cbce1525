// Failure cases of the uplink (shared/design/sync.md "Failure cases"), each
// against the real central server and PostgreSQL: a crash between the local
// commit and the send (child process killed with SIGKILL), an answer lost on
// the wire (TCP proxy), two workers on one outbox, central losing its tail (a
// gap), clock jumps and midnight, a hall restored from an old backup, and a
// 409 met in the middle of a run (a copy of the hall database sending too).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UplinkWorker } from '../../../hall/sync/uplink/uplink-worker.js';
import { readSyncStatus } from '../../../hall/sync/status.js';
import { parseHlc, compareHlc } from '../../../hall/sync/hlc.js';
import { systemTimers, type Timers } from '../../../hall/runtime/timers.js';
import { HallRuntime } from '../../../hall/runtime/hall-runtime.js';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { openDatabase } from '../../../hall/store/db.js';
import { withSyncMigration } from '../../../hall/sync/uplink/migrations.js';
import { appendEvents, centralAck, drain, FaultyProxy, hallIds, repoRoot, spawnUplink, until, useUplinkHarness, type World } from './uplink-harness.js';

const { world, http, cleanup } = useUplinkHarness();

async function expectExactlyOnce(w: World, ids: string[]): Promise<void> {
  const rows = await w.centralRows();
  expect(rows.length).toBe(ids.length);
  expect(new Set(rows.map((r) => r.eventId)).size).toBe(ids.length);
  expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(ids));
}

describe('uplink failure cases', () => {
  it('crash after the local commit, before the send (SIGKILL mid-backlog, twice): after restart central holds every event exactly once', async () => {
    const w = await world();
    const { db, log, file } = w.openHall();
    appendEvents(db, log, 20_000);
    const kills: { ack: number; inflight: { batchId: string } | null }[] = [];
    for (const killAt of [4000, 11_000]) {
      // The child also commits events of its own while sending, like a busy hall.
      const child = spawnUplink(w, file, ['--append', '400', '--append-every', '2', '--max-events', '300']);
      await until(async () => (await centralAck(w)) >= killAt || child.proc.exitCode !== null, `central ack ≥ ${killAt}`);
      child.proc.kill('SIGKILL');
      await child.exited;
      const inflight = db.prepare("SELECT value FROM sync_meta WHERE key = 'inflight'").pluck().get() as string | undefined;
      kills.push({ ack: await centralAck(w), inflight: inflight ? (JSON.parse(inflight) as { batchId: string }) : null });
    }
    expect(kills[0]!.ack).toBeLessThan(20_000);
    const last = spawnUplink(w, file, ['--until-drained']);
    expect(await last.exited).toBe(0);
    await expectExactlyOnce(w, hallIds(db));
    expect(hallIds(db).length).toBeGreaterThan(20_000); // the children committed events of their own
    // A batch caught in flight by the kill was re-sent under its own id after the restart.
    const sentIds = new Set((await w.central.pool.query<{ batch_id: string }>('SELECT batch_id FROM batches WHERE hall_id = $1', [w.hallId])).rows.map((r) => r.batch_id));
    for (const k of kills) if (k.inflight) expect(sentIds.has(k.inflight.batchId)).toBe(true);
  });

  it('central committed but the answer was lost: the same batch is re-sent, answered with the same ack, nothing twice', async () => {
    const w = await world();
    const proxy = new FaultyProxy(new URL(w.central.url));
    await proxy.start();
    cleanup(() => proxy.close());
    const { db, log } = w.openHall();
    appendEvents(db, log, 1200);
    const worker = new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings({ maxEvents: 400 }, proxy.url), random: () => 0.5 });
    expect((await worker.runStep()).kind).toBe('registered');
    proxy.dropAnswers(2, 'POST');
    const lost = await worker.runStep();
    expect(lost).toMatchObject({ kind: 'retry' });
    // Central did store the batch…
    expect(await centralAck(w)).toBe(400);
    const inflight = JSON.parse(db.prepare("SELECT value FROM sync_meta WHERE key = 'inflight'").pluck().get() as string) as { batchId: string; fromSeq: number; toSeq: number };
    expect(inflight).toMatchObject({ fromSeq: 1, toSeq: 400 });
    // …the hall did not move its cursor, and re-sends the very same batch (lost again, then answered).
    expect(readSyncStatus(db, w.settings(), Date.now()).ackSeq).toBe(0);
    expect((await worker.runStep()).kind).toBe('retry');
    const again = await worker.runStep();
    expect(again).toMatchObject({ kind: 'sent', fromSeq: 1, toSeq: 400, ackSeq: 400 });
    expect(proxy.dropped).toBe(2);
    await drain(worker);
    await expectExactlyOnce(w, hallIds(db));
    const answers = (await w.central.pool.query<{ batch_id: string }>('SELECT batch_id FROM batches WHERE hall_id = $1', [w.hallId])).rows.map((r) => r.batch_id);
    expect(answers).toContain(inflight.batchId);
    expect(answers.length).toBe(3);
  });

  it('a 200 cut off on the way is an unknown outcome: the same batch again, never "blocked" (issue 11)', async () => {
    // Mutation: an unreadable 2xx classed as `protocol` (the old bad_answer) → the step is 'blocked'
    // until the backoff cap (5 minutes by default) and this fails.
    const w = await world();
    const proxy = new FaultyProxy(new URL(w.central.url));
    await proxy.start();
    cleanup(() => proxy.close());
    const { db, log } = w.openHall();
    appendEvents(db, log, 300);
    const worker = new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings({ maxEvents: 200 }, proxy.url), random: () => 0.5 });
    expect((await worker.runStep()).kind).toBe('registered');
    proxy.truncateAnswers(1, 'POST');
    const cut = await worker.runStep();
    expect(cut).toMatchObject({ kind: 'retry' });
    expect(proxy.truncated).toBe(1);
    expect(await centralAck(w)).toBe(200);
    expect(readSyncStatus(db, w.settings(), Date.now()).lastError).toMatchObject({ code: 'unreadable_answer', httpStatus: 200 });
    expect(await worker.runStep()).toMatchObject({ kind: 'sent', fromSeq: 1, toSeq: 200, ackSeq: 200 });
    await drain(worker);
    await expectExactlyOnce(w, hallIds(db));
  });

  it('two workers on the same outbox at once, while events keep coming: one row per event', async () => {
    const w = await world();
    const a = w.openHall();
    const b = w.openHall(a.file);
    appendEvents(a.db, a.log, 3000);
    const settings = w.settings({ maxEvents: 250 });
    const one = new UplinkWorker({ db: a.db, http: http(), timers: systemTimers, settings });
    const two = new UplinkWorker({ db: b.db, http: http(), timers: systemTimers, settings });
    await one.runStep(); // registers the stream both use
    const appending = (async () => {
      for (let i = 0; i < 20; i++) {
        appendEvents(a.db, a.log, 25, Date.UTC(2026, 10, 21, 6) + i * 100_000);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all([drain(one), drain(two), appending]);
    await drain(one);
    await expectExactlyOnce(w, hallIds(a.db));
    expect(hallIds(a.db).length).toBe(3500);
    const streams = await w.central.pool.query('SELECT stream_id FROM streams WHERE hall_id = $1', [w.hallId]);
    expect(streams.rowCount).toBe(1);
  });

  it('central lost the tail it had acknowledged (restored on its side): the gap it reports moves the hall back and the tail is sent again', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 1000);
    const worker = new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings() });
    await drain(worker);
    await w.central.pool.query('DELETE FROM events WHERE hall_id = $1 AND seq > 600', [w.hallId]);
    await w.central.pool.query('UPDATE streams SET ack_seq = 600 WHERE hall_id = $1', [w.hallId]);
    appendEvents(db, log, 100, Date.UTC(2026, 10, 21, 8));
    const steps = await drain(worker);
    expect(steps[0]).toMatchObject({ kind: 'sent', fromSeq: 1001, ackSeq: 600 });
    await expectExactlyOnce(w, hallIds(db));
    expect(readSyncStatus(db, w.settings(), Date.now())).toMatchObject({ ackSeq: 1100, backlog: 0 });
  });

  it('clock jumps back and forward, and the service day turns over: HLC readings keep growing, ticket numbers stay unique per day, central agrees', async () => {
    const w = await world();
    const config = loadHallConfig(path.join(repoRoot, 'config/demo-hall.json'));
    const file = path.join(w.dir, 'hall.sqlite');
    const db = openDatabase(file, withSyncMigration());
    cleanup(() => void (db.open && db.close()));
    let wall = Date.UTC(2026, 10, 23, 1, 0); // Monday 09:00 local (UTC+8)
    const pending: { at: number; fn: () => void }[] = [];
    const timers: Timers = {
      now: () => wall,
      at: (at, fn) => {
        const e = { at, fn };
        pending.push(e);
        return { cancel: () => pending.splice(pending.indexOf(e), 1) };
      },
    };
    // No opening hours: this test is about clocks, not the calendar.
    const runtime = new HallRuntime(db, { ...hallSetupFrom(config), calendar: null }, timers);
    runtime.start();
    let n = 0;
    const issue = () => runtime.execute({ type: 'issue_ticket', ticketId: `t${++n}`, matterId: 'bdc-01', greenCategory: null, kioskId: 'kiosk-1' });
    for (let i = 0; i < 5; i++) issue();
    wall -= 2 * 3600_000; // NTP correction: two hours back
    for (let i = 0; i < 5; i++) issue();
    wall += 5 * 3600_000; // and forward again
    for (let i = 0; i < 5; i++) issue();
    wall = Date.UTC(2026, 10, 23, 19, 30); // 03:30 local next day: the new service day
    runtime.execute({ type: 'tick' });
    for (let i = 0; i < 3; i++) issue();
    wall -= 40 * 60_000; // back across the day boundary (02:50 local)
    for (let i = 0; i < 2; i++) issue();

    const rows = db.prepare('SELECT seq, hlc, at FROM events ORDER BY seq').all() as { seq: number; hlc: string; at: number }[];
    for (let i = 1; i < rows.length; i++) expect(compareHlc(parseHlc(rows[i]!.hlc), parseHlc(rows[i - 1]!.hlc))).toBe(1);
    expect(rows.some((r, i) => i > 0 && r.at < rows[i - 1]!.at)).toBe(true); // the wall clock did go back
    const tickets = db.prepare('SELECT service_day, number FROM tickets ORDER BY issued_at, number').all() as { service_day: string; number: string }[];
    expect(tickets.length).toBe(20);
    const perDay = new Map<string, string[]>();
    for (const t of tickets) perDay.set(t.service_day, [...(perDay.get(t.service_day) ?? []), t.number]);
    for (const numbers of perDay.values()) expect(new Set(numbers).size).toBe(numbers.length);
    expect([...perDay.keys()].sort()).toEqual(['2026-11-23', '2026-11-24']);
    expect(perDay.get('2026-11-24')!.sort()[0]).toBe('A001');

    const worker = new UplinkWorker({ db, http: http(), timers, settings: w.settings(), clock: runtime.log.clock });
    await drain(worker);
    await expectExactlyOnce(w, hallIds(db));
    const central = (await w.central.pool.query<{ hlc: string }>('SELECT hlc FROM events WHERE hall_id = $1 ORDER BY seq', [w.hallId])).rows.map((r) => r.hlc);
    expect(central).toEqual(rows.map((r) => r.hlc));
    runtime.stop();
  });

  it('a hall restored from an old backup: 409 or a cursor beyond its outbox → re-register → nothing lost, nothing twice', async () => {
    for (const newAfterRestore of [50, 450]) {
      const w = await world();
      const hall = w.openHall();
      appendEvents(hall.db, hall.log, 300);
      await drain(new UplinkWorker({ db: hall.db, http: http(), timers: systemTimers, settings: w.settings() }));
      const backup = path.join(w.dir, 'backup.sqlite');
      await hall.db.backup(backup);
      appendEvents(hall.db, hall.log, 300, Date.UTC(2026, 10, 21, 4));
      await drain(new UplinkWorker({ db: hall.db, http: http(), timers: systemTimers, settings: w.settings() }));
      const before = new Set((await w.centralRows()).map((r) => r.eventId));
      expect(before.size).toBe(600);
      hall.db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(hall.file + suffix, { force: true });
      fs.copyFileSync(backup, hall.file);

      // The restored hall carries on: new events reuse seqs 301… with new ids.
      const restored = w.openHall(hall.file);
      appendEvents(restored.db, restored.log, newAfterRestore, Date.UTC(2026, 10, 21, 7));
      const worker = new UplinkWorker({ db: restored.db, http: http(), timers: systemTimers, settings: w.settings() });
      const steps = await drain(worker);
      expect(steps.some((s) => s.kind === 'registered')).toBe(true);
      const rows = await w.centralRows();
      const ids = rows.map((r) => r.eventId);
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      for (const id of before) expect(ids).toContain(id); // the old stream's events stay
      for (const id of hallIds(restored.db)) expect(ids).toContain(id); // everything the restored hall holds is there
      expect(rows.length).toBe(600 + newAfterRestore);
      const status = readSyncStatus(restored.db, w.settings(), Date.now());
      expect(status).toMatchObject({ backlog: 0, lastSeq: 300 + newAfterRestore });
      expect(status.lastReregister).not.toBeNull();
    }
  });
  it('409 sequence_conflict in the middle of a run (a copy of the hall database sending too): re-register and carry on, nothing twice', async () => {
    const w = await world();
    const a = w.openHall();
    appendEvents(a.db, a.log, 100);
    const one = new UplinkWorker({ db: a.db, http: http(), timers: systemTimers, settings: w.settings() });
    await drain(one);
    const copyFile = path.join(w.dir, 'copy.sqlite');
    await a.db.backup(copyFile);
    const b = w.openHall(copyFile);
    const two = new UplinkWorker({ db: b.db, http: http(), timers: systemTimers, settings: w.settings() });
    expect(await drain(two)).toEqual([{ kind: 'idle' }]); // same history so far: nothing to do
    // Both copies now commit different events under the same seqs 101…
    appendEvents(a.db, a.log, 20, Date.UTC(2026, 10, 21, 9));
    appendEvents(b.db, b.log, 30, Date.UTC(2026, 10, 21, 10));
    await drain(one);
    const steps: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await two.runStep();
      steps.push(r.kind);
      if (r.kind === 'idle' || (r.kind === 'sent' && !r.more)) break;
    }
    expect(steps[0]).toBe('registered'); // the push met 409 and re-registered in the same step
    expect(readSyncStatus(b.db, w.settings(), Date.now()).lastError).toMatchObject({ code: 'sequence_conflict', httpStatus: 409 });
    const rows = await w.centralRows();
    const ids = rows.map((r) => r.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(150);
    for (const id of [...hallIds(a.db), ...hallIds(b.db)]) expect(ids).toContain(id);
  });
});
