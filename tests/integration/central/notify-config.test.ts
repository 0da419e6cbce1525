// Notification settings as an operator sets them: NOTIFY_* in the environment of
// `central/main.ts serve` (docs/notifications.md), on a real PostgreSQL, with the SMS gateway
// emulator over HTTP and real time. Checked against: NOTIFY_COME_NOW_MINUTES and
// NOTIFY_RETENTION_DAYS ignored by notifyOptionsFromEnv (expires_at and purge_after keep the
// defaults), NOTIFY_SMS_CALLBACK_URL not passed to the gateway (the message stays "sent").
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsGatewayEmulator } from '../../../central/notify/emulators/sms-gateway.js';
import { WeChatEmulator } from '../../../central/notify/emulators/wechat.js';
import type { BoardPush, BoardTicket } from '../../../protocol/central/phone.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call } from './helpers.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const main = path.join(root, 'central/main.ts');
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: { PATH: process.env.PATH!, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Served {
  url: string;
  token: string;
  pool: pg.Pool;
  output(): string;
  /** SIGTERM; the exit code must be 0. */
  stop(): Promise<void>;
}

/** A fresh database with one hall (add-hall), then `serve` on a free port with the environment `env(port)`. */
async function serve(hallId: string, env: (port: number) => Record<string, string>): Promise<Served> {
  const databaseUrl = await server.createDatabase();
  const port = await freePort();
  const added = await cli(['add-hall', hallId, '配置测试中心'], { DATABASE_URL: databaseUrl });
  expect(added.code).toBe(0);
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ...env(port) },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await until('central listening', async () => /listening on/.test(output));
  return {
    url: `http://127.0.0.1:${port}`,
    token: added.stdout.trim().split('\n').at(-1)!,
    pool,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await pool.end();
    },
  };
}

/** Pushes a full board of `tickets` for `hallId` (version counting up). */
function boardPusher(c: Served, hallId: string, day: string) {
  let version = 0;
  return async (tickets: BoardTicket[]) => {
    const body: BoardPush = { mode: 'full', version: ++version, generatedAt: Date.now(), serviceDay: day, hall: { name: '配置测试中心', mode: 'open', missedRejoinMinutes: 10 }, queues: [], tickets };
    expect((await call(c.url, 'POST', `/v1/halls/${hallId}/board`, { token: c.token, body })).status).toBe(200);
  };
}

