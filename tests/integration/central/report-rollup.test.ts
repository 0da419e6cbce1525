// Central's cross-hall report reads a daily rollup kept as events are ingested (migration 008,
// central/reports/rollup.ts). Real central on a real PostgreSQL, events pushed over HTTP; every
// expected figure is worked out by hand from the events.
// Mutations checked:
//   - the ticket upsert adding counts (transfers = report_tickets.transfers + excluded.transfers)
//     instead of recomputing: the late batch counts T1's transfer twice → the late-event test fails;
//   - the daily upsert ON CONFLICT DO NOTHING (a day written once): the late events leave day 1 as
//     it was → the late-event test fails;
//   - ingest not refreshing the rollup: every report is empty → all fail;
//   - the re-interpretation at start (central/ingest/parked.ts) not refreshing it: the parked
//     finish, accepted after the upgrade, leaves its day unserved → the parked-event test fails;
//   - migration 008 without its backfill INSERTs: the backfill test finds no rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrate } from '../../../central/migrate.js';
import { crossHallReport, type CrossHallRow } from '../../../central/reports/cross-hall.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { centralMigrationsBefore } from '../../helpers/central-migrations.js';
import { call, ev, startCentral, type Central, type CentralHall, type UplinkEvent } from './helpers.js';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 21, 1, 0); // 09:00 in Beijing, service day 2026-11-21
const t1 = t0 + 24 * 60 * MIN;
const D1 = '2026-11-21';
const D2 = '2026-11-22';

const issued = (seq: number, ticketId: string, matterId: string, at: number, day = D1): UplinkEvent =>
  ev(seq, 'ticket_issued', { ticketId, number: ticketId, queueId: 'A', matterId, ticketClass: 'walk_in', issuedAt: at }, { at, serviceDay: day });
const atCounter = (seq: number, type: string, ticketId: string, at: number, extra: Record<string, unknown> = {}, day = D1): UplinkEvent =>
  ev(seq, type, { ticketId, number: ticketId, counterId: 'c1', ...extra }, { at, serviceDay: day });

// Batch 1 (day 1): T1 (M1) called after 5 min then transferred (waiting again: no measured wait);
// T2 (M1) waiting; T3 (M2) called after 2 min.
const batch1 = [
  issued(1, 'T1', 'M1', t0),
  issued(2, 'T2', 'M1', t0 + 1 * MIN),
  atCounter(3, 'ticket_called', 'T1', t0 + 5 * MIN),
  atCounter(4, 'ticket_transferred', 'T1', t0 + 6 * MIN, { fromQueueId: 'A', toQueueId: 'B' }),
  issued(5, 'T3', 'M2', t0 + 7 * MIN),
  atCounter(6, 'ticket_called', 'T3', t0 + 9 * MIN),
];
// Batch 2 (day 2): T4 (M1) called after 3 min.
const batch2 = [issued(7, 'T4', 'M1', t1, D2), atCounter(8, 'ticket_called', 'T4', t1 + 3 * MIN, {}, D2)];
// Batch 3, late, for day 1 (after day 2's): T1 called again at 20 min and served; T2 called at
// 40 min (39 min after its issue) and a no-show.
const batch3 = [
  atCounter(9, 'ticket_called', 'T1', t0 + 20 * MIN),
  atCounter(10, 'service_finished', 'T1', t0 + 30 * MIN, { matterId: 'M1', staffId: 's1' }),
  atCounter(11, 'ticket_called', 'T2', t0 + 40 * MIN),
  atCounter(12, 'ticket_no_show', 'T2', t0 + 45 * MIN),
];

type Figures = Omit<CrossHallRow, 'hallName'>;
const row = (serviceDay: string, matterId: string, f: Partial<Figures>): Figures => ({
  hallId: 'hall-r',
  serviceDay,
  matterId,
  tickets: 0,
  served: 0,
  noShows: 0,
  transfers: 0,
  suspensions: 0,
  called: 0,
  meanWaitSeconds: null,
  maxWaitSeconds: null,
  ...f,
});
const day1Before = [row(D1, 'M1', { tickets: 2, transfers: 1 }), row(D1, 'M2', { tickets: 1, called: 1, meanWaitSeconds: 120, maxWaitSeconds: 120 })];
const day2 = row(D2, 'M1', { tickets: 1, called: 1, meanWaitSeconds: 180, maxWaitSeconds: 180 });
const day1After = [
  row(D1, 'M1', { tickets: 2, served: 1, noShows: 1, transfers: 1, called: 2, meanWaitSeconds: (20 * 60 + 39 * 60) / 2, maxWaitSeconds: 39 * 60 }),
  day1Before[1]!,
];

