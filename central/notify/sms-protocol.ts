// The HTTP SMS gateway's wire format, shared by central's channel (sms-gateway.ts), its
// delivery-report route (routes.ts) and the emulator (emulators/sms-gateway.ts).
//   POST {gateway}/v1/sms/send   headers X-App-Key, X-Timestamp (ms), X-Nonce, X-Signature
//        body {mobile, content, signName, clientMsgId, callbackUrl?}
//        → 200 {code:"OK", msgId, duplicate?}   the same clientMsgId within a day answers the
//                                               first msgId with duplicate:true, sends nothing
//        → 400 {code:"INVALID_MOBILE"|"INVALID_CONTENT", message}   → 401 {code:"AUTH_FAILED"}
//        → 429 {code:"RATE_LIMITED"} (Retry-After)                  → 5xx {code:"SYSTEM_BUSY"}
//   POST {callbackUrl}  the gateway's delivery reports, signed the same way with the callback's path:
//        body {reports:[{reportId, msgId, clientMsgId, status:"DELIVRD"|"UNDELIV", errCode, reportTime}]}
//        → 200 {code:"OK"}; reports may come twice, late, or before the send's own answer.
// Signature: hex HMAC-SHA256(appSecret, METHOD \n path \n timestamp \n nonce \n hex sha256(body)).
// Dangers: the body holds the mobile number in clear — never log a request or a body.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SMS_SEND_PATH = '/v1/sms/send';

export function smsSignature(secret: string, method: string, path: string, timestamp: string, nonce: string, body: string): string {
  const digest = createHash('sha256').update(body, 'utf8').digest('hex');
  return createHmac('sha256', secret).update(`${method}\n${path}\n${timestamp}\n${nonce}\n${digest}`, 'utf8').digest('hex');
}

export function smsSignatureValid(secret: string, method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const h = (n: string) => {
    const v = headers[n];
    return typeof v === 'string' ? v : '';
  };
  const expected = Buffer.from(smsSignature(secret, method, path, h('x-timestamp'), h('x-nonce'), body), 'utf8');
  const given = Buffer.from(h('x-signature'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const smsSendBodySchema = z.object({
  mobile: z.string(),
  content: z.string(),
  signName: z.string(),
  clientMsgId: z.string().min(1).max(100),
  callbackUrl: z.string().url().optional(),
});
export type SmsSendBody = z.infer<typeof smsSendBodySchema>;

export const smsReportSchema = z.object({
  reportId: z.string().min(1).max(100),
  msgId: z.string().min(1).max(100),
  clientMsgId: z.string().max(100).optional(),
  status: z.enum(['DELIVRD', 'UNDELIV']),
  errCode: z.string().max(40).optional(),
  reportTime: z.number().int(),
});
export type SmsReport = z.infer<typeof smsReportSchema>;
export const smsReportsBodySchema = z.object({ reports: z.array(smsReportSchema).min(1).max(500) });
