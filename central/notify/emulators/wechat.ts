// A WeChat / 蒙速办 subscription-message API emulator (central/notify/wechat.ts): a real HTTP
// server with GET /cgi-bin/token (access_token, expiring after tokenTtlSeconds of its clock) and
// POST /cgi-bin/message/subscribe/send?access_token=… that checks the token (40001 invalid,
// 42001 expired), the template (40037), the visitor's subscription (43101: none left — each
// subscription the visitor accepted allows one message) and the fields (47003: a `thing` longer
// than 20 characters), then stores the message in the openid's 服务通知.
// Knobs: down()/up(), delayMs (slow: the message is stored first, then the answer waits),
// failNext(errcode, times), expireTokens(), subscribe(openid, times).
// Danger: test tool only — in memory, no TLS.
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import { EmulatorServer, json, parseJson } from './base.js';

export interface ServiceNotice {
  templateId: string;
  data: Record<string, { value: string }>;
  at: number;
  msgid: number;
}

export interface WeChatEmulatorOptions {
  appId?: string;
  appSecret?: string;
  templateId?: string;
  tokenTtlSeconds?: number;
  now?: () => number;
}

export class WeChatEmulator extends EmulatorServer {
  readonly appId: string;
  readonly appSecret: string;
  readonly templateId: string;
  /** Messages as each openid's 服务通知 shows them. */
  readonly notices = new Map<string, ServiceNotice[]>();
  readonly sends: { touser: string; errcode: number }[] = [];
  tokenRequests = 0;
  private readonly subscriptions = new Map<string, number>();
  private readonly tokens = new Map<string, number>();
  private readonly failures: number[] = [];
  private readonly ttl: number;
  private readonly now: () => number;
  private msgid = 1000;

  constructor(o: WeChatEmulatorOptions = {}) {
    super();
    this.appId = o.appId ?? 'wx-demo-app';
    this.appSecret = o.appSecret ?? 'wx-demo-secret';
    this.templateId = o.templateId ?? 'queue-reminder-template';
    this.ttl = o.tokenTtlSeconds ?? 7200;
    this.now = o.now ?? Date.now;
  }

  /** The visitor accepted the subscription `times` more times (one message each). */
  subscribe(openid: string, times = 1): void {
    this.subscriptions.set(openid, (this.subscriptions.get(openid) ?? 0) + times);
  }

  failNext(errcode: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(errcode);
  }

  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, this.now() - 1);
  }

  received(openid: string): ServiceNotice[] {
    return this.notices.get(openid) ?? [];
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      this.tokenRequests++;
      const q = url.searchParams;
      if (q.get('grant_type') !== 'client_credential') return json(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (q.get('appid') !== this.appId) return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      if (q.get('secret') !== this.appSecret) return json(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      const token = randomBytes(16).toString('hex');
      this.tokens.set(token, this.now() + this.ttl * 1000);
      return json(res, 200, { access_token: token, expires_in: this.ttl });
    }
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/message/subscribe/send') return json(res, 404, { errcode: 404, errmsg: 'not found' });
    const expiresAt = this.tokens.get(url.searchParams.get('access_token') ?? '');
    const answer = (errcode: number, errmsg: string, extra: Record<string, unknown> = {}) => {
      this.sends.push({ touser: String(parseJson(body)?.touser ?? ''), errcode });
      json(res, 200, { errcode, errmsg, ...extra });
    };
    if (expiresAt === undefined) return answer(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiresAt <= this.now()) return answer(42001, 'access_token expired');
    const fault = this.failures.shift();
    if (fault !== undefined) return answer(fault, fault === -1 ? 'system error' : 'injected');
    const b = parseJson(body);
    if (!b || typeof b.touser !== 'string' || typeof b.data !== 'object' || b.data === null) return answer(47001, 'data format error');
    if (b.template_id !== this.templateId) return answer(40037, 'invalid template_id');
    const data = b.data as Record<string, { value?: unknown }>;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v?.value !== 'string') return answer(47003, `argument invalid! data.${k}.value empty`);
      if (k.startsWith('thing') && [...v.value].length > 20) return answer(47003, `argument invalid! data.${k}.value exceeds 20 characters`);
    }
    const left = this.subscriptions.get(b.touser) ?? 0;
    if (left <= 0) return answer(43101, 'user refuse to accept the msg');
    this.subscriptions.set(b.touser, left - 1);
    const msgid = ++this.msgid;
    const list = this.notices.get(b.touser) ?? [];
    list.push({ templateId: b.template_id, data: data as ServiceNotice['data'], at: this.now(), msgid });
    this.notices.set(b.touser, list);
    await this.slow();
    answer(0, 'ok', { msgid });
  }
}
