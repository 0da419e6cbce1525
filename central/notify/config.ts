// Central's notification settings, as an operator sets them: environment variables of
// `central/main.ts serve` (docs/notifications.md), parsed into NotifyOptions.
//   NOTIFY_KEY_FILE            the AES-256-GCM key of stored addresses (created 0600 on first use)
//   NOTIFY_SMS_URL, NOTIFY_SMS_APP_KEY, NOTIFY_SMS_APP_SECRET, NOTIFY_SMS_SIGN_NAME,
//   NOTIFY_SMS_CALLBACK_URL    the HTTP SMS gateway, and where it posts delivery reports
//   NOTIFY_WECHAT_URL (https://api.weixin.qq.com), NOTIFY_WECHAT_APP_ID, NOTIFY_WECHAT_APP_SECRET,
//   NOTIFY_WECHAT_TEMPLATE_ID, NOTIFY_WECHAT_FIELDS (JSON: our field → template key)
//   NOTIFY_RETENTION_DAYS (1)  consents and messages are deleted this long after the ticket's day
//   NOTIFY_COME_NOW_MINUTES (3) a "please come to counter X" not sent by then is dropped
//   NOTIFY_AHEAD_MINUTES (10)  the same for "N people ahead"
//   NOTIFY_TIMEOUT_MS (5000)   one request to a gateway
// Contract: no channel set → notifications off (undefined); a channel set without the key file,
// or a value that does not parse → NotifyConfigError naming the variable and what to write.
import type { SmsGatewayOptions } from './sms-gateway.js';
import type { WeChatOptions } from './wechat.js';

export class NotifyConfigError extends Error {
  override name = 'NotifyConfigError';
}

export interface NotifyOptions {
  keyFile: string;
  sms?: SmsGatewayOptions;
  wechat?: WeChatOptions;
  retentionDays?: number;
  comeNowMinutes?: number;
  aheadMinutes?: number;
  /** How often the worker looks for board changes and due messages (default 1000 ms). */
  pollMs?: number;
}

type Env = Record<string, string | undefined>;

function number(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new NotifyConfigError(`${name} "${raw}" must be a number from ${min} to ${max}`);
  return n;
}

function required(env: Env, group: string, names: string[]): Record<string, string> {
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) throw new NotifyConfigError(`${group} is set but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
  return Object.fromEntries(names.map((n) => [n, env[n]!]));
}

export function notifyOptionsFromEnv(env: Env): NotifyOptions | undefined {
  const timeoutMs = number(env, 'NOTIFY_TIMEOUT_MS', 100, 60_000);
  let sms: SmsGatewayOptions | undefined;
  if (env.NOTIFY_SMS_URL) {
    const v = required(env, 'NOTIFY_SMS_URL', ['NOTIFY_SMS_APP_KEY', 'NOTIFY_SMS_APP_SECRET']);
    sms = {
      url: env.NOTIFY_SMS_URL,
      appKey: v.NOTIFY_SMS_APP_KEY!,
      appSecret: v.NOTIFY_SMS_APP_SECRET!,
      signName: env.NOTIFY_SMS_SIGN_NAME || '政务服务',
      ...(env.NOTIFY_SMS_CALLBACK_URL ? { callbackUrl: env.NOTIFY_SMS_CALLBACK_URL } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    };
  }
  let wechat: WeChatOptions | undefined;
  if (env.NOTIFY_WECHAT_APP_ID) {
    const v = required(env, 'NOTIFY_WECHAT_APP_ID', ['NOTIFY_WECHAT_APP_SECRET', 'NOTIFY_WECHAT_TEMPLATE_ID']);
    let fields: WeChatOptions['fields'];
    if (env.NOTIFY_WECHAT_FIELDS) {
      try {
        fields = JSON.parse(env.NOTIFY_WECHAT_FIELDS) as WeChatOptions['fields'];
      } catch {
        throw new NotifyConfigError('NOTIFY_WECHAT_FIELDS must be JSON such as {"number":"character_string1","status":"thing2","hall":"thing3","note":"thing4"}');
      }
      for (const [k, val] of Object.entries(fields ?? {})) {
        if (!['number', 'status', 'hall', 'note'].includes(k) || typeof val !== 'string') throw new NotifyConfigError(`NOTIFY_WECHAT_FIELDS: "${k}" must be one of number, status, hall, note, mapped to a template key`);
      }
    }
    wechat = {
      url: env.NOTIFY_WECHAT_URL || 'https://api.weixin.qq.com',
      appId: env.NOTIFY_WECHAT_APP_ID,
      appSecret: v.NOTIFY_WECHAT_APP_SECRET!,
      templateId: v.NOTIFY_WECHAT_TEMPLATE_ID!,
      ...(fields ? { fields } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    };
  }
  if (!sms && !wechat) return undefined;
  if (!env.NOTIFY_KEY_FILE) throw new NotifyConfigError('notifications are configured but NOTIFY_KEY_FILE is not: set it to a file path central keeps the address key in (created on first use)');
  const retentionDays = number(env, 'NOTIFY_RETENTION_DAYS', 0, 365);
  const comeNowMinutes = number(env, 'NOTIFY_COME_NOW_MINUTES', 1, 60);
  const aheadMinutes = number(env, 'NOTIFY_AHEAD_MINUTES', 1, 240);
  return {
    keyFile: env.NOTIFY_KEY_FILE,
    ...(sms ? { sms } : {}),
    ...(wechat ? { wechat } : {}),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(comeNowMinutes !== undefined ? { comeNowMinutes } : {}),
    ...(aheadMinutes !== undefined ? { aheadMinutes } : {}),
  };
}