const entry = (id: string, over: Partial<BoardTicket> = {}): BoardTicket => ({ ticketId: id, keyHash: createHash('sha256').update(`key-${id}-0000`).digest('hex'), number: id.toUpperCase(), status: 'waiting', matterName: '户籍', queueId: 'q', peopleAhead: 5, estimate: null, counterNumber: null, calledAt: null, rating: null, ...over });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('notification settings through central’s environment', () => {
  it('serve with NOTIFY_*: the SMS goes through the configured gateway with its sign name, reports come back to the callback URL, the come-now window and the retention are the ones set', async () => {
    const sms = new SmsGatewayEmulator({ apps: [{ appKey: 'ops-app', appSecret: 'ops-secret' }] });
    await sms.listen();
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notify-config-')), 'keys', 'notify.key');
    const c = await serve('hall-env', (port) => ({
      NOTIFY_KEY_FILE: keyFile,
      NOTIFY_SMS_URL: sms.url,
      NOTIFY_SMS_APP_KEY: 'ops-app',
      NOTIFY_SMS_APP_SECRET: 'ops-secret',
      NOTIFY_SMS_SIGN_NAME: '配置测试',
      NOTIFY_SMS_CALLBACK_URL: `http://127.0.0.1:${port}/v1/notify/sms/reports`,
      NOTIFY_RETENTION_DAYS: '3',
      NOTIFY_COME_NOW_MINUTES: '5',
    }));
    try {
      const day = today();
      const push = boardPusher(c, 'hall-env', day);
      await push([entry('b7', { peopleAhead: 4 })]);
      const given = await call(c.url, 'POST', '/v1/public/halls/hall-env/tickets/b7/notify', { body: { key: 'key-b7-0000', channel: 'sms', phone: '13612345678', aheadThreshold: 2 } });
      expect(given.status).toBe(200);
      const calledAt = Date.now();
      await push([entry('b7', { status: 'called', counterNumber: 9, calledAt, peopleAhead: 0 })]);
      const sent = await until('the SMS', async () => sms.received('13612345678')[0]);
      expect(sent).toMatchObject({ content: '【配置测试中心】请 B7 号到 9 号窗口办理。', signName: '配置测试' });
      const row = await until('the delivery report', async () => {
        const r = await c.pool.query<{ state: string; expires_at: string }>("SELECT state, expires_at FROM notify_messages WHERE state = 'delivered'");
        return r.rows[0];
      });
      expect(Number(row.expires_at)).toBe(calledAt + 5 * 60_000);
      const consent = await c.pool.query<{ purge_after: string }>('SELECT purge_after FROM notify_consents');
      expect(Number(consent.rows[0]!.purge_after)).toBe(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000 + 3 * 86_400_000);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(c.output()).not.toContain('13612345678');
    } finally {
      await c.stop();
      await sms.close();
    }
  });

  it('serve with NOTIFY_WECHAT_*: the template, its field mapping, the people-ahead window and the request timeout are the ones set', async () => {
    // Checked against: NOTIFY_WECHAT_FIELDS ignored (the default keys arrive), NOTIFY_TIMEOUT_MS
    // ignored (the 1.5 s answer is waited for: delivered instead of failed).
    const wechat = new WeChatEmulator({ appId: 'wx-ops', appSecret: 'wx-ops-secret', templateId: 'tmpl-ops' });
    await wechat.listen();
    wechat.subscribe('openid-ops-1', 5);
    wechat.subscribe('openid-ops-2', 5);
    const c = await serve('hall-wx', () => ({
      NOTIFY_KEY_FILE: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notify-config-')), 'notify.key'),
      NOTIFY_WECHAT_URL: wechat.url,
      NOTIFY_WECHAT_APP_ID: 'wx-ops',
      NOTIFY_WECHAT_APP_SECRET: 'wx-ops-secret',
      NOTIFY_WECHAT_TEMPLATE_ID: 'tmpl-ops',
      NOTIFY_WECHAT_FIELDS: '{"number":"character_string9","status":"phrase3","hall":"thing1","note":"thing5"}',
      NOTIFY_AHEAD_MINUTES: '7',
      NOTIFY_TIMEOUT_MS: '300',
    }));
    try {
      const push = boardPusher(c, 'hall-wx', today());
      await push([entry('w1'), entry('w2')]);
      for (const [id, openid] of [['w1', 'openid-ops-1'], ['w2', 'openid-ops-2']] as const) {
        expect((await call(c.url, 'POST', `/v1/public/halls/hall-wx/tickets/${id}/notify`, { body: { key: `key-${id}-0000`, channel: 'wechat', openid, aheadThreshold: 2 } })).status).toBe(200);
      }
      await push([entry('w1', { peopleAhead: 2 }), entry('w2')]);
      const notice = await until('the WeChat notice', async () => wechat.received('openid-ops-1')[0]);
      expect(notice.templateId).toBe('tmpl-ops');
      expect(notice.data).toEqual({ character_string9: { value: 'W1' }, phrase3: { value: '前面还有 2 人' }, thing1: { value: '配置测试中心' }, thing5: { value: '请留意叫号' } });
      const ahead = await c.pool.query<{ created_at: string; expires_at: string }>("SELECT created_at, expires_at FROM notify_messages WHERE ticket_id = 'w1'");
      expect(Number(ahead.rows[0]!.expires_at) - Number(ahead.rows[0]!.created_at)).toBe(7 * 60_000);

      wechat.delayMs = 1_500;
      await push([entry('w1', { peopleAhead: 1 }), entry('w2', { peopleAhead: 1 })]);
      const failed = await until('the timed-out send', async () => {
        const r = await c.pool.query<{ state: string; last_error: string }>("SELECT state, last_error FROM notify_messages WHERE ticket_id = 'w2' AND state IN ('failed', 'delivered')");
        return r.rows[0];
      });
      expect(failed.state).toBe('failed');
      expect(failed.last_error).toMatch(/timeout.*outcome unknown, not sent again/);
    } finally {
      await c.stop();
      await wechat.close();
    }
  });

  it('a gateway without its key file, a half-configured channel or a bad number exits 1 with the variable named', async () => {
    const databaseUrl = await server.createDatabase();
    const base = { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' };
    const noKey = await cli(['serve'], { ...base, NOTIFY_SMS_URL: 'http://127.0.0.1:9', NOTIFY_SMS_APP_KEY: 'a', NOTIFY_SMS_APP_SECRET: 'b' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('NOTIFY_KEY_FILE is not');
    const half = await cli(['serve'], { ...base, NOTIFY_WECHAT_APP_ID: 'wx1', NOTIFY_KEY_FILE: '/tmp/x.key' });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('NOTIFY_WECHAT_APP_SECRET, NOTIFY_WECHAT_TEMPLATE_ID are missing');
    const bad = await cli(['serve'], { ...base, NOTIFY_SMS_URL: 'http://127.0.0.1:9', NOTIFY_SMS_APP_KEY: 'a', NOTIFY_SMS_APP_SECRET: 'b', NOTIFY_KEY_FILE: '/tmp/x.key', NOTIFY_RETENTION_DAYS: 'two' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('NOTIFY_RETENTION_DAYS "two" must be a number from 0 to 365');
  });
});
