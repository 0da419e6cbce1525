// The phone link's settings as a user writes them (docs/phone.md "Configuration"): the hall's
// `phone` section in its configuration file, central's PHONE_* environment of `central serve`.
// Mutations tried: config.phone.enabled ignored in sync-agent.ts (central got a board); the
// publisher's kick() a no-op (with no heartbeat for 300 s the tickets never reach central);
// maxPushBytes ignored by the publisher (one 40 KB push: the size check fails); PHONE_RATE_LIMIT
// not passed to startCentralServer (no 429); PHONE_STALE_SECONDS not passed (never stale within
// the wait: the default is 60 s). This test found that a queue of 80 has an estimate over the wire's
// 24 h bound: the board was refused whole until board.ts bounded it (without it: never 80 at central).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startHallWithCentral, until } from '../../helpers/hall-with-central.js';
import { startHttpProxy } from '../../helpers/http-proxy.js';
import { boardPush, boardTicket } from '../../helpers/phone-board.js';
import { call } from '../central/helpers.js';
import { startCentralServe } from '../../helpers/central-serve.js';
import type { PublicHallView } from '../../../protocol/central/phone.js';

const root = path.resolve(import.meta.dirname, '../../..');
let pg: TestPostgres;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe('the hall’s phone section', () => {
  it('phone.enabled false: the hall syncs its events but publishes no board', async () => {
    const hall = await startHallWithCentral((c) => (c.phone = { enabled: false }), { pg });
    try {
      await hall.h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
      await until(async () => (await hall.central.rows()).some((r) => r.type === 'ticket_issued'), 'the event at central');
      const boards = await hall.central.central!.pool.query('SELECT count(*)::int AS n FROM phone_boards');
      expect(boards.rows[0]).toEqual({ n: 0 });
    } finally {
      await hall.close();
    }
  });

  it('phone.maxPushBytes: a larger board goes in several requests, each within the bound, all of it at central', async () => {
    const proxy = await startHttpProxy();
    const sizes: number[] = [];
    proxy.drop = (req) => {
      if (req.method === 'POST' && (req.url ?? '').endsWith('/board')) sizes.push(Number(req.headers['content-length']));
      return false;
    };
    const hall = await startHallWithCentral(
      (c) => {
        const sync = c.sync as { centralUrl: string };
        proxy.target = sync.centralUrl;
        sync.centralUrl = proxy.url;
        c.phone = { maxPushBytes: 16384, pushDebounceMs: 1000, heartbeatSeconds: 300 };
      },
      { pg },
    );
    try {
      for (let i = 0; i < 80; i++) expect((await hall.h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } })).status).toBe(201);
      // No heartbeat for 300 s: the tickets reach central only through the pushes events kick off.
      const pool = hall.central.central!.pool;
      await until(async () => (await pool.query('SELECT count(*)::int AS n FROM phone_board_tickets')).rows[0].n === 80, 'all 80 tickets at central');
      const beforeRestart = sizes.length;
      await hall.h.restart(); // a full board of 80 tickets at start: more than 16 KiB
      // The full board's first part replaces central's tickets; the later parts (deltas) add the rest.
      await until(async () => sizes.length >= beforeRestart + 2 && (await pool.query('SELECT count(*)::int AS n FROM phone_board_tickets')).rows[0].n === 80, 'the full board in parts');
      expect(Math.max(...sizes)).toBeLessThanOrEqual(16384);
    } finally {
      await hall.close();
      await proxy.close();
    }
  });
});

describe('central serve: PHONE_STALE_SECONDS and PHONE_RATE_LIMIT', () => {
  const cli = promisify(execFile);
  it('reads both; a bad value exits 1 naming the variable', async () => {
    const databaseUrl = await pg.createDatabase();
    const env = { PATH: process.env.PATH, DATABASE_URL: databaseUrl };
    const added = await cli(process.execPath, ['--import', 'tsx', 'central/main.ts', 'add-hall', 'hall-phone', '测试大厅'], { cwd: root, env });
    const token = added.stdout.trim().split('\n').at(-1)!;
    const bad = await cli(process.execPath, ['--import', 'tsx', 'central/main.ts', 'serve'], { cwd: root, env: { ...env, PORT: '0', PHONE_STALE_SECONDS: 'soon' } }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain('PHONE_STALE_SECONDS "soon"');

    const serve = await startCentralServe({ ...env, PORT: '0', HOST: '127.0.0.1', PHONE_STALE_SECONDS: '1', PHONE_RATE_LIMIT: '4/0.01' });
    const url = serve.url;
    try {
      expect((await call(url, 'POST', '/v1/halls/hall-phone/board', { token, body: boardPush(1, [boardTicket('t1', 'k')]) })).status).toBe(200);
      const first = await call<PublicHallView>(url, 'GET', '/v1/public/halls/hall-phone');
      expect(first.status).toBe(200);
      // Stale after 1 s of silence (read with since/waitSeconds so the wait is central's, not a sleep here).
      const later = await call<PublicHallView>(url, 'GET', '/v1/public/halls/hall-phone?since=1&waitSeconds=2');
      expect(later.body.stale).toBe(true);
      const codes = [(await call(url, 'GET', '/v1/public/halls/hall-phone')).status, (await call(url, 'GET', '/v1/public/halls/hall-phone')).status, (await call(url, 'GET', '/v1/public/halls/hall-phone')).status];
      expect(codes).toContain(429);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);
});
