// An HTTP SMS gateway emulator (central/notify/sms-protocol.ts): a real HTTP server that checks
// the appKey and signature, "delivers" each SMS to an in-memory handset, answers a message id,
// deduplicates by clientMsgId (a repeat answers the first msgId and sends nothing), and POSTs
// signed delivery reports to the callback URL.
// Knobs (tests, demos): down()/up() (refused connections), delayMs (slow: the SMS is taken and
// delivered first, then the answer waits — a client that times out has in fact sent it),
// failNext(status, code, times) (answers an error without sending), duplicateReports (every
// report is posted twice), reportBeforeAnswer (the report is posted before the send is answered),
// reportDelayMs, undeliverable (numbers whose report says UNDELIV).
// Danger: test tool only — in memory, no TLS; it holds numbers in clear (that is its job).
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { nodeHttpClient } from '../../../protocol/sync/http-client.js';
import { SMS_SEND_PATH, smsSendBodySchema, smsSignature, smsSignatureValid, type SmsReport } from '../sms-protocol.js';
import { EmulatorServer, json, parseJson } from './base.js';

export interface HandsetSms {
  msgId: string;
  clientMsgId: string;
  content: string;
  signName: string;
  at: number;
}

export interface SmsGatewayEmulatorOptions {
  apps?: { appKey: string; appSecret: string }[];
  now?: () => number;
}

export class SmsGatewayEmulator extends EmulatorServer {
  /** SMS as the handsets received them, by mobile number. */
  readonly handsets = new Map<string, HandsetSms[]>();
  /** Every send request taken (logged when taken, before a slow answer), with its answer status. */
  readonly requests: { clientMsgId: string; status: number; duplicate: boolean }[] = [];
  /** Reports posted to callbacks, with central's answer status (0: no answer). */
  readonly reportsPosted: { report: SmsReport; status: number }[] = [];
  duplicateReports = false;
  reportBeforeAnswer = false;
  reportDelayMs = 20;
  /** Where reports go when a send names no callbackUrl (a gateway console's setting). */
  callbackUrl: string | null = null;
  readonly undeliverable = new Set<string>();
  private readonly byClientId = new Map<string, string>();
  private readonly failures: { status: number; code: string }[] = [];
  private readonly apps: Map<string, string>;
  private readonly now: () => number;
  private readonly http = nodeHttpClient();
  private pending = new Set<Promise<void>>();
  private seq = 0;

  constructor(o: SmsGatewayEmulatorOptions = {}) {
    super();
    this.apps = new Map((o.apps ?? [{ appKey: 'demo-app', appSecret: 'demo-secret' }]).map((a) => [a.appKey, a.appSecret]));
    this.now = o.now ?? Date.now;
  }

  /** The next `times` sends answer `status` with `code` and send nothing. */
  failNext(status: number, code: string, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, code });
  }

  received(mobile: string): HandsetSms[] {
    return this.handsets.get(mobile) ?? [];
  }

  /** Waits until every report posted so far has been answered. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  override async close(): Promise<void> {
    await this.settled();
    await super.close();
    this.http.close();
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== SMS_SEND_PATH) return json(res, 404, { code: 'NOT_FOUND' });
    const appKey = String(req.headers['x-app-key'] ?? '');
    const secret = this.apps.get(appKey);
    if (!secret || !smsSignatureValid(secret, 'POST', SMS_SEND_PATH, req.headers, body)) return json(res, 401, { code: 'AUTH_FAILED', message: 'unknown appKey or bad signature' });
    const parsed = smsSendBodySchema.safeParse(parseJson(body));
    if (!parsed.success) return json(res, 400, { code: 'INVALID_CONTENT', message: parsed.error.issues[0]?.message });
    const m = parsed.data;
    const fault = this.failures.shift();
    if (fault) {
      this.requests.push({ clientMsgId: m.clientMsgId, status: fault.status, duplicate: false });
      return json(res, fault.status, { code: fault.code }, fault.status === 429 ? { 'retry-after': '1' } : {});
    }
    if (!/^1[3-9]\d{9}$/.test(m.mobile)) return json(res, 400, { code: 'INVALID_MOBILE' });
    if (m.content.length === 0 || m.content.length > 500) return json(res, 400, { code: 'INVALID_CONTENT' });
    const held = this.byClientId.get(m.clientMsgId);
    if (held) {
      this.requests.push({ clientMsgId: m.clientMsgId, status: 200, duplicate: true });
      await this.slow();
      return json(res, 200, { code: 'OK', msgId: held, duplicate: true });
    }
    const msgId = `SM${Date.now().toString(36)}${(++this.seq).toString(36)}${randomBytes(3).toString('hex')}`;
    this.byClientId.set(m.clientMsgId, msgId);
    const list = this.handsets.get(m.mobile) ?? [];
    list.push({ msgId, clientMsgId: m.clientMsgId, content: m.content, signName: m.signName, at: this.now() });
    this.handsets.set(m.mobile, list);
    const report: SmsReport = { reportId: `R${msgId}`, msgId, clientMsgId: m.clientMsgId, status: this.undeliverable.has(m.mobile) ? 'UNDELIV' : 'DELIVRD', ...(this.undeliverable.has(m.mobile) ? { errCode: 'MK:0001' } : {}), reportTime: this.now() };
    const callback = m.callbackUrl ?? this.callbackUrl;
    if (callback) {
      if (this.reportBeforeAnswer) await this.report(callback, secret, appKey, report);
      else this.track(new Promise((r) => setTimeout(r, this.reportDelayMs)).then(() => this.report(callback, secret, appKey, report)));
    }
    this.requests.push({ clientMsgId: m.clientMsgId, status: 200, duplicate: false });
    await this.slow();
    json(res, 200, { code: 'OK', msgId });
  }

  private track(p: Promise<void>): void {
    const t = p.catch(() => undefined).finally(() => this.pending.delete(t));
    this.pending.add(t);
  }

  private async report(url: string, secret: string, appKey: string, report: SmsReport): Promise<void> {
    for (let i = 0; i < (this.duplicateReports ? 2 : 1); i++) {
      const body = JSON.stringify({ reports: [report] });
      const timestamp = String(Date.now());
      const nonce = randomBytes(8).toString('hex');
      const path = new URL(url).pathname;
      const entry = { report, status: 0 };
      this.reportsPosted.push(entry);
      try {
        const res = await this.http({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'x-app-key': appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': smsSignature(secret, 'POST', path, timestamp, nonce, body) },
          body,
          timeoutMs: 5000,
        });
        entry.status = res.status;
      } catch {
        entry.status = 0;
      }
    }
  }
}