let server: TestPostgres;
let c: Central;
let hall: CentralHall;

beforeAll(async () => {
  server = await startPostgres();
  c = await startCentral(server, { operatorToken: 'op' });
  hall = await c.hall('hall-r', '报表大厅');
}, 60_000);
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

async function report(from: string, to: string, hallId = 'hall-r'): Promise<Figures[]> {
  const r = await call<{ rows: CrossHallRow[] }>(c.central.url, 'GET', `/v1/reports?from=${from}&to=${to}&hallId=${hallId}`, { token: 'op' });
  expect(r.status).toBe(200);
  return r.body.rows.map(({ hallName: _name, ...f }) => f);
}

describe('the cross-hall report reads a rollup kept at ingest', () => {
  it('an event for a past day arriving later updates that day; a duplicate batch counts once', async () => {
    expect((await hall.push(batch1)).body).toMatchObject({ ackSeq: 6, accepted: 6 });
    expect(await report(D1, D1)).toEqual(day1Before);
    expect((await hall.push(batch2)).body).toMatchObject({ ackSeq: 8, accepted: 2 });
    expect((await hall.push(batch3, { batchId: 'late-1' })).body).toMatchObject({ ackSeq: 12, accepted: 4 });
    expect(await report(D1, D2)).toEqual([...day1After, day2]);

    // The same batch replayed, and every event again under a new batch id: nothing counts twice.
    expect((await hall.push(batch3, { batchId: 'late-1' })).body).toMatchObject({ ackSeq: 12, accepted: 4 });
    expect((await hall.push([...batch1, ...batch2, ...batch3])).body).toMatchObject({ ackSeq: 12, accepted: 0, duplicates: 12 });
    expect(await report(D1, D2)).toEqual([...day1After, day2]);
    // The rollup equals its definitions (the migration's functions) applied afresh.
    const fresh = await c.central.pool.query(
      `SELECT count(*)::int AS n FROM report_daily d FULL JOIN (
         SELECT f.* FROM (SELECT array_agg(hall_id) h, array_agg(service_day) d, array_agg(matter_id) m FROM report_daily) a, report_daily_facts(a.h, a.d, a.m) f
       ) f USING (hall_id, service_day, matter_id) WHERE (d.*) IS DISTINCT FROM (f.*)`,
    );
    expect(fresh.rows[0].n).toBe(0);
  });

  it('an event accepted at re-interpretation (parked, then understood after an upgrade) updates its day', async () => {
    const other = await c.hall('hall-p', '停放大厅');
    const finish = atCounter(3, 'service_finished', 'P1', t0 + 9 * MIN, { matterId: 'M1', staffId: 's1' });
    await other.push([issued(1, 'P1', 'M1', t0), atCounter(2, 'ticket_called', 'P1', t0 + 4 * MIN), { ...finish, schemaVersion: 2 }]);
    const served = async () => (await report(D1, D1, 'hall-p')).map((r) => [r.tickets, r.served, r.called]);
    expect(await served()).toEqual([[1, 0, 1]]);
    // Simulate the upgrade: version 2 of service_finished is now understood as version 1.
    await c.central.pool.query(`UPDATE parked SET schema_version = 1, raw = jsonb_set(raw::jsonb, '{schemaVersion}', '1')::text WHERE hall_id = 'hall-p'`);
    const url = c.databaseUrl;
    await c.close();
    c = await startCentral(server, { operatorToken: 'op' }, url);
    expect(await served()).toEqual([[1, 1, 1]]);
  });

  it('migration 008 backfills the days ingested before it', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 2 });
    try {
      await migrate(pool, centralMigrationsBefore(8));
      await pool.query(`INSERT INTO halls (hall_id, name, token_hash, created_at) VALUES ('hall-r', '报表大厅', '\\x00'::bytea, 0)`);
      await pool.query(`INSERT INTO streams (stream_id, hall_id, reason, created_at) VALUES ('s-1', 'hall-r', 'first_start', 0)`);
      for (const e of [...batch1, ...batch2, ...batch3]) {
        await pool.query(
          `INSERT INTO events (stream_id, seq, event_id, hall_id, type, schema_version, service_day, at, payload, received_at)
           VALUES ('s-1', $1, $2, 'hall-r', $3, 1, $4::date, $5, $6::jsonb, 0)`,
          [e.seq, e.id, e.type, e.serviceDay, e.at, JSON.stringify(e.payload)],
        );
      }
      expect(await migrate(pool)).toContain('008-report-rollup-eval-detail.sql');
      const rows = (await crossHallReport(pool, D1, D2, null)).map(({ hallName: _name, ...f }) => f);
      expect(rows).toEqual([...day1After, day2]);
    } finally {
      await pool.end();
    }
  });
});
