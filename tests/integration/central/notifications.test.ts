// Notifications at central (docs/notifications.md) on a real central + PostgreSQL, with the SMS
// gateway and WeChat emulators over real HTTP and an injected clock. The mutation each test was
// checked against is in its name's comment.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { smsSignature } from '../../../central/notify/sms-protocol.js';
import { SMS_REPORTS_PATH } from '../../../central/notify/routes.js';
import { startCentralServer } from '../../../central/server.js';
import { call } from './helpers.js';
import { DAY, dumpDatabase, startNotifyHarness, T0, ticket, type NotifyHarness } from './notify-harness.js';

const PHONE = '13812341234';
let pg: TestPostgres;
let h: NotifyHarness | null = null;
let logged: string[] = [];

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = null;
});

function captureLogs(): void {
  logged = [];
  for (const fn of ['log', 'error', 'warn', 'info'] as const) {
    vi.spyOn(console, fn).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
}

describe('notifications at central', () => {
  it('sends nothing without consent; with an SMS consent: people ahead once when it crosses the threshold, the call, the missed call — each once, delivered by report; the number never in clear in the database or logs', async () => {
    // Checked against: decide() ignoring aheadAtConsent (t3 is told "1 person ahead" at once);
    // a call's event key without calledAt (the recall is not sent); the masked column holding the
    // number in clear (the view and the dump show it).
    captureLogs();
    h = await startNotifyHarness(pg);
    await h.push([ticket('t1', { peopleAhead: 8 }), ticket('t2', { peopleAhead: 9 }), ticket('t3', { peopleAhead: 1 })]);
    // t3 is already within its threshold when consent is given: no "people ahead" for it, only its call.
    expect((await h.consent('t3', { channel: 'sms', phone: '13700007777', aheadThreshold: 3 })).status).toBe(200);
    const given = await h.consent('t1', { channel: 'sms', phone: '138-1234 1234', aheadThreshold: 3 });
    expect(given.status).toBe(200);
    expect(given.body.consent).toEqual({ channel: 'sms', addressMasked: '138****1234', aheadThreshold: 3, lang: 'zh-CN', withdrawn: false });
    expect(JSON.stringify(given.body)).not.toContain(PHONE);

    await h.push([ticket('t1', { peopleAhead: 4 }), ticket('t2', { peopleAhead: 5 })]);
    await h.round();
    expect(h.sms.received(PHONE)).toEqual([]);
    await h.push([ticket('t1', { peopleAhead: 3 }), ticket('t2', { peopleAhead: 0 })]);
    await h.round(2);
    await h.push([ticket('t1', { peopleAhead: 2 }), ticket('t2', { status: 'called', counterNumber: 4, calledAt: h.clock.now, peopleAhead: 0 }), ticket('t3', { status: 'called', counterNumber: 8, calledAt: h.clock.now, peopleAhead: 0 })]);
    await h.round();
    h.clock.now += 60_000;
    await h.push([ticket('t1', { status: 'called', counterNumber: 5, calledAt: h.clock.now, peopleAhead: 0 })]);
    await h.round(2);
    h.clock.now += 60_000;
    // A recall is a new call (new calledAt): told again.
    await h.push([ticket('t1', { status: 'called', counterNumber: 5, calledAt: h.clock.now, peopleAhead: 0 })]);
    await h.round();
    h.clock.now += 60_000;
    await h.push([ticket('t1', { status: 'no_show', counterNumber: 5, calledAt: h.clock.now - 60_000, peopleAhead: 0 })], { missedRejoinMinutes: 20 });
    await h.round(2);

    expect(h.sms.received(PHONE).map((m) => m.content)).toEqual([
      '【一号政务服务中心】您的 A001 号前面还有 3 人，请留意叫号。',
      '【一号政务服务中心】请 A001 号到 5 号窗口办理。',
      '【一号政务服务中心】请 A001 号到 5 号窗口办理。',
      '【一号政务服务中心】您的 A001 号已过号，请在 20 分钟内到大厅咨询台重新排队。',
    ]);
    expect(h.sms.received('13700007777').map((m) => m.content)).toEqual(['【一号政务服务中心】请 A003 号到 8 号窗口办理。']);
    // Only the consented tickets: t2 was called and nobody asked.
    expect([...h.sms.handsets.keys()].sort()).toEqual(['13700007777', PHONE]);
    const msgs = (await h.messages()).filter((m) => m.ticket_id === 't1');
    expect(msgs.map((m) => [m.kind, m.state])).toEqual([
      ['ahead', 'delivered'],
      ['called', 'delivered'],
      ['called', 'delivered'],
      ['missed', 'delivered'],
    ]);
    const view = await h.view('t1');
    expect(view.body.messages.map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);

    const dump = await dumpDatabase(h.central);
    expect(dump).toContain('138****1234');
    expect(dump).not.toContain(PHONE);
    expect(dump).not.toContain('1234 1234');
    const status = await fetch(`${h.central.url}/v1/notify/status`);
    expect(status.status).toBe(401);
    const op = await call<{ channels: string[]; counts: Record<string, number>; recent: { address: string; state: string }[] }>(h.central.url, 'GET', '/v1/notify/status', { token: 'op-token' });
    expect(op.body.channels).toEqual(['sms', 'wechat']);
    expect(op.body.counts).toMatchObject({ delivered: 5, queued: 0, failed: 0 });
    expect(new Set(op.body.recent.map((r) => r.address))).toEqual(new Set(['138****1234', '137****7777']));
    expect(JSON.stringify(op.body)).not.toContain(PHONE);
    expect(logged.join('\n')).not.toContain(PHONE);
  });

  it('gateway down, then up: the message waits with backoff and goes out once; a "come now" that could not go out in time is dropped, never sent late', async () => {
    // Checked against: a refused connection classed permanent (failed, never sent); the deadline
    // guards removed together — expireOverdue, claim's expires_at, sendOne's next-attempt check —
    // (the late "come now" is sent when the gateway comes back; any one of them alone drops it).
    h = await startNotifyHarness(pg);
    await h.push([ticket('t1'), ticket('t2')]);
    await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 0 });
    await h.consent('t2', { channel: 'sms', phone: '13900001111', aheadThreshold: 0 });
    await h.sms.down();
    await h.push([ticket('t1', { status: 'called', counterNumber: 2, calledAt: h.clock.now }), ticket('t2')]);
    await h.round();
    let msgs = await h.messages();
    expect(msgs.map((m) => [m.kind, m.state, m.attempts])).toEqual([['called', 'queued', 1]]);
    expect(msgs[0]!.last_error).toMatch(/unreachable/);
    h.clock.now += 30_000;
    await h.sms.up();
    await h.round();
    expect(h.sms.received(PHONE).map((m) => m.content)).toEqual(['【一号政务服务中心】请 A001 号到 2 号窗口办理。']);

    // t2 is called while the gateway is down for longer than the come-now window (3 min).
    await h.sms.down();
    await h.push([ticket('t1', { status: 'serving', counterNumber: 2, calledAt: h.clock.now }), ticket('t2', { status: 'called', counterNumber: 3, calledAt: h.clock.now })]);
    await h.round();
    for (let i = 0; i < 6; i++) {
      h.clock.now += 40_000;
      await h.round();
    }
    await h.sms.up();
    await h.round();
    msgs = await h.messages();
    expect(msgs.map((m) => [m.kind, m.state])).toEqual([
      ['called', 'delivered'],
      ['called', 'expired'],
    ]);
    expect(h.sms.received('13900001111')).toEqual([]);
  });

  it('a slow gateway: the send times out, is retried with the same id, and the visitor gets one SMS', async () => {
    // Checked against: SmsGatewayNotifier not sending clientMsgId (two SMS on the handset), and
    // idempotent = false (the message fails as "outcome unknown" although it went out).
    h = await startNotifyHarness(pg);
    await h.push([ticket('t1')]);
    await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 0 });
    h.sms.delayMs = 1_500; // the client gives up after 400 ms; the gateway has taken the SMS
    h.sms.callbackUrl = null; // no report yet (a report during the wait would prove delivery at once)
    await h.push([ticket('t1', { status: 'called', counterNumber: 7, calledAt: h.clock.now })]);
    await h.round();
    let msgs = await h.messages();
    expect(msgs.map((m) => m.state)).toEqual(['queued']);
    expect(msgs[0]!.last_error).toMatch(/timeout/);
    h.sms.delayMs = 0;
    h.clock.now += 10_000;
    await h.round();
    msgs = await h.messages();
    expect(msgs.map((m) => m.state)).toEqual(['sent']);
    expect(h.sms.received(PHONE)).toHaveLength(1);
    expect(h.sms.requests.map((r) => r.duplicate)).toEqual([false, true]);
  });

  it('duplicate and out-of-order delivery reports: a report before the send answer is kept, a repeat changes nothing, a late UNDELIV does not undo delivered, a forged report is refused', async () => {
    // Checked against: notify_reports insert without ON CONFLICT (500 on the repeat); the
    // delivered-wins rule removed from applyReports (the late UNDELIV turns it failed).
    h = await startNotifyHarness(pg);
    h.sms.duplicateReports = true;
    h.sms.reportBeforeAnswer = true;
    await h.push([ticket('t1')]);
    await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 0 });
    await h.push([ticket('t1', { status: 'called', counterNumber: 1, calledAt: h.clock.now })]);
    await h.round();
    expect((await h.messages()).map((m) => m.state)).toEqual(['delivered']);
    expect(h.sms.reportsPosted.map((r) => r.status)).toEqual([200, 200]);
    const reports = await h.central.pool.query('SELECT report_key, status, applied FROM notify_reports');
    expect(reports.rows).toHaveLength(1);

    const msgId = h.sms.received(PHONE)[0]!.msgId;
    const post = (secret: string, reportId: string) => {
      const body = JSON.stringify({ reports: [{ reportId, msgId, status: 'UNDELIV', errCode: 'LATE', reportTime: T0 }] });
      const ts = String(Date.now());
      return fetch(h!.central.url + SMS_REPORTS_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-key': 'demo-app', 'x-timestamp': ts, 'x-nonce': 'n1', 'x-signature': smsSignature(secret, 'POST', SMS_REPORTS_PATH, ts, 'n1', body) },
        body,
      });
    };
    expect((await post('wrong-secret', 'late-1')).status).toBe(401);
    expect((await post('demo-secret', 'late-1')).status).toBe(200);
    expect((await h.messages()).map((m) => m.state)).toEqual(['delivered']);
  });

  it('withdrawing stops every message and erases the number; a ticket already finished takes no consent', async () => {
    // Checked against: withdrawConsent not expiring queued messages (still queued after it).
    h = await startNotifyHarness(pg);
    await h.push([ticket('t1', { peopleAhead: 6 }), ticket('t2', { status: 'finished' })]);
    await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 2 });
    await h.sms.down();
    await h.push([ticket('t1', { peopleAhead: 1 }), ticket('t2', { status: 'finished' })]);
    await h.round();
    expect((await h.messages()).map((m) => m.state)).toEqual(['queued']);
    const w = await h.withdraw('t1');
    expect(w.body.consent?.withdrawn).toBe(true);
    expect(w.body.messages.map((m) => m.state)).toEqual(['expired']);
    await h.sms.up();
    h.clock.now += 20_000;
    await h.push([ticket('t1', { status: 'called', counterNumber: 2, calledAt: h.clock.now }), ticket('t2', { status: 'finished' })]);
    await h.round(2);
    expect(h.sms.received(PHONE)).toEqual([]);
    expect((await h.messages()).map((m) => [m.kind, m.state, m.last_error])).toEqual([['ahead', 'expired', 'consent withdrawn']]);
    const row = await h.central.pool.query('SELECT address_sealed FROM notify_consents');
    expect(row.rows).toEqual([{ address_sealed: '' }]);

    const closed = await h.consent('t2', { channel: 'sms', phone: PHONE, aheadThreshold: 2 });
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('ticket_closed');
    const wrongKey = await fetch(`${h.central.url}/v1/public/halls/hall-n1/tickets/t1/notify?key=not-the-key-000`);
    expect(wrongKey.status).toBe(404);
    const bad = await h.consent('t1', { channel: 'sms', phone: '12345', aheadThreshold: 2 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/11-digit mobile number/);
  });

  it('WeChat subscription message: sent with the template fields in the visitor language, a refreshed access_token, and a timed-out send is never sent twice', async () => {
    // Checked against: the token refresh on 42001 removed (the message fails), and the WeChat
    // channel marked idempotent (the timed-out message is sent a second time).
    h = await startNotifyHarness(pg);
    h.wechat.subscribe('openid-visitor-1', 3);
    await h.push([ticket('t1'), ticket('t2')]);
    expect((await h.consent('t1', { channel: 'wechat', openid: 'openid-visitor-1', aheadThreshold: 0, lang: 'en' })).status).toBe(200);
    await h.push([ticket('t1', { status: 'called', counterNumber: 6, calledAt: h.clock.now }), ticket('t2')]);
    await h.round();
    expect(h.wechat.received('openid-visitor-1').map((n) => n.data)).toEqual([
      { character_string1: { value: 'A001' }, thing2: { value: 'Called' }, thing3: { value: '一号政务服务中心' }, thing4: { value: 'Go to counter 6' } },
    ]);
    h.wechat.expireTokens();
    h.clock.now += 60_000;
    await h.push([ticket('t1', { status: 'no_show', counterNumber: 6, calledAt: h.clock.now - 60_000 }), ticket('t2')], { missedRejoinMinutes: 0 });
    await h.round();
    expect(h.wechat.received('openid-visitor-1').map((n) => n.data.thing4?.value)).toEqual(['Go to counter 6', 'Take a new ticket']);
    expect(h.wechat.tokenRequests).toBe(2);

    h.wechat.subscribe('openid-visitor-2', 3);
    expect((await h.consent('t2', { channel: 'wechat', openid: 'openid-visitor-2', aheadThreshold: 0 })).status).toBe(200);
    h.wechat.delayMs = 1_500;
    await h.push([ticket('t2', { status: 'called', counterNumber: 1, calledAt: h.clock.now })]);
    await h.round();
    h.wechat.delayMs = 0;
    h.clock.now += 30_000;
    await h.round(2);
    expect(h.wechat.received('openid-visitor-2')).toHaveLength(1);
    const t2 = (await h.messages()).filter((m) => m.ticket_id === 't2');
    expect(t2).toMatchObject([{ kind: 'called', state: 'failed' }]);
    expect(t2[0]!.last_error).toMatch(/outcome unknown, not sent again/);
  });

  it('two central processes on one database: both decide and dispatch, the visitor gets each message once', async () => {
    // Checked against: claim() taking rows in `sending` too (the other process sends the same row
    // again: a repeat request).
    const databaseUrl = await pg.createDatabase();
    h = await startNotifyHarness(pg, { databaseUrl });
    const other = await startCentralServer({
      databaseUrl,
      rateLimit: false,
      now: () => h!.clock.now,
      notify: { keyFile: h.keyFile, sms: { url: h.sms.url, appKey: 'demo-app', appSecret: 'demo-secret', signName: '政务服务', timeoutMs: 400 }, pollMs: 3_600_000 },
    });
    try {
      await h.push([ticket('t1', { peopleAhead: 5 }), ticket('t2', { peopleAhead: 5 })]);
      await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 2 });
      await h.consent('t2', { channel: 'sms', phone: '13900002222', aheadThreshold: 2 });
      h.sms.delayMs = 150; // both processes are mid-send at once
      await h.push([ticket('t1', { peopleAhead: 2 }), ticket('t2', { status: 'called', counterNumber: 3, calledAt: h.clock.now })]);
      for (let i = 0; i < 3; i++) await Promise.all([h.central.notify!.runOnce(), other.notify!.runOnce(), h.central.notify!.runOnce(), other.notify!.runOnce()]);
      await h.sms.settled();
      expect(h.sms.received(PHONE)).toHaveLength(1);
      expect(h.sms.received('13900002222')).toHaveLength(1);
      expect(h.sms.requests).toHaveLength(2); // not even a repeat the gateway would have dropped
    } finally {
      await other.close();
    }
  });

  it('purges consents and messages after the ticket’s day + the retention; the key file is 0600 and a lost key with sealed numbers refuses to start', async () => {
    // Checked against: purge_after without the retention (purged at the end of the day), and
    // AddressSealer creating a fresh key whatever rows depend on the old one.
    const databaseUrl = await pg.createDatabase();
    h = await startNotifyHarness(pg, { databaseUrl, notify: { retentionDays: 2 } });
    await h.push([ticket('t1')]);
    await h.consent('t1', { channel: 'sms', phone: PHONE, aheadThreshold: 0 });
    await h.push([ticket('t1', { status: 'called', counterNumber: 2, calledAt: h.clock.now })]);
    await h.round();
    expect(fs.statSync(h.keyFile).mode & 0o777).toBe(0o600);
    const endOfDay = Date.parse(`${DAY}T00:00:00+08:00`) + 86_400_000;
    const purgeAfter = await h.central.pool.query('SELECT purge_after FROM notify_consents');
    expect(Number(purgeAfter.rows[0].purge_after)).toBe(endOfDay + 2 * 86_400_000);
    h.clock.now = endOfDay + 86_400_000 + 3_600_000;
    await h.round();
    expect(await h.messages()).toHaveLength(1);
    h.clock.now = endOfDay + 2 * 86_400_000 + 120_000;
    await h.round();
    expect(await h.messages()).toEqual([]);
    expect((await h.central.pool.query('SELECT * FROM notify_consents')).rows).toEqual([]);

    // A consent sealed again, then the key file lost: central refuses to start, saying how to recover.
    h.clock.now = T0;
    await h.push([ticket('t9')]);
    await h.consent('t9', { channel: 'sms', phone: PHONE, aheadThreshold: 0 });
    const keyFile = h.keyFile;
    await h.close();
    h = null;
    fs.rmSync(keyFile);
    await expect(startCentralServer({ databaseUrl, notify: { keyFile, sms: { url: 'http://127.0.0.1:9', appKey: 'a', appSecret: 'b', signName: 's' } } })).rejects.toThrow(/is missing, and 1 stored notification consent\(s\) were sealed with it.*forget-notify/);
  });
});
