// The SMS channel: an HTTP SMS gateway (sms-protocol.ts) behind the Notifier interface.
// Contract: idempotent — every send carries clientMsgId = central's messageId and the gateway
// answers a repeat with the first msgId without sending again, so a timeout is retried safely.
// Outcomes: 200 OK → sent (delivery follows as a report to callbackUrl); refused connection →
// transient; timeout, broken answer or 5xx → unknown (retried: idempotent); 429 → transient
// with Retry-After; 400 INVALID_* → permanent; 401 → permanent (wrong appKey/secret: the
// operator must fix the setting — the error says so).
// Dangers: the request body holds the mobile number in clear; errors carry codes only.
import { randomBytes } from 'node:crypto';
import { HttpTransportError, type HttpClient } from '../../protocol/sync/http-client.js';
import { channelHttp, type Notifier, type OutgoingMessage, type SendOutcome } from './notifier.js';
import { SMS_SEND_PATH, smsSignature } from './sms-protocol.js';

export interface SmsGatewayOptions {
  url: string;
  appKey: string;
  appSecret: string;
  /** 短信签名 the gateway puts in 【】 (registered with the carrier). */
  signName: string;
  /** Where the gateway POSTs delivery reports (central's public /v1/notify/sms/reports). */
  callbackUrl?: string;
  timeoutMs?: number;
  http?: HttpClient;
}

export class SmsGatewayNotifier implements Notifier {
  readonly channel = 'sms' as const;
  readonly idempotent = true;
  readonly timeoutMs: number;
  private readonly link: ReturnType<typeof channelHttp>;

  constructor(private readonly o: SmsGatewayOptions) {
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.link = channelHttp(o.http);
  }

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const body = JSON.stringify({ mobile: m.address, content: m.text, signName: this.o.signName, clientMsgId: m.messageId, ...(this.o.callbackUrl ? { callbackUrl: this.o.callbackUrl } : {}) });
    const timestamp = String(Date.now());
    const nonce = randomBytes(8).toString('hex');
    let res;
    try {
      res = await this.link.http({
        method: 'POST',
        url: this.o.url.replace(/\/+$/, '') + SMS_SEND_PATH,
        headers: {
          'content-type': 'application/json',
          'x-app-key': this.o.appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': smsSignature(this.o.appSecret, 'POST', SMS_SEND_PATH, timestamp, nonce, body),
        },
        body,
        timeoutMs: this.timeoutMs,
      });
    } catch (err) {
      if (err instanceof HttpTransportError && !err.sent) return { kind: 'transient', error: `SMS gateway unreachable (${err.message})` };
      return { kind: 'unknown', error: `SMS gateway: ${err instanceof HttpTransportError ? err.kind : 'error'} — ${(err as Error).message}` };
    }
    let answer: { code?: unknown; msgId?: unknown } = {};
    try {
      answer = JSON.parse(res.body) as typeof answer;
    } catch {
      // an unreadable answer: below
    }
    const code = typeof answer.code === 'string' ? answer.code : `HTTP_${res.status}`;
    if (res.status === 200 && code === 'OK' && typeof answer.msgId === 'string' && answer.msgId) return { kind: 'sent', providerId: answer.msgId };
    if (res.status === 200) return { kind: 'unknown', error: `SMS gateway answered 200 without a message id (${code})` };
    if (res.status === 429) {
      const after = Number(res.headers['retry-after']);
      return { kind: 'transient', error: 'SMS gateway: RATE_LIMITED', ...(Number.isFinite(after) && after >= 0 ? { retryAfterMs: after * 1000 } : {}) };
    }
    if (res.status === 401) return { kind: 'permanent', error: `SMS gateway refused the credentials (${code}): check NOTIFY_SMS_APP_KEY / NOTIFY_SMS_APP_SECRET` };
    if (res.status >= 400 && res.status < 500) return { kind: 'permanent', error: `SMS gateway refused the message: ${code}` };
    return { kind: 'unknown', error: `SMS gateway: HTTP ${res.status} ${code}` };
  }

  close(): void {
    this.link.close();
  }
}
