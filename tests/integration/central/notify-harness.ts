// A real central (PostgreSQL) with notifications on, the SMS gateway and WeChat emulators over
// real HTTP, one hall registered, an injected clock, and helpers to push the hall's board the
// way the hall does (POST /v1/halls/{hallId}/board) and to act as the visitor's phone.
// The worker is driven with round() (runOnce); its own loop only runs when poked.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import type { NotifyOptions } from '../../../central/notify/index.js';
import { SMS_REPORTS_PATH } from '../../../central/notify/routes.js';
import { SmsGatewayEmulator } from '../../../central/notify/emulators/sms-gateway.js';
import { WeChatEmulator } from '../../../central/notify/emulators/wechat.js';
import type { BoardPush, BoardTicket } from '../../../protocol/central/phone.js';
import type { ConsentView } from '../../../protocol/central/notifications.js';
import type { TestPostgres } from '../../helpers/postgres.js';
import { call, type Reply } from './helpers.js';

export const HALL = 'hall-n1';
export const DAY = '2026-03-02';
/** 09:00 China time on DAY. */
export const T0 = Date.parse(`${DAY}T09:00:00+08:00`);

export const keyOf = (ticketId: string) => `key-of-${ticketId}-0123456789`;

export function ticket(ticketId: string, over: Partial<BoardTicket> = {}): BoardTicket {
  return {
    ticketId,
    keyHash: createHash('sha256').update(keyOf(ticketId)).digest('hex'),
    number: `A${ticketId.replace(/\D/g, '').padStart(3, '0')}`,
    status: 'waiting',
    matterName: '社保卡补办',
    queueId: 'q-a',
    peopleAhead: 9,
    estimate: null,
    counterNumber: null,
    calledAt: null,
    rating: null,
    ...over,
  };
}

export interface NotifyHarness {
  central: RunningCentral;
  sms: SmsGatewayEmulator;
  wechat: WeChatEmulator;
  keyFile: string;
  clock: { now: number };
  push(tickets: BoardTicket[], o?: { missedRejoinMinutes?: number }): Promise<void>;
  consent(ticketId: string, body: Record<string, unknown>): Promise<Reply<ConsentView & { error?: { code: string } }>>;
  withdraw(ticketId: string): Promise<Reply<ConsentView>>;
  view(ticketId: string): Promise<Reply<ConsentView>>;
  /** Runs worker rounds and waits for the gateway's reports to be answered. */
  round(times?: number): Promise<void>;
  messages(): Promise<{ ticket_id: string; kind: string; state: string; event_key: string; attempts: number; last_error: string | null; expires_at: string }[]>;
  close(): Promise<void>;
}

export async function startNotifyHarness(pg: TestPostgres, o: { notify?: Partial<NotifyOptions>; databaseUrl?: string; keyFile?: string } = {}): Promise<NotifyHarness> {
  const clock = { now: T0 };
  const sms = new SmsGatewayEmulator();
  const wechat = new WeChatEmulator({ now: () => clock.now });
  await sms.listen();
  await wechat.listen();
  const keyFile = o.keyFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'central-notify-')), 'notify.key');
  const central = await startCentralServer({
    databaseUrl: o.databaseUrl ?? (await pg.createDatabase()),
    rateLimit: false,
    operatorToken: 'op-token',
    now: () => clock.now,
    phone: { publicRateLimit: false },
    notify: {
      keyFile,
      sms: { url: sms.url, appKey: 'demo-app', appSecret: 'demo-secret', signName: '政务服务', timeoutMs: 400 },
      wechat: { url: wechat.url, appId: wechat.appId, appSecret: wechat.appSecret, templateId: wechat.templateId, timeoutMs: 400 },
      pollMs: 3_600_000,
      ...o.notify,
    },
  });
  sms.callbackUrl = central.url + SMS_REPORTS_PATH;
  const { token } = await central.addHall(HALL, '一号政务服务中心');
  let version = 0;
  const round = async (times = 1) => {
    for (let i = 0; i < times; i++) {
      await central.notify!.runOnce();
      await sms.settled();
    }
  };
  return {
    central,
    sms,
    wechat,
    keyFile,
    clock,
    async push(tickets, p = {}) {
      const body: BoardPush = {
        mode: 'full',
        version: ++version,
        generatedAt: clock.now,
        serviceDay: DAY,
        hall: { name: '一号政务服务中心', mode: 'open', missedRejoinMinutes: p.missedRejoinMinutes ?? 30 },
        queues: [],
        tickets,
      };
      const r = await call(central.url, 'POST', `/v1/halls/${HALL}/board`, { token, hallId: HALL, body });
      if (r.status !== 200) throw new Error(`board push answered ${r.status}: ${JSON.stringify(r.body)}`);
    },
    consent: (ticketId, body) => call(central.url, 'POST', `/v1/public/halls/${HALL}/tickets/${ticketId}/notify`, { body: { key: keyOf(ticketId), ...body } }),
    withdraw: (ticketId) => call(central.url, 'POST', `/v1/public/halls/${HALL}/tickets/${ticketId}/notify/withdraw`, { body: { key: keyOf(ticketId) } }),
    view: (ticketId) => call(central.url, 'GET', `/v1/public/halls/${HALL}/tickets/${ticketId}/notify?key=${encodeURIComponent(keyOf(ticketId))}`),
    round,
    async messages() {
      const { rows } = await central.pool.query('SELECT ticket_id, kind, state, event_key, attempts, last_error, expires_at FROM notify_messages ORDER BY created_at, kind');
      return rows;
    },
    async close() {
      await central.close();
      await sms.close();
      await wechat.close();
    },
  };
}

/** Every row of every table of central's database as text (for "never in clear" checks). */
export async function dumpDatabase(central: RunningCentral): Promise<string> {
  const { rows } = await central.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  let out = '';
  for (const { table_name } of rows) {
    const r = await central.pool.query(`SELECT t::text AS row FROM "${table_name}" t`);
    out += r.rows.map((x: { row: string }) => x.row).join('\n');
  }
  return out;
}
