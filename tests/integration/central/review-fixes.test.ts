// Central after review, against real parts (PostgreSQL 15, the central server
// over TCP, the provincial emulator over TCP):
//  - recovering interrupted forwards leaves a `sent` forward another live
//    central process may still be sending alone (younger than timeout + margin);
//  - the province's channel table is a setting of central's forwarder, and a
//    hall with channel overrides gets its channels through unchanged;
//  - a failed listen (port taken) ends the pool and stops the forwarder;
//  - the datasets routes answer 400 invalid_request (docs/sync-protocol.md).
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call, startCentral } from './helpers.js';
import { startCentralServer } from '../../../central/server.js';
import { startProvincialEmulator } from '../../../central/provincial-emulator/server.js';
import { PgRatingForwards, receiveRating } from '../../../central/ratings/pg-outbox.js';
import { PROVINCIAL_DESTINATION_ID, RECOVERY_MARGIN_MS } from '../../../central/ratings/forwarder.js';
import { nationalProfile, type RatingRecord } from '../../../protocol/central/ratings/profiles/index.js';

let pgServer: TestPostgres;
beforeAll(async () => {
  pgServer = await startPostgres();
});
afterAll(async () => {
  await pgServer?.stop();
});

const DEPT = '11150602MB1234567X';
let n = 0;
const record = (hallId: string, over: Partial<RatingRecord> = {}): RatingRecord => {
  n++;
  return {
    ratingId: `r-${n}-${Math.random().toString(36).slice(2, 8)}`,
    hallId,
    caseNumber: `case-${n}-${Math.random().toString(36).slice(2, 8)}`,
    assessNumber: 1,
    level: 'satisfied',
    ratedAt: Date.UTC(2026, 10, 21, 2, 30, 0),
    channel: 'hall_pad',
    areaCode: '150602',
    deptCode: DEPT,
    matterCode: '000101001000',
    matterName: '不动产登记',
    comment: null,
    ...over,
  };
};

