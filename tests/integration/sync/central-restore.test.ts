// A central platform restored from a backup older than the hall's uplink
// stream answers `404 unknown_stream` to the hall's cursor question and to its
// pushes. The hall must re-register (restored_from_backup, lastSeq = its
// cursor) and re-send what central lost — never stay blocked. Real central,
// real PostgreSQL, real SQLite; the "restore" deletes what a dump taken before
// the stream existed would not hold.
import { describe, expect, it } from 'vitest';
import { UplinkWorker } from '../../../hall/sync/uplink/uplink-worker.js';
import { readSyncStatus } from '../../../hall/sync/status.js';
import { systemTimers } from '../../../hall/runtime/timers.js';
import { appendEvents, drain, hallIds, useUplinkHarness, type World } from './uplink-harness.js';

const { world, http } = useUplinkHarness();

/** Central as restored from a dump taken before this hall first registered: the hall is known, its streams are not. */
async function restoreCentralToBeforeStreams(w: World): Promise<void> {
  for (const table of ['events', 'quarantine', 'parked', 'batches', 'streams']) {
    await w.central.pool.query(`DELETE FROM ${table} WHERE hall_id = $1`, [w.hallId]);
  }
}

async function expectExactlyOnce(w: World, ids: string[]): Promise<void> {
  const rows = await w.centralRows();
  expect(rows.length).toBe(ids.length);
  expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(ids));
}

describe('uplink after central was restored from a backup older than the stream', () => {
  it('a push answered 404 unknown_stream re-registers and re-sends everything central lost', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 300);
    const worker = new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings() });
    await drain(worker);
    const firstStream = worker.store.currentStream();

    await restoreCentralToBeforeStreams(w);
    appendEvents(db, log, 40, Date.UTC(2026, 10, 21, 6));
    // The running worker pushes seq 301… into a stream central no longer knows.
    const steps = await drain(worker);
    expect(steps[0]).toMatchObject({ kind: 'registered', ackSeq: 0 });
    expect(worker.store.currentStream()).not.toBe(firstStream);
    await expectExactlyOnce(w, hallIds(db));
    const status = readSyncStatus(db, w.settings(), Date.now());
    expect(status).toMatchObject({ backlog: 0, ackSeq: 340, lastSeq: 340 });
    const reg = await w.central.pool.query<{ reason: string; hall_last_seq: string }>('SELECT reason, hall_last_seq FROM streams WHERE hall_id = $1', [w.hallId]);
    expect(reg.rows).toEqual([{ reason: 'restored_from_backup', hall_last_seq: '300' }]);
  });

  it('after a hall restart the cursor question answered 404 unknown_stream re-registers instead of blocking', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, 120);
    await drain(new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings() }));
    await restoreCentralToBeforeStreams(w);

    const restarted = new UplinkWorker({ db, http: http(), timers: systemTimers, settings: w.settings() });
    const steps = await drain(restarted);
    expect(steps.some((s) => s.kind === 'blocked')).toBe(false);
    expect(steps[0]).toMatchObject({ kind: 'registered', ackSeq: 0 });
    await expectExactlyOnce(w, hallIds(db));
    expect(readSyncStatus(db, w.settings(), Date.now())).toMatchObject({ backlog: 0, ackSeq: 120 });
  });
});
