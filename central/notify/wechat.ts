// The WeChat / 蒙速办 subscription-message channel behind the Notifier interface, on the
// official-account API shape:
//   GET  {base}/cgi-bin/token?grant_type=client_credential&appid=…&secret=…  → {access_token, expires_in} | {errcode, errmsg}
//   POST {base}/cgi-bin/message/subscribe/send?access_token=…  {touser, template_id, data:{key:{value}}, lang}
//        → {errcode: 0, errmsg: "ok"} | {errcode, errmsg}
// Contract: the access_token is cached until 5 minutes before it expires; an answer saying it is
// invalid or expired (40001, 40014, 42001) fetches a new one and sends once more. errcode 0 →
// delivered (WeChat's acceptance puts it in the visitor's 服务通知; there is no report);
// -1 (busy), 45009 (quota) → transient; any other errcode → permanent (43101: the visitor did not
// subscribe or used up the subscription). NOT idempotent: WeChat has no idempotency key, so a
// timeout or a cut-off answer is `unknown` and the dispatcher does not send it again.
// Template fields (a `thing` holds at most 20 characters, cut here): `fields` maps our four
// fields (number, status, hall, note) to the template's keys.
// Dangers: the openid travels in the body; never log it. The app secret is a secret.
import { HttpTransportError, type HttpClient } from '../../protocol/sync/http-client.js';
import { channelHttp, type Notifier, type OutgoingMessage, type SendOutcome } from './notifier.js';

export interface WeChatOptions {
  /** https://api.weixin.qq.com, or the 蒙速办 platform's equivalent base. */
  url: string;
  appId: string;
  appSecret: string;
  templateId: string;
  fields?: Partial<Record<keyof OutgoingMessage['fields'], string>>;
  timeoutMs?: number;
  now?: () => number;
  http?: HttpClient;
}

export const DEFAULT_WECHAT_FIELDS: Record<keyof OutgoingMessage['fields'], string> = { number: 'character_string1', status: 'thing2', hall: 'thing3', note: 'thing4' };
const TOKEN_INVALID = new Set([40001, 40014, 42001]);
const TRANSIENT = new Set([-1, 45009]);

export class WeChatSubscribeNotifier implements Notifier {
  readonly channel = 'wechat' as const;
  readonly idempotent = false;
  readonly timeoutMs: number;
  private readonly link: ReturnType<typeof channelHttp>;
  private readonly now: () => number;
  private token: { value: string; expiresAt: number } | null = null;
  private seq = 0;

  constructor(private readonly o: WeChatOptions) {
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.now = o.now ?? Date.now;
    this.link = channelHttp(o.http);
  }

  private base(): string {
    return this.o.url.replace(/\/+$/, '');
  }

  /** A cached access_token, or a fresh one; a string is a transient error's text. */
  private async accessToken(force: boolean): Promise<{ token: string } | SendOutcome> {
    if (!force && this.token && this.token.expiresAt > this.now()) return { token: this.token.value };
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.o.appId, secret: this.o.appSecret });
    let res;
    try {
      res = await this.link.http({ method: 'GET', url: `${this.base()}/cgi-bin/token?${q}`, timeoutMs: this.timeoutMs });
    } catch (err) {
      return { kind: 'transient', error: `WeChat token: ${(err as Error).message}` }; // nothing was sent to the visitor yet
    }
    const a = parse(res.body);
    if (res.status === 200 && typeof a.access_token === 'string') {
      const ttl = typeof a.expires_in === 'number' ? a.expires_in : 7200;
      this.token = { value: a.access_token, expiresAt: this.now() + Math.max(60, ttl - 300) * 1000 };
      return { token: a.access_token };
    }
    const code = typeof a.errcode === 'number' ? a.errcode : res.status;
    if (res.status >= 500 || code === -1) return { kind: 'transient', error: `WeChat token: busy (${code})` };
    return { kind: 'permanent', error: `WeChat token refused (${code} ${String(a.errmsg ?? '')}): check NOTIFY_WECHAT_APP_ID / NOTIFY_WECHAT_APP_SECRET` };
  }

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    for (let round = 0; round < 2; round++) {
      const t = await this.accessToken(round > 0);
      if ('kind' in t) return t;
      const names = { ...DEFAULT_WECHAT_FIELDS, ...this.o.fields };
      const data: Record<string, { value: string }> = {};
      for (const [field, key] of Object.entries(names)) data[key] = { value: [...m.fields[field as keyof typeof m.fields]].slice(0, 20).join('') };
      const body = JSON.stringify({ touser: m.address, template_id: this.o.templateId, data, lang: 'zh_CN' });
      let res;
      try {
        res = await this.link.http({ method: 'POST', url: `${this.base()}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(t.token)}`, headers: { 'content-type': 'application/json' }, body, timeoutMs: this.timeoutMs });
      } catch (err) {
        if (err instanceof HttpTransportError && !err.sent) return { kind: 'transient', error: `WeChat unreachable (${err.message})` };
        return { kind: 'unknown', error: `WeChat: ${err instanceof HttpTransportError ? err.kind : 'error'} — ${(err as Error).message}` };
      }
      const a = parse(res.body);
      if (res.status !== 200 || typeof a.errcode !== 'number') return { kind: 'unknown', error: `WeChat: HTTP ${res.status} without an errcode` };
      if (a.errcode === 0) return { kind: 'delivered', providerId: typeof a.msgid === 'number' || typeof a.msgid === 'string' ? String(a.msgid) : `wx-${++this.seq}` };
      if (TOKEN_INVALID.has(a.errcode)) {
        this.token = null;
        continue;
      }
      if (TRANSIENT.has(a.errcode)) return { kind: 'transient', error: `WeChat: ${a.errcode} ${String(a.errmsg ?? '')}` };
      return { kind: 'permanent', error: `WeChat refused the message: ${a.errcode} ${String(a.errmsg ?? '')}` };
    }
    return { kind: 'transient', error: 'WeChat: the access_token was refused twice' };
  }

  close(): void {
    this.link.close();
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