async function waitFor(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('central after review', () => {
  it('recoverInterrupted takes only `sent` forwards older than the request timeout + margin', async () => {
    const c = await startCentral(pgServer); // no provincial: no forwarder of its own
    try {
      await c.central.addHall('hall-rec', '测试大厅', '150602');
      const now = 10_000_000;
      const timeoutMs = 15_000;
      const young = record('hall-rec');
      const old = record('hall-rec');
      for (const r of [young, old]) await receiveRating(c.central.pool, now - 500_000, r, PROVINCIAL_DESTINATION_ID);
      // `young` is being sent right now by another live central process; `old` was left by a dead one.
      await c.central.pool.query(`UPDATE rating_forwards SET state = 'sent', sent_at = $2, attempts = 1 WHERE rating_id = $1`, [young.ratingId, now - 2_000]);
      await c.central.pool.query(`UPDATE rating_forwards SET state = 'sent', sent_at = $2, attempts = 1 WHERE rating_id = $1`, [old.ratingId, now - timeoutMs - RECOVERY_MARGIN_MS - 1]);
      const store = new PgRatingForwards(c.central.pool);
      expect(await store.recoverInterrupted(PROVINCIAL_DESTINATION_ID, now, timeoutMs + RECOVERY_MARGIN_MS)).toBe(1);
      expect((await store.get(young.ratingId, PROVINCIAL_DESTINATION_ID))!.state).toBe('sent');
      expect((await store.get(old.ratingId, PROVINCIAL_DESTINATION_ID))!.state).toBe('unknown');
      // Once the young one is old enough (its sender died after all), a later recovery takes it.
      expect(await store.recoverInterrupted(PROVINCIAL_DESTINATION_ID, now + timeoutMs + RECOVERY_MARGIN_MS, timeoutMs + RECOVERY_MARGIN_MS)).toBe(1);
      expect((await store.get(young.ratingId, PROVINCIAL_DESTINATION_ID))!.state).toBe('unknown');
    } finally {
      await c.close();
    }
  });

  it('forwards with the channel table set on central; a hall with overrides {"sms":"6","system_default":"7"} keeps its channels', async () => {
    const emulator = await startProvincialEmulator({ clients: [{ clientId: 'central', clientSecret: 'p@ss' }] });
    const overrides = { sms: '6', system_default: '7' } as const;
    const c = await startCentral(pgServer, { provincial: { url: emulator.url, clientId: 'central', clientSecret: 'p@ss', channelCodes: overrides, pollMs: 200 } });
    try {
      const { token } = await c.central.addHall('hall-ch', '测试大厅', '150602');
      const sms = record('hall-ch', { channel: 'sms' });
      const sysDefault = record('hall-ch', { channel: 'system_default', level: 'basic' });
      const phone = record('hall-ch', { channel: 'phone' });
      for (const r of [sms, sysDefault, phone]) {
        // What the hall's CentralDestination sends with ratingUpload.channelCodes = overrides.
        const body = nationalProfile.encode(r, { utcOffsetMinutes: 480, channelCodes: overrides });
        const res = await call<{ status: string }>(c.central.url, 'POST', '/v1/ratings', { token, hallId: 'hall-ch', body });
        expect(res.status).toBe(200);
      }
      const stored = await c.central.pool.query<{ rating_id: string; channel: string }>('SELECT rating_id, channel FROM ratings_received');
      const byId = new Map(stored.rows.map((r) => [r.rating_id, r.channel]));
      expect(byId.get(sms.ratingId)).toBe('sms');
      expect(byId.get(sysDefault.ratingId)).toBe('system_default');
      expect(byId.get(phone.ratingId)).toBe('phone');
      await waitFor(() => [sms, sysDefault, phone].every((r) => emulator.ratings.has(`${r.caseNumber}#1`)), 'the province to hold all three');
      expect(emulator.ratings.get(`${sms.caseNumber}#1`)!.body.pf).toBe('6');
      expect(emulator.ratings.get(`${sysDefault.caseNumber}#1`)!.body.pf).toBe('7');
      expect(emulator.ratings.get(`${phone.caseNumber}#1`)!.body.pf).toBe('6');
    } finally {
      await c.close();
      await emulator.close();
    }
  });

  it('a failed listen (port taken) ends the pool and stops the forwarder: no connection is left open', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const databaseUrl = await pgServer.createDatabase();
    const dbName = new URL(databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    try {
      await expect(
        startCentralServer({ databaseUrl, port, rateLimit: false, provincial: { url: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y', pollMs: 50 } }),
      ).rejects.toThrow(/EADDRINUSE/);
      const open = async () => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [dbName])).rows[0]!.n);
      // The pool's idle connections would otherwise stay for its 10 s idle timeout, and the
      // forwarder would keep polling PostgreSQL every 50 ms for ever.
      await waitFor(async () => (await open()) === 0, 'every connection of the failed server to close', 3_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(await open()).toBe(0);
    } finally {
      await admin.end();
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('the datasets routes answer 400 invalid_request for a bad limit, after or since; 404 unknown_dataset; 405', async () => {
    const c = await startCentral(pgServer);
    try {
      const h = await c.hall('hall-ds');
      for (const q of ['/snapshot?limit=0', '/snapshot?limit=2001', '/snapshot?after=a%20b', '?since=abc', '?since=-1', '']) {
        const r = await call<{ error: { code: string } }>(c.central.url, 'GET', `/v1/halls/hall-ds/datasets/catalog${q}`, { token: h.token, hallId: 'hall-ds' });
        expect([r.status, r.body.error?.code], q).toEqual([400, 'invalid_request']);
      }
      const unknown = await call<{ error: { code: string } }>(c.central.url, 'GET', '/v1/halls/hall-ds/datasets/nope?since=0', { token: h.token, hallId: 'hall-ds' });
      expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'unknown_dataset']);
      const method = await call<{ error: { code: string } }>(c.central.url, 'DELETE', '/v1/halls/hall-ds/datasets/catalog/snapshot', { token: h.token, hallId: 'hall-ds' });
      expect(method.status).toBe(405);
    } finally {
      await c.close();
    }
  });
});
